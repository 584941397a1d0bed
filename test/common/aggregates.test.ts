import { openStore } from '../../src/app/stores';
import { closeStore, Store } from '../../src/common/database';
import { GroupSpec, ListAggregator, ListScope } from '../../src/common/graph/aggregates';
import { FIELD_RELATIONS } from '../../src/common/graph/graph-relations';
import { expectStats, groupsOf, paperData, statsOf } from '../helpers/aggregates';
import { seededConfig } from '../helpers/app';
import { gid } from '../helpers/subgraph';

// The aggregator's batching of nested lists, with ListScopes built here as a nested connection builds
// them (a sector's models): every parent's aggregate of one list in one statement.

const data = paperData();
const TYPE: GroupSpec = { column: 'model_type' };
const TRAINED_ON: GroupSpec = { path: [FIELD_RELATIONS.Model.trainedOn] };

describe('ListAggregator', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(await seededConfig(), 'catalog');
  });
  afterAll(() => store && closeStore(store));

  /** A sector's models, optionally only those of one type, as a nested list's scope. */
  function sectorModels(sector: string, type?: string): ListScope {
    const only = type
      ? ` AND EXISTS (SELECT 1 FROM graph_nodes m WHERE m.id = e.from_id AND m.model_type = :type)`
      : '';
    const params = type ? { type } : {};
    const parent = gid('Sector', sector);
    return {
      dataSource: store.dataSource,
      sql: `SELECT e.from_id AS id FROM graph_edges e WHERE e.relation = 'Model.sectors' AND e.to_id = :parent${only}`,
      params: { ...params, parent },
      perParent: {
        sql: `SELECT e.to_id AS parent, e.from_id AS id FROM graph_edges e WHERE e.relation = 'Model.sectors' AND e.to_id IN (:...parents)${only}`,
        params,
        parent,
        key: `Sector.models ${type ?? ''}`,
      },
    };
  }

  const statements = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
    const before = store.counter.count;
    const value = await run();
    return [value, store.counter.count - before];
  };

  it("reads every sector's groups and stats in one statement each, with the values of data/", async () => {
    const aggregator = new ListAggregator();
    const sectors = data.sectors.map((s) => s.slug);
    const [answers, sql] = await statements(() =>
      Promise.all(
        sectors.map(async (s) => ({
          types: await aggregator.groups(sectorModels(s), TYPE),
          trainedOn: await aggregator.groups(sectorModels(s), TRAINED_ON),
          parameters: await aggregator.stats(sectorModels(s), 'quantity_value'),
        })),
      ),
    );
    // the second and third aggregate of each parent wait for the first: one batch each, not one per parent
    expect(sql).toBe(3);
    sectors.forEach((s, i) => {
      const models = data.models.filter((m) => m.sectors.includes(s));
      expect([s, answers[i].types]).toEqual([s, groupsOf(models, (m) => [m.type ?? null])]);
      expect([s, answers[i].trainedOn]).toEqual([s, groupsOf(models, (m) => m.trainedOn)]);
      expectStats(answers[i].parameters, statsOf(models.map((m) => m.parameters.value)));
    });
  });

  it('batches lists of one key together, and another filter (key) apart', async () => {
    const aggregator = new ListAggregator();
    const sectors = data.sectors.map((s) => s.slug);
    const [[all, llms], sql] = await statements(() =>
      Promise.all([
        Promise.all(sectors.map((s) => aggregator.groups(sectorModels(s), TYPE))),
        Promise.all(sectors.map((s) => aggregator.stats(sectorModels(s, 'LLM'), 'quantity_value'))),
      ]),
    );
    expect(sql).toBe(2);
    sectors.forEach((s, i) => {
      const models = data.models.filter((m) => m.sectors.includes(s));
      expect(all[i]).toEqual(groupsOf(models, (m) => [m.type ?? null]));
      const llm = models.filter((m) => m.type === 'LLM');
      expectStats(llms[i], statsOf(llm.map((m) => m.parameters.value)));
    });
  });

  it('gives a parent without items no groups and empty stats, and a root list the same as a nested one', async () => {
    const aggregator = new ListAggregator();
    const none = sectorModels('no-such-sector');
    expect(await aggregator.groups(none, TYPE)).toEqual([]);
    expect(await aggregator.stats(none, 'quantity_value')).toEqual({
      count: 0,
      min: null,
      max: null,
      avg: null,
      sum: null,
    });
    const nested = sectorModels('bioinformatics');
    const { perParent: _, ...root } = nested;
    const [rootGroups, sql] = await statements(() => aggregator.groups(root, TRAINED_ON));
    expect(sql).toBe(1);
    expect(rootGroups).toEqual(await aggregator.groups(nested, TRAINED_ON));
  });
});
