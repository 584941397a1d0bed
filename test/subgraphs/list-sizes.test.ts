import { InProcessApp } from '../../src/app/in-process';
import { costDirectivesOf } from '../../src/gateway/limits';
import { gatewayQuery, startInProcess } from '../helpers/app';

/**
 * How to reach every entity of a type at scale 1 (none has more than 500): a query around a selection,
 * and the path to the entities in its answer.
 */
const EVERY: Record<string, [(selection: string) => string, string[]]> = {
  Query: [(s) => `{ ${s} }`, []],
  Audits: [(s) => `{ audits { ${s} } }`, ['audits']],
  Sector: [(s) => `{ sectors { ${s} } }`, ['sectors']],
  Metric: [(s) => `{ metrics { ${s} } }`, ['metrics']],
  Risk: [(s) => `{ risks { ${s} } }`, ['risks']],
  Mitigation: [(s) => `{ risks { mitigations { ${s} } } }`, ['risks', 'mitigations']],
  Model: [(s) => `{ models(first: 500) { nodes { ${s} } } }`, ['models', 'nodes']],
  Dataset: [(s) => `{ datasets(first: 500) { nodes { ${s} } } }`, ['datasets', 'nodes']],
  Task: [(s) => `{ tasks(first: 500) { nodes { ${s} } } }`, ['tasks', 'nodes']],
  Result: [(s) => `{ results(first: 500) { nodes { ${s} } } }`, ['results', 'nodes']],
  Citation: [(s) => `{ citations(first: 500) { nodes { ${s} } } }`, ['citations', 'nodes']],
  Leaderboard: [(s) => `{ leaderboards { ${s} } }`, ['leaderboards']],
};
/**
 * lists of distinct sectors hold at most the seven; nodes and search at most what they serve; traversal
 * refuses what is over its bounds (test/gateway/traversal.test.ts)
 */
const BOUNDS = new Set([
  'Model.sectors',
  'Risk.sectors',
  'Query.nodes',
  'Query.search',
  'Neighborhood.nodes',
  'Neighborhood.edges',
  'Query.path',
]);

type Row = Record<string, unknown>;

/** The objects at `path` in an answer, lists flattened on the way. */
function at(value: unknown, path: string[]): Row[] {
  if (Array.isArray(value)) return value.flatMap((v) => at(v, path));
  if (!value || typeof value !== 'object') return [];
  const [key, ...rest] = path;
  return key === undefined ? [value as Row] : at((value as Row)[key], rest);
}

describe('the list sizes the subgraphs declare (@listSize) hold for data/', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await startInProcess();
  });
  afterAll(() => app?.close());

  it('each unpaged list is declared as the largest it is in data/', async () => {
    const declared = new Map<string, Map<string, number>>();
    for (const [coordinate, size] of costDirectivesOf(app.composition.supergraph).listSizes) {
      if (size.slicingArguments.length || size.assumedSize === null || BOUNDS.has(coordinate)) continue;
      // groupBy takes the field to group by: test/gateway/aggregates.test.ts checks its sizes
      if (/Aggregate\.groupBy$/.test(coordinate)) continue;
      // the curation journal's lists and the statements of sources are bounds, not sizes of data/
      if (/^(Change|Proposal|DisputedFact|\w+Payload)\.|\.(history|statements)$/.test(coordinate)) continue;
      const [type, field] = coordinate.split('.');
      if (!declared.has(type)) declared.set(type, new Map());
      declared.get(type)?.set(field, size.assumedSize);
    }
    expect([...declared.keys()].filter((t) => !EVERY[t])).toEqual([]);
    const largest: Record<string, number> = {};
    const sizes: Record<string, number> = {};
    for (const [type, fields] of declared) {
      const [query, path] = EVERY[type];
      const res = await gatewayQuery<unknown>(
        app,
        query([...fields.keys()].map((f) => `${f} { __typename }`).join(' ')),
      );
      expect(res.errors).toBeUndefined();
      const rows = at(res.data, path);
      expect(rows.length).toBeGreaterThan(0);
      for (const [field, size] of fields) {
        sizes[`${type}.${field}`] = size;
        largest[`${type}.${field}`] = Math.max(...rows.map((row) => (row[field] as unknown[]).length));
      }
    }
    expect(largest).toEqual(sizes);
  });

  it('the bounds hold too', async () => {
    const { listSizes } = costDirectivesOf(app.composition.supergraph);
    const res = await gatewayQuery<{
      sectors: unknown[];
      models: { nodes: { sectors: unknown[] }[] };
      risks: { sectors: unknown[] }[];
    }>(app, '{ sectors { id } models(first: 500) { nodes { sectors { id } } } risks { sectors { id } } }');
    const sectors = res.data?.sectors.length ?? 0;
    expect(sectors).toBe(listSizes.get('Query.sectors')?.assumedSize);
    expect(listSizes.get('Model.sectors')?.assumedSize).toBe(sectors);
    expect(listSizes.get('Risk.sectors')?.assumedSize).toBe(sectors);
    for (const m of res.data?.models.nodes ?? []) expect(m.sectors.length).toBeLessThanOrEqual(sectors);
    for (const r of res.data?.risks ?? []) expect(r.sectors.length).toBeLessThanOrEqual(sectors);
    // nodes and search serve at most their declared sizes, and refuse more
    const bound = async (query: string, key: string, value: (n: number) => unknown) => {
      const max = listSizes.get(key)?.assumedSize ?? 0;
      const at = await gatewayQuery<unknown>(app, query, { v: value(max) });
      const over = await gatewayQuery<unknown>(app, query, { v: value(max + 1) });
      expect([key, at.errors, over.errors?.[0].extensions?.code]).toEqual([key, undefined, 'BAD_USER_INPUT']);
    };
    await bound('query($v: [ID!]!) { nodes(ids: $v) { id } }', 'Query.nodes', (n) =>
      Array.from({ length: n }, () => 'x'),
    );
    await bound('query($v: Int) { search(query: "a", first: $v) { __typename } }', 'Query.search', (n) => n);
  });
});
