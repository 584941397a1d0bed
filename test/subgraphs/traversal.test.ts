import { dataOf } from '../helpers/graphql';
import { gid, seededSubgraph } from '../helpers/subgraph';

type Ref = { __typename: string; id: string };
type Edge = { relation: string; from: Ref; to: Ref };
type Hood = { center: Ref; nodes: Ref[]; edges: Edge[] };

const REF = '__typename id';
const NEIGHBORS = `query($id: ID!, $depth: Int, $types: [SearchType!]) { neighbors(id: $id, depth: $depth, types: $types) {
  center { ${REF} } nodes { ${REF} } edges { relation from { ${REF} } to { ${REF} } } } }`;
const PATH = `query($from: ID!, $to: ID!, $maxDepth: Int) { path(from: $from, to: $to, maxDepth: $maxDepth) {
  relation from { ${REF} } to { ${REF} } } }`;

const ref = (type: string, key: string | number): Ref => ({ __typename: type, id: gid(type, key) });
const edge = (from: Ref, relation: string, to: Ref): Edge => ({ relation, from, to });
const ESMFOLD = ref('Model', 'esmfold');

describe('neighbors and path on the literature subgraph, executed directly', () => {
  const literature = seededSubgraph('literature');
  const neighbors = async (variables: Record<string, unknown>) => {
    const res = await literature.run<{ neighbors: Hood }>(NEIGHBORS, variables);
    return { ...dataOf(res).neighbors, sql: res.sql };
  };
  const path = async (variables: Record<string, unknown>) => {
    const res = await literature.run<{ path: Edge[] | null }>(PATH, variables);
    return { path: dataOf(res).path, sql: res.sql };
  };

  it("ESMfold's neighbors at depth 1: its sector, training data, result and reference, and the relations among them", async () => {
    const hood = await neighbors({ id: ESMFOLD.id });
    const [sector, uniref, result, citation] = [
      ref('Sector', 'bioinformatics'),
      ref('Dataset', 'uniref'),
      ref('Result', 'esmfold-casp14-tm-score'),
      ref('Citation', 84),
    ];
    expect(hood.center).toEqual(ESMFOLD);
    // nearest first, then in paper order (type by type)
    expect(hood.nodes).toEqual([sector, uniref, result, citation]);
    expect(hood.edges).toEqual([
      edge(ESMFOLD, 'sectors', sector),
      edge(ESMFOLD, 'trainedOn', uniref),
      // between two neighbors: UniRef is a bioinformatics dataset
      edge(uniref, 'sector', sector),
      // declared on the other side, named by the field that declares it, from/to as that field has them
      edge(result, 'model', ESMFOLD),
      edge(citation, 'supports', ESMFOLD),
    ]);
    // the center, one level, the relations among the level, the citation
    expect(hood.sql).toBe(4);
  });

  it('a reference as the center: what [10] supports', async () => {
    const res = await literature.run<{ neighbors: { center: { number: number }; nodes: Ref[] } }>(
      `query($id: ID!) { neighbors(id: $id) { center { ... on Citation { number } } nodes { ${REF} } } }`,
      { id: gid('Citation', 10) },
    );
    const { center, nodes } = dataOf(res).neighbors;
    // the literature subgraph's own citation, with its fields; LLaMA, Computation and Sustainability as stubs
    expect(center).toEqual({ number: 10 });
    expect(nodes).toEqual([ref('Model', 'llama'), ref('Risk', 'computation'), ref('Risk', 'sustainability')]);
  });

  it('types selects what is returned, not what is traversed', async () => {
    const hood = await neighbors({ id: ESMFOLD.id, depth: 2, types: ['METRIC', 'TASK'] });
    // the tasks of its sector (one of them its result's), and its result's metric
    expect(hood.nodes).toEqual([
      ...[
        'msa-free-protein-sequence-prediction',
        'rna-structure-prediction',
        'gb1-fitness-prediction',
        'antibody-structure-prediction',
      ].map((t) => ref('Task', t)),
      ref('Metric', 'tm-score'),
    ]);
    expect(hood.edges).toEqual([]);
    const privacy = await neighbors({ id: gid('Risk', 'privacy'), types: ['MODEL', 'MITIGATION'] });
    // data/risks.json: ChatGPT and DALL-E, and its one mitigation
    expect(privacy.nodes).toEqual([
      ref('Model', 'chatgpt'),
      ref('Model', 'dall-e'),
      ref('Mitigation', 'refusal-fine-tuning'),
    ]);
    expect(privacy.edges.map((e) => [e.relation, e.from.id, e.to.id])).toEqual([
      ['models', gid('Risk', 'privacy'), gid('Model', 'chatgpt')],
      ['models', gid('Risk', 'privacy'), gid('Model', 'dall-e')],
      ['mitigations', gid('Risk', 'privacy'), gid('Mitigation', 'refusal-fine-tuning')],
    ]);
  });

  it('costs one statement per level whatever the neighborhood holds', async () => {
    const sector = gid('Sector', 'bioinformatics');
    const counts = [];
    for (const depth of [1, 2, 3])
      counts.push((await neighbors({ id: sector, depth, types: ['SECTOR'] })).sql);
    // the center, `depth` levels, the relations among the last level (none is asked for: no citation to load)
    expect(counts).toEqual([2, 3, 4]);
    const wide = await neighbors({ id: sector, depth: 3 });
    expect(wide.nodes.length).toBeGreaterThan(50);
    expect(wide.sql).toBe(6);
  });

  it('a shortest path from a model to a risk', async () => {
    const chatgpt = await path({ from: gid('Model', 'chatgpt'), to: gid('Risk', 'privacy') });
    expect(chatgpt.path).toEqual([edge(ref('Risk', 'privacy'), 'models', ref('Model', 'chatgpt'))]);
    const esm = await path({ from: ESMFOLD.id, to: gid('Risk', 'privacy') });
    // no risk names ESMfold: through its sector, a dataset of the sector the Data risk names, and ChatGPT
    expect(esm.path).toEqual([
      edge(ESMFOLD, 'sectors', ref('Sector', 'bioinformatics')),
      edge(ref('Dataset', 'big-fantastic-database'), 'sector', ref('Sector', 'bioinformatics')),
      edge(ref('Risk', 'data'), 'datasets', ref('Dataset', 'big-fantastic-database')),
      edge(ref('Risk', 'data'), 'models', ref('Model', 'chatgpt')),
      edge(ref('Risk', 'privacy'), 'models', ref('Model', 'chatgpt')),
    ]);
    // both ends in one statement, then one per level
    expect(esm.sql).toBe(1 + 5);
    expect(await path({ from: ESMFOLD.id, to: gid('Risk', 'privacy'), maxDepth: 4 })).toEqual({
      path: null,
      sql: 1 + 4,
    });
  });

  it('null for an entity nothing relates, an empty chain to itself', async () => {
    // reference [189] supports nothing and no mitigation cites it
    const lonely = await path({ from: ESMFOLD.id, to: gid('Citation', 189), maxDepth: 8 });
    expect(lonely.path).toBeNull();
    expect((await path({ from: ESMFOLD.id, to: ESMFOLD.id, maxDepth: 0 })).path).toEqual([]);
  });

  it.each([
    ['a depth out of range', NEIGHBORS, { id: gid('Model', 'esmfold'), depth: 4 }, 'depth'],
    ['depth 0', NEIGHBORS, { id: gid('Model', 'esmfold'), depth: 0 }, 'depth'],
    ['a malformed id', NEIGHBORS, { id: 'esmfold' }, 'id'],
    ['an id that names nothing', NEIGHBORS, { id: gid('Model', 'no-such-model') }, 'id'],
    ['a maxDepth over 8', PATH, { from: ESMFOLD.id, to: ESMFOLD.id, maxDepth: 9 }, 'maxDepth'],
    ['an unknown end', PATH, { from: ESMFOLD.id, to: gid('Risk', 'boredom') }, 'to'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_, query, variables, argument) => {
    const res = await literature.run(query, variables);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
