import { dataOf } from '../helpers/graphql';
import {
  expectStats,
  Group,
  groupsOf,
  paperData,
  StatsJson,
  statsOf,
  taskSectors,
} from '../helpers/aggregates';
import { seededSubgraph } from '../helpers/subgraph';

// Aggregates of root connections, executed on the subgraph schemas directly; expected values from data/.

const data = paperData();
type Aggregate = Record<string, Group[] | StatsJson | number>;
const aggregateOf = (answer: unknown, list: string) =>
  (answer as Record<string, { aggregate: Aggregate }>)[list].aggregate;

describe('aggregates of the catalog, executed directly', () => {
  const catalog = seededSubgraph('catalog');
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const res = await catalog.run(query, variables);
    return { data: dataOf(res), sql: res.sql };
  };

  it('counts the models per type, access, sector and parameters bound, and their parameters', async () => {
    const { data: answer } = await run(`{ models { aggregate { count
      type: groupBy(field: TYPE) { key count } access: groupBy(field: ACCESS) { key count }
      sector: groupBy(field: SECTOR) { key count } bound: groupBy(field: PARAMETERS_BOUND) { key count }
      parameters { count min max avg sum } } } }`);
    const a = aggregateOf(answer, 'models');
    const models = data.models;
    expect(a.count).toBe(models.length);
    expect(a.type).toEqual(groupsOf(models, (m) => [m.type ?? null]));
    expect(a.access).toEqual(groupsOf(models, (m) => [m.access]));
    expect(a.sector).toEqual(groupsOf(models, (m) => m.sectors));
    expect(a.bound).toEqual(groupsOf(models, (m) => [m.parameters.bound]));
    expectStats(a.parameters as StatsJson, statsOf(models.map((m) => m.parameters.value)));
    // the paper's 80 models (24 of them LLMs) and the companion list's 102 (28 LLMs)
    expect(a.count).toBe(182);
    expect((a.type as Group[]).find((g) => g.key === 'LLM')?.count).toBe(52);
  });

  it('respects the filter: the access of the LLMs, and the models of one sector', async () => {
    const { data: answer } =
      await run(`{ llm: models(filter: { type: [LLM] }) { aggregate { count groupBy(field: ACCESS) { key count } } }
      bio: models(filter: { sector: "bioinformatics" }) { aggregate { count groupBy(field: TYPE) { key count } } } }`);
    const llms = data.models.filter((m) => m.type === 'LLM');
    expect(aggregateOf(answer, 'llm')).toEqual({
      count: llms.length,
      groupBy: groupsOf(llms, (m) => [m.access]),
    });
    const bio = data.models.filter((m) => m.sectors.includes('bioinformatics'));
    expect(aggregateOf(answer, 'bio')).toEqual({
      count: bio.length,
      groupBy: groupsOf(bio, (m) => [m.type ?? null]),
    });
  });

  it('counts the datasets per modality, sector and access, and their sizes', async () => {
    const { data: answer } = await run(`{ datasets { aggregate { count
      modality: groupBy(field: MODALITY) { key count } sector: groupBy(field: SECTOR) { key count }
      access: groupBy(field: ACCESS) { key count } size { count min max avg sum } } } }`);
    const a = aggregateOf(answer, 'datasets');
    expect(a.count).toBe(data.datasets.length);
    expect(a.modality).toEqual(groupsOf(data.datasets, (d) => d.modalities));
    expect(a.sector).toEqual(groupsOf(data.datasets, (d) => [d.sector]));
    expect(a.access).toEqual(groupsOf(data.datasets, (d) => [d.access]));
    expectStats(a.size as StatsJson, statsOf(data.datasets.map((d) => d.size.value)));
    // "text" is the modality of three datasets; most datasets name none (the companion list's two among them)
    expect(a.modality).toContainEqual({ key: 'text', count: 3 });
    expect((a.modality as Group[])[0]).toEqual({ key: null, count: 32 });
  });

  it('counts the tasks per sector', async () => {
    const { data: answer } = await run(
      '{ tasks { aggregate { count groupBy(field: SECTOR) { key count } } } }',
    );
    expect(aggregateOf(answer, 'tasks')).toEqual({
      count: data.tasks.length,
      groupBy: groupsOf(data.tasks, (t) => [t.sector]),
    });
  });

  it("summarises results' values on one metric, and groups results by every field", async () => {
    const { data: answer } =
      await run(`{ dice: results(filter: { metric: "dice" }) { aggregate { count value { count min max avg sum } } }
      all: results { aggregate { count model: groupBy(field: MODEL) { key count } task: groupBy(field: TASK) { key count }
        dataset: groupBy(field: DATASET) { key count } metric: groupBy(field: METRIC) { key count }
        sector: groupBy(field: SECTOR) { key count } } } }`);
    const dice = data.results.filter((r) => r.metric === 'dice');
    const d = aggregateOf(answer, 'dice');
    expect(d.count).toBe(dice.length);
    expectStats(d.value as StatsJson, statsOf(dice.map((r) => r.value)));
    const a = aggregateOf(answer, 'all');
    const sectors = taskSectors(data);
    expect(a).toEqual({
      count: data.results.length,
      model: groupsOf(data.results, (r) => [r.model]),
      task: groupsOf(data.results, (r) => [r.task]),
      dataset: groupsOf(data.results, (r) => [r.dataset ?? null]),
      metric: groupsOf(data.results, (r) => [r.metric]),
      sector: groupsOf(data.results, (r) => [sectors.get(r.task) ?? null]),
    });
  });

  it('runs only the aggregate fields asked for, one statement each', async () => {
    const page = (await run('{ models { pageInfo { hasNextPage } } }')).sql;
    const groups = (await run('{ models { aggregate { groupBy(field: TYPE) { key } } } }')).sql;
    const three = (
      await run(`{ models { aggregate { parameters { sum } a: groupBy(field: TYPE) { key }
        b: groupBy(field: SECTOR) { key } } } }`)
    ).sql;
    expect([groups - page, three - page]).toEqual([1, 3]);
  });
});

describe('aggregates of the literature, executed directly', () => {
  const literature = seededSubgraph('literature');

  it('counts the references per section they are mentioned in, and respects the filter', async () => {
    const res =
      await literature.run(`{ all: citations { aggregate { count groupBy(field: SECTION) { key count } } }
      cited: citations(filter: { section: "III-D" }) { aggregate { count groupBy(field: SECTION) { key count } } } }`);
    const answer = dataOf(res);
    const sections = (c: (typeof data.citations)[number]) => c.mentions.map((m) => m.section);
    expect(aggregateOf(answer, 'all')).toEqual({
      count: data.citations.length,
      groupBy: groupsOf(data.citations, sections),
    });
    const inIIID = data.citations.filter((c) => sections(c).includes('Section III-D'));
    expect(aggregateOf(answer, 'cited')).toEqual({
      count: inIIID.length,
      groupBy: groupsOf(inIIID, sections),
    });
    expect(inIIID.length).toBeGreaterThan(0);
  });
});
