import { InProcessApp } from '../../src/app/in-process';
import { measure, startInProcess } from '../helpers/app';

// The nested query: every relation of a model, across the three subgraphs (300 per page, so
// that the tenfold graph answers with more rows than the real one).
const NESTED = `{ models(first: 300) { totalCount nodes { name type parameters { value display bound } access
  results { value display metric { name higherIsBetter } dataset { name access } task { name sector { name } } }
  citations { number label } risks { name } } } }`;

const DATASET_PAGE = `{ datasets(first: 100) { nodes { name usedToTrain(first: 10) { totalCount nodes { name citations { number } } }
  evaluations(first: 10) { nodes { display model { name } } } citations { number } risks { name } } } }`;

describe('batching: SQL statements and subgraph fetches do not grow with the rows', () => {
  let real: InProcessApp;
  let tenfold: InProcessApp;
  beforeAll(async () => {
    real = await startInProcess(1);
    tenfold = await startInProcess(10);
  });
  afterAll(async () => {
    await real?.close();
    await tenfold?.close();
  });

  it.each([
    ['the nested model query', NESTED],
    ['a page of datasets with who trains and evaluates on them', DATASET_PAGE],
  ])('%s', async (_, query) => {
    const small = await measure(real, query);
    const large = await measure(tenfold, query);
    expect(small.response.errors).toBeUndefined();
    expect(large.response.errors).toBeUndefined();
    const rows = (m: typeof small) => JSON.stringify(m.response.data).length;
    expect(rows(large)).toBeGreaterThan(rows(small) * 2);
    expect(large.sql).toEqual(small.sql);
    expect(large.fetches).toBe(small.fetches);
    // one fetch per subgraph and entity type, and a handful of statements per subgraph
    expect(small.fetches).toBeLessThanOrEqual(4);
    expect(small.totalSql).toBeLessThanOrEqual(16);
  });

  it('the nested query costs exactly one fetch per subgraph', async () => {
    const m = await measure(tenfold, NESTED);
    expect(m.fetchesBySubgraph).toEqual({ catalog: 1, risks: 1, literature: 1 });
    expect(m.response.data.models.nodes).toHaveLength(300);
    const hundred = await measure(tenfold, NESTED.replace('first: 300', 'first: 100'));
    expect(hundred.sql).toEqual(m.sql);
  });
});
