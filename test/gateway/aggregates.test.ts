import { InProcessApp } from '../../src/app/in-process';
import { costDirectivesOf } from '../../src/gateway/limits';
import {
  expectStats,
  Group,
  groupsOf,
  paperData,
  StatsJson,
  statsOf,
  taskSectors,
} from '../helpers/aggregates';
import { EXECUTIONS, measure, startInProcess } from '../helpers/app';
import { dataOf, GraphQLResponse } from '../helpers/graphql';

// Aggregates through the gateway, fused and planned: the paper's numbers, the statements they cost, and
// what the cost limit counts for them.

const data = paperData();
type Aggregate = { count: number } & Record<string, Group[] | StatsJson | number>;
type Answer = Record<string, { totalCount?: number; aggregate: Aggregate }>;
type CostAnswer = GraphQLResponse<Answer> & { extensions?: { cost?: { requested: number } } };

describe.each(EXECUTIONS)('aggregates through the gateway (%s)', (execution) => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await startInProcess(1, execution);
  });
  afterAll(() => app?.close());
  const ask = async (query: string) => {
    const m = await measure<Answer>(app, query);
    return { answer: dataOf(m.response), sql: m.sql, response: m.response as CostAnswer };
  };

  it('answers "how many models per type and access"', async () => {
    const { answer } =
      await ask(`{ models { totalCount aggregate { count type: groupBy(field: TYPE) { key count }
      access: groupBy(field: ACCESS) { key count } } } }`);
    expect(answer.models).toEqual({
      totalCount: 182,
      aggregate: {
        count: 182,
        type: groupsOf(data.models, (m) => [m.type ?? null]),
        access: groupsOf(data.models, (m) => [m.access]),
      },
    });
    // the paper classifies 33 of its 80 models as LLM, LVM or LMM, the companion list 68 of its 102 (by
    // their section); 16 are open, all of the paper's (the list says nothing of access)
    const type = answer.models.aggregate.type as Group[];
    expect(type.filter((g) => g.key !== null).reduce((n, g) => n + g.count, 0)).toBe(101);
    expect(answer.models.aggregate.access).toContainEqual({ key: 'OPEN', count: 16 });
  });

  it('groups datasets by modality, results by the sector of their task, references by section', async () => {
    const { answer } = await ask(`{ datasets { aggregate { groupBy(field: MODALITY) { key count } } }
      results { aggregate { groupBy(field: SECTOR) { key count } } }
      citations { aggregate { count groupBy(field: SECTION) { key count } } } }`);
    expect(answer.datasets.aggregate.groupBy).toEqual(groupsOf(data.datasets, (d) => d.modalities));
    const sectors = taskSectors(data);
    expect(answer.results.aggregate.groupBy).toEqual(groupsOf(data.results, (r) => [sectors.get(r.task)!]));
    expect(answer.citations.aggregate).toEqual({
      count: 191,
      groupBy: groupsOf(data.citations, (c) => c.mentions.map((mn) => mn.section)),
    });
  });

  it("summarises one metric's values with the v1 filter", async () => {
    const { answer } =
      await ask(`{ results(filter: { metric: "f1-score" }) { aggregate { count value { count min max avg sum }
      groupBy(field: MODEL) { key count } } } }`);
    const f1 = data.results.filter((r) => r.metric === 'f1-score');
    expect(answer.results.aggregate.count).toBe(f1.length);
    expectStats(answer.results.aggregate.value as StatsJson, statsOf(f1.map((r) => r.value)));
    expect(answer.results.aggregate.groupBy).toEqual(groupsOf(f1, (r) => [r.model]));
  });

  it('aggregates a nested list per parent, its where applied, in one statement per aggregate field for every parent', async () => {
    const nested = (slugs: string) => `{ sectors(where: { slug: { in: [${slugs}] } }) { slug
      models(where: { access: { eq: OPEN } }) { aggregate { count type: groupBy(field: TYPE) { key count } parameters { count max } } } } }`;
    type Sectors = { sectors: { slug: string; models: { aggregate: Aggregate } }[] };
    const one = await measure<Sectors>(app, nested('"bioinformatics"'));
    const all = await measure<Sectors>(app, nested(data.sectors.map((s) => `"${s.slug}"`).join(', ')));
    const open = (sector: string) =>
      data.models.filter((m) => m.access === 'OPEN' && m.sectors.includes(sector));
    for (const sector of dataOf(all.response).sectors) {
      const models = open(sector.slug);
      expect(sector.models.aggregate.count).toBe(models.length);
      expect(sector.models.aggregate.type).toEqual(groupsOf(models, (m) => [m.type]));
      const sizes = models.map((m) => m.parameters.value).filter((v): v is number => v !== null);
      expect(sector.models.aggregate.parameters).toEqual({
        count: sizes.length,
        max: sizes.length ? Math.max(...sizes) : null,
      });
    }
    expect(dataOf(one.response).sectors[0].models.aggregate).toEqual({
      count: 5,
      type: [
        { key: null, count: 3 },
        { key: 'LLM', count: 2 },
      ],
      parameters: { count: 4, max: 15000000000 },
    });
    expect(all.sql).toEqual(one.sql);
  });

  it('costs one statement per aggregate field asked, in the subgraph that serves the list', async () => {
    const base = await ask('{ models(first: 1) { totalCount } }');
    const two = await ask(
      '{ models(first: 1) { totalCount aggregate { count parameters { max } groupBy(field: SECTOR) { key } } } }',
    );
    // count is totalCount's; Stats and groupBy one statement each, in the catalog only
    expect(two.sql.catalog - base.sql.catalog).toBe(2);
    expect([two.sql.risks, two.sql.literature]).toEqual([0, 0]);
  });

  it('declares each groupBy as the most groups it has in data/, and the cost limit counts them', async () => {
    const { listSizes } = costDirectivesOf(app.composition.supergraph);
    const size = (type: string) => listSizes.get(`${type}Aggregate.groupBy`)?.assumedSize;
    const most = async (list: string, type: string, fields: string[]) => {
      const { answer } = await ask(
        `{ ${list}(first: 1) { ${fields.map((f) => `${f}: aggregate { groupBy(field: ${f}) { key } }`).join(' ')} } }`,
      );
      const lists = answer[list] as unknown as Record<string, { groupBy: unknown[] }>;
      return [type, Math.max(...fields.map((f) => lists[f].groupBy.length))];
    };
    const expected = [
      await most('models', 'Model', ['TYPE', 'ACCESS', 'SECTOR', 'PARAMETERS_BOUND']),
      await most('datasets', 'Dataset', ['ACCESS', 'SECTOR', 'MODALITY']),
      await most('tasks', 'Task', ['SECTOR']),
      await most('results', 'Result', ['MODEL', 'TASK', 'DATASET', 'METRIC', 'SECTOR']),
      await most('citations', 'Citation', ['SECTION']),
    ];
    expect(expected.map(([type]) => [type, size(type as string)])).toEqual(expected);
    const cost = async (q: string) => (await ask(q)).response.extensions?.cost?.requested ?? 0;
    const without = await cost('{ models(first: 1) { aggregate { count } } }');
    const withGroups = await cost(
      '{ models(first: 1) { aggregate { count groupBy(field: TYPE) { key } } } }',
    );
    expect(withGroups - without).toBe(size('Model'));
  });
});
