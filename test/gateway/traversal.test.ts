import { InProcessApp } from '../../src/app/in-process';
import { EXECUTIONS, measure, queryInProcess, startInProcess } from '../helpers/app';
import { costDirectivesOf } from '../../src/gateway/limits';
import { Page } from '../helpers/graphql';
import { gid } from '../helpers/subgraph';
import { expectStatementsOfSlices } from '../helpers/slices';

type Named = { __typename: string; name?: string; number?: number; display?: string };
type Edge = { relation: string; from: Named; to: Named };
type Slugged = { slug: string };

// the fields each owner adds: resolved at the owner, as node() does
const NODE = `__typename ... on Model { name } ... on Dataset { name } ... on Sector { name } ... on Risk { name }
  ... on Result { display } ... on Citation { number label } ... on Task { name } ... on Metric { name }`;
const NEIGHBORS = `query($id: ID!, $depth: Int, $types: [SearchType!]) { neighbors(id: $id, depth: $depth, types: $types) {
  center { ${NODE} } nodes { ${NODE} } edges { relation from { ${NODE} } to { ${NODE} } } } }`;
const PATH = `query($from: ID!, $to: ID!, $maxDepth: Int) { path(from: $from, to: $to, maxDepth: $maxDepth) {
  relation from { ${NODE} } to { ${NODE} } } }`;

const brief = (n: Named) => n.name ?? n.display ?? `[${n.number}]`;
const edges = (list: Edge[]) => list.map((e) => `${brief(e.from)} ${e.relation} ${brief(e.to)}`);

describe.each(EXECUTIONS)('where, citation ordering and traversal through the gateway (%s)', (execution) => {
  const q = queryInProcess(execution);

  it('risks(where:): risks whose examples include a closed model', async () => {
    const { risks } = await q.data<{ risks: (Slugged & { models: { name: string; access: string }[] })[] }>(
      '{ risks(where: { models: { some: { access: { eq: CLOSED } } } }) { slug models { name access } } }',
    );
    expect(risks.map((r) => r.slug)).toEqual(['data', 'privacy', 'transparency']);
    expect(risks.map((r) => r.models.filter((m) => m.access === 'CLOSED').map((m) => m.name))).toEqual([
      ['ChatGPT'],
      ['ChatGPT'],
      ['ChatGPT', 'Med-PaLM 2'],
    ]);
  });

  it('audits { risksWithoutMitigation } equals risks(where: { mitigations: { none: {} } })', async () => {
    const res = await q.data<{ audits: { risksWithoutMitigation: Slugged[] }; risks: Slugged[] }>(
      '{ audits { risksWithoutMitigation { slug } } risks(where: { mitigations: { none: {} } }) { slug } }',
    );
    expect(res.risks).toEqual(res.audits.risksWithoutMitigation);
    expect(res.risks.map((r) => r.slug)).toEqual(['data', 'computation', 'transparency']);
  });

  it('citations(where:, orderBy:): a mention in Section III-D, most mentioned first', async () => {
    const { citations } = await q.data<{
      citations: Page<{ number: number; mentions: { section: string }[] }> & { totalCount: number };
    }>(
      `{ citations(where: { section: { eq: "Section III-D" } }, orderBy: { field: MENTION_COUNT, direction: DESC }, first: 3) {
         totalCount nodes { number mentions { section } } } }`,
    );
    expect(citations.totalCount).toBe(28);
    // [19] is cited four times, twice in III-D; [1] and [9] three times: paper order breaks the tie
    expect(citations.nodes.map((c) => [c.number, c.mentions.length])).toEqual([
      [19, 4],
      [1, 3],
      [9, 3],
    ]);
    expect(citations.nodes.every((c) => c.mentions.some((m) => m.section === 'Section III-D'))).toBe(true);
  });

  it('citations(last:) pages back from the end', async () => {
    const { citations } = await q.data<{ citations: Page<{ number: number }> }>(
      '{ citations(orderBy: { field: NUMBER, direction: DESC }, last: 2) { nodes { number } } }',
    );
    expect(citations.nodes.map((c) => c.number)).toEqual([2, 1]);
  });

  it("neighbors: ESMfold's sector, training data, result and reference, with the owners' fields", async () => {
    const { neighbors } = await q.data<{ neighbors: { center: Named; nodes: Named[]; edges: Edge[] } }>(
      NEIGHBORS,
      { id: gid('Model', 'esmfold') },
    );
    expect(neighbors.center).toEqual({ __typename: 'Model', name: 'ESMfold' });
    expect(neighbors.nodes).toEqual([
      { __typename: 'Sector', name: 'Bioinformatics' },
      { __typename: 'Dataset', name: 'UniRef' },
      { __typename: 'Result', display: '0.68' },
      { __typename: 'Citation', number: 84, label: 'ESMfold' },
    ]);
    expect(edges(neighbors.edges)).toEqual([
      'ESMfold sectors Bioinformatics',
      'ESMfold trainedOn UniRef',
      'UniRef sector Bioinformatics',
      '0.68 model ESMfold',
      '[84] supports ESMfold',
    ]);
  });

  it('path: from a model to a risk, null past maxDepth', async () => {
    const { path } = await q.data<{ path: Edge[] }>(PATH, {
      from: gid('Model', 'esmfold'),
      to: gid('Risk', 'privacy'),
    });
    expect(edges(path)).toEqual([
      'ESMfold sectors Bioinformatics',
      'Big Fantastic Database sector Bioinformatics',
      'Data datasets Big Fantastic Database',
      'Data models ChatGPT',
      'Privacy models ChatGPT',
    ]);
    const short = await q.data<{ path: null }>(PATH, {
      from: gid('Model', 'esmfold'),
      to: gid('Risk', 'privacy'),
      maxDepth: 4,
    });
    expect(short.path).toBeNull();
  });

  it('bad arguments are BAD_USER_INPUT from the literature subgraph', async () => {
    const res = await q(NEIGHBORS, { id: gid('Model', 'esmfold'), depth: 9 });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth', max: 3 });
    const unknown = await q(PATH, { from: 'nonsense', to: gid('Risk', 'privacy') });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    expect(unknown.data).toEqual({ path: null });
  });
});

describe.each(EXECUTIONS)(
  'traversal (%s): SQL statements per level do not grow with the graph',
  (execution) => {
    let real: InProcessApp;
    let tenfold: InProcessApp;
    beforeAll(async () => {
      [real, tenfold] = await Promise.all([startInProcess(1, execution), startInProcess(10, execution)]);
    });
    afterAll(async () => {
      await real?.close();
      await tenfold?.close();
    });

    it.each([
      ['neighbors at depth 2', NEIGHBORS, { id: gid('Model', 'esmfold'), depth: 2 }],
      ['a path of three relations', PATH, { from: gid('Citation', 84), to: gid('Dataset', 'casp14') }],
      [
        'risks and citations with where',
        `{ risks(where: { models: { some: { access: { eq: CLOSED } } } }) { name models { name } }
         citations(where: { supportsRisks: { some: {} } }, orderBy: { field: SUPPORT_COUNT, direction: DESC }) { nodes { number supports { id } } } }`,
        {},
      ],
    ])('%s', async (_, query, variables) => {
      const small = await measure(real, query, variables);
      const large = await measure(tenfold, query, variables);
      expect(small.response.errors).toBeUndefined();
      expect(large.response.errors).toBeUndefined();
      expectStatementsOfSlices(execution, small.sql, { sql: large.sql, data: large.response.data });
      expect(large.fetches).toBe(small.fetches);
    });

    it('a search that reaches more than its budget is refused, not run on', async () => {
      // ten times the graph: ESMfold's sector holds ten times the models, each with its results
      const m = await measure(tenfold, PATH, { from: gid('Model', 'esmfold'), to: gid('Risk', 'privacy') });
      expect(m.response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'maxDepth',
        max: 5000,
      });
      // the ends, then at most the five levels
      expect(m.sql.literature).toBeLessThanOrEqual(6);
      const deep = await measure(tenfold, NEIGHBORS, { id: gid('Sector', 'bioinformatics'), depth: 3 });
      expect(deep.response.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'depth',
      });
    });

    it('the cost limit counts the traversal lists by their bounds', () => {
      const { listSizes } = costDirectivesOf(real.composition.supergraph);
      expect(listSizes.get('Neighborhood.nodes')?.assumedSize).toBe(1000);
      expect(listSizes.get('Neighborhood.edges')?.assumedSize).toBe(2000);
      expect(listSizes.get('Query.path')?.assumedSize).toBe(8);
    });
  },
);
