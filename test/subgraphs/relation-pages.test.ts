import { openStore } from '../../src/app/stores';
import { closeStore, Store } from '../../src/common/database';
import { relationPageLoader } from '../../src/common/relation-pages';
import { Relation } from '../../src/common/relation';
import { seededConfig } from '../helpers/app';

// the catalog store's relations read as nested pages (its tables, as the migrations create them)
const RELATIONS: Record<string, Relation> = {
  datasetEvaluations: { table: 'results', parentColumn: 'datasetId', childColumn: 'id' },
  datasetUsedToTrain: { table: 'model_training_data', parentColumn: 'datasetId', childColumn: 'modelId' },
  taskResults: { table: 'results', parentColumn: 'taskId', childColumn: 'id' },
  metricResults: { table: 'results', parentColumn: 'metricId', childColumn: 'id' },
  sectorModels: { table: 'model_sectors', parentColumn: 'sectorId', childColumn: 'modelId' },
  sectorTasks: { table: 'tasks', parentColumn: 'sectorId', childColumn: 'id' },
  sectorDatasets: { table: 'datasets', parentColumn: 'sectorId', childColumn: 'id' },
};

// a graph 13 times the paper's: more than 500 datasets, so those batches take two statements
let store: Store;
beforeAll(async () => {
  store = await openStore(await seededConfig(13), 'catalog');
});
afterAll(() => store && closeStore(store));

/** What a page is, read the plain way: the parent's children after `after`, in position order. */
async function expected(relation: string, parent: string, after: number, limit: number) {
  const { table, parentColumn, childColumn } = RELATIONS[relation];
  const rows: { child: string; pos: number }[] = await store.dataSource.query(
    `SELECT "${childColumn}" AS child, "position" AS pos FROM "${table}" WHERE "${parentColumn}" = ? AND "position" > ? ORDER BY "position" LIMIT ?`,
    [parent, after, limit],
  );
  return { childIds: rows.map((r) => r.child), positions: rows.map((r) => r.pos) };
}

describe('nested pages of a relation, read per parent', () => {
  it.each([
    ['datasetEvaluations', 'datasets'],
    ['datasetUsedToTrain', 'datasets'],
    ['taskResults', 'tasks'],
    ['metricResults', 'metrics'],
    ['sectorModels', 'sectors'],
  ] as const)(
    '%s: first pages and pages after a position, for every parent and for parents with no children',
    async (relation, parents) => {
      const rows = await store.dataSource.query<{ id: string }[]>(
        `SELECT id FROM "${parents}" ORDER BY position`,
      );
      const ids = rows.map((r) => r.id);
      const asked = [...ids, 'no-such-parent'];
      for (const page of [
        { first: 2, after: null, list: relation },
        { first: 3, after: [2], list: relation },
      ]) {
        const before = store.counter.count;
        const slices = await relationPageLoader(store.dataSource, RELATIONS[relation], page).loadMany(asked);
        // one statement per 500 parents, whatever the number of children
        expect(store.counter.count - before).toBe(Math.ceil(asked.length / 500));
        const after = page.after?.[0] ?? 0;
        expect(slices).toEqual(
          await Promise.all(
            asked.map(async (p) => ({
              ...(await expected(relation, p, after, page.first + 1)),
              // the parents read together, whose counts and aggregates are then read together
              batch: expect.arrayContaining([p]) as unknown,
            })),
          ),
        );
      }
      expect(ids.length).toBeGreaterThan(relation.startsWith('dataset') ? 500 : 0);
    },
  );
});
