import { InProcessApp } from '../../src/app/in-process';
import { EXECUTIONS, measure, startInProcess } from '../helpers/app';
import { dataOf, Page } from '../helpers/graphql';

// The nested query: every relation of a model, across the three subgraphs (300 per page, so
// that the tenfold graph answers with more rows than the real one).
const NESTED = `{ models(first: 300) { totalCount nodes { name type parameters { value display bound } access
  results { value display metric { name higherIsBetter } dataset { name access } task { name sector { name } } }
  citations { number label } risks { name } } } }`;

const DATASET_PAGE = `{ datasets(first: 100) { nodes { name usedToTrain(first: 10) { totalCount nodes { name citations { number } } }
  evaluations(first: 10) { nodes { display model { name } } } citations { number } risks { name } } } }`;

// A nested where with an order: the same statements whatever the number of rows.
const NESTED_WHERE = `{ sectors(where: { NOT: { slug: { eq: "public-health" } } }) { name
  models(first: 5, where: { citations: { some: {} }, access: { in: [OPEN, CLOSED] } }, orderBy: { field: CITATION_COUNT, direction: DESC }) {
    totalCount nodes { name citations { number } risks { name } } }
  datasets(first: 5, where: { usedToTrain: { some: {} } }) { totalCount nodes { name usedToTrain(where: { type: { isNull: true } }) { totalCount nodes { name } } } } } }`;

const ROOT_WHERE = `{ models(first: 100, where: { citations: { some: { section: { startsWith: "Section III" } } } }, orderBy: { field: RESULT_COUNT, direction: DESC }) {
  totalCount nodes { name results { display } citations { number } } } }`;

describe.each(EXECUTIONS)(
  'batching (%s): SQL statements and subgraph fetches do not grow with the rows',
  (execution) => {
    let real: InProcessApp;
    let tenfold: InProcessApp;
    beforeAll(async () => {
      real = await startInProcess(1, execution);
      tenfold = await startInProcess(10, execution);
    });
    afterAll(async () => {
      await real?.close();
      await tenfold?.close();
    });

    it.each([
      // how much larger the answer must be at scale 10: pages of 5 grow less than pages of 100
      ['the nested model query', NESTED, 2],
      ['a page of datasets with who trains and evaluates on them', DATASET_PAGE, 2],
      ['a nested where with an order', NESTED_WHERE, 1],
      ['a root where over citations, ordered by a count', ROOT_WHERE, 1],
    ])('%s', async (_, query, growth) => {
      const small = await measure(real, query);
      const large = await measure(tenfold, query);
      expect(small.response.errors).toBeUndefined();
      expect(large.response.errors).toBeUndefined();
      const rows = (m: typeof small) => JSON.stringify(m.response.data).length;
      expect(rows(large)).toBeGreaterThan(rows(small) * growth);
      expect(large.sql).toEqual(small.sql);
      expect(large.fetches).toBe(small.fetches);
      // one fetch per subgraph and entity type (none when fused), and a handful of statements per subgraph
      expect(small.fetches).toBeLessThanOrEqual(execution === 'fused' ? 0 : 4);
      expect(small.totalSql).toBeLessThanOrEqual(16);
    });

    it('the nested query costs exactly one fetch per subgraph, or none when fused', async () => {
      const m = await measure<{ models: Page<unknown> }>(tenfold, NESTED);
      expect(m.fetchesBySubgraph).toEqual(
        execution === 'fused' ? {} : { catalog: 1, risks: 1, literature: 1 },
      );
      expect(dataOf(m.response).models.nodes).toHaveLength(300);
      const hundred = await measure(tenfold, NESTED.replace('first: 300', 'first: 100'));
      expect(hundred.sql).toEqual(m.sql);
    });
  },
);

describe('fused and planned execution', () => {
  it('answer the nested queries alike, with no more SQL statements fused', async () => {
    const [fused, planned] = await Promise.all([startInProcess(10, 'fused'), startInProcess(10, 'planned')]);
    try {
      for (const query of [NESTED, DATASET_PAGE]) {
        const [a, b] = [await measure(fused, query), await measure(planned, query)];
        expect(a.response).toEqual(b.response);
        expect(a.totalSql).toBeLessThanOrEqual(b.totalSql);
      }
    } finally {
      await Promise.all([fused.close(), planned.close()]);
    }
  });
});
