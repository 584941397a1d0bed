import { dataOf } from '../helpers/graphql';
import { gid, seededSubgraph } from '../helpers/subgraph';

type Cited = { citations: { number: number }[] };

const literature = seededSubgraph('literature');
const { entities } = literature;

describe('the literature subgraph, executed directly', () => {
  it('resolves citations and adds `citations` to the entities other subgraphs own', async () => {
    const res = await entities<{ _entities: (Cited & { number?: number; label?: string })[] }>(
      `... on Citation { number label } ... on Model { citations { number } } ... on Task { citations { number } }
      ... on Dataset { citations { number } } ... on Risk { citations { number } } ... on Result { citations { number } } ... on Metric { citations { number } }`,
      [
        { __typename: 'Citation', id: gid('Citation', 84) },
        { __typename: 'Model', id: gid('Model', 'esmfold') },
        { __typename: 'Risk', id: gid('Risk', 'sustainability') },
        { __typename: 'Result', id: gid('Result', 'xtrimopglm-antibody-structure-prediction-tm-score') },
        { __typename: 'Task', id: gid('Task', 'rna-structure-prediction') },
        { __typename: 'Dataset', id: gid('Dataset', 'laion-5b') },
        { __typename: 'Metric', id: gid('Metric', 'rmse') },
      ],
    );
    const [citation, model, risk, result, task, dataset, metric] = dataOf(res)._entities;
    expect(citation).toEqual({ __typename: 'Citation', number: 84, label: 'ESMfold' });
    expect(model.citations).toContainEqual({ number: 84 });
    expect(risk.citations.map((c) => c.number)).toEqual(expect.arrayContaining([184, 185]));
    expect(result.citations).toEqual([{ number: 87 }]);
    // data/tasks.json: the paper cites nothing for the RNA structure prediction task itself
    expect(task.citations).toEqual([]);
    expect(dataset.citations).toContainEqual({ number: 57 });
    expect(metric.citations).toEqual([]);
  });

  it("lists a sector's references from the section the catalog says it has (@requires)", async () => {
    const res = await entities<{ _entities: Cited[] }>('... on Sector { citations { number } }', [
      { __typename: 'Sector', id: gid('Sector', 'medical-robotics'), section: 'III-G' },
    ]);
    const numbers = dataOf(res)._entities[0].citations.map((c) => c.number);
    expect(numbers).toEqual(expect.arrayContaining([144, 148, 150, 156]));
    expect(numbers).not.toContain(84);
  });

  it('computes uncited entities from the ids the owners send (@requires)', async () => {
    const esm = gid('Model', 'esmfold');
    const nothing = gid('Model', 'a-model-nobody-cites');
    const res = await entities<{ _entities: { uncitedEntities: unknown[] }[] }>(
      '... on Audits { uncitedEntities { __typename id } }',
      [
        {
          __typename: 'Audits',
          id: 'audits',
          modelIds: [esm, nothing],
          datasetIds: [],
          taskIds: [],
          riskIds: [gid('Risk', 'privacy')],
        },
      ],
    );
    expect(dataOf(res)._entities[0].uncitedEntities).toEqual([{ __typename: 'Model', id: nothing }]);
  });

  it('resolves node for its own citations and stubs of known entities only', async () => {
    const res = await literature.run<{ nodes: unknown[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
      {
        ids: [
          gid('Citation', 1),
          gid('Model', 'sam'),
          gid('Model', 'ghost'),
          'x',
          gid('Comparison', 'esmfold-vs-alphafold2-casp14-tm-score'),
          gid('Mitigation', 'adversarial-training'),
          gid('Mitigation', 'ghost'),
        ],
      },
    );
    expect(dataOf(res).nodes).toEqual([
      { __typename: 'Citation', id: gid('Citation', 1) },
      { __typename: 'Model', id: gid('Model', 'sam') },
      null,
      null,
      { __typename: 'Comparison', id: gid('Comparison', 'esmfold-vs-alphafold2-casp14-tm-score') },
      { __typename: 'Mitigation', id: gid('Mitigation', 'adversarial-training') },
      null,
    ]);
    // the slug of the key-only stubs is read from their id
    const slugs = await literature.run<{ node: unknown }>(
      `query($id: ID!) { node(id: $id) { ... on Mitigation { slug } } }`,
      { id: gid('Mitigation', 'adversarial-training') },
    );
    expect(dataOf(slugs).node).toEqual({ slug: 'adversarial-training' });
  });

  it("finds a reference by the aliases of its label (the paper's other spellings)", async () => {
    const found = async (query: string) =>
      dataOf(
        await literature.run<{ search: { __typename: string; id: string }[] }>(
          `query($q: String!) { search(query: $q) { __typename ... on Node { id } } }`,
          { q: query },
        ),
      ).search.filter((r) => r.__typename === 'Citation');
    // [19] is labelled InstructGPT; Section III-D prints it "Instruct GP T"
    expect(await found('instruct gp t')).toEqual([{ __typename: 'Citation', id: gid('Citation', 19) }]);
    // [89] is labelled RNA-FM; the same sentence calls it "the RNA foundation model"
    expect(await found('RNA foundation')).toEqual([{ __typename: 'Citation', id: gid('Citation', 89) }]);
  });

  it('batches citations of many entities into a constant number of statements', async () => {
    const few = await entities(
      '... on Model { citations { number label } }',
      ['esmfold', 'sam'].map((s) => ({ __typename: 'Model', id: gid('Model', s) })),
    );
    const many = await entities(
      '... on Model { citations { number label } }',
      ['esmfold', 'sam', 'chatgpt', 'gpt-4', 'palm', 'llama', 'clip', 'medclip', 'heartbeit', 'biobert'].map(
        (s) => ({ __typename: 'Model', id: gid('Model', s) }),
      ),
    );
    expect(many.sql).toBe(few.sql);
    // SQLite joins links and references in one statement; PostgreSQL reads the links, then the references
    expect(few.sql).toBe(process.env.TEST_DATABASE_URL ? 2 : 1);
  });
});
