import { InProcessApp } from '../../src/app/in-process';
import { gatewayQuery, startInProcess } from '../helpers/app';
import { dataOf, Page } from '../helpers/graphql';

describe('models(orderBy:) on a scaled graph', () => {
  const SCALE = 2; // 364 models: ties in size across copies, and pages that end inside a tie
  const PAGE = 37;
  const ORDERS = [
    { field: 'NAME', direction: 'ASC' },
    { field: 'NAME', direction: 'DESC' },
    { field: 'PARAMETERS', direction: 'ASC' },
    { field: 'PARAMETERS', direction: 'DESC' },
  ] as const;
  type Row = { slug: string; name: string; parameters: { value: number | null } };
  let app: InProcessApp;
  let byPosition: Row[];

  beforeAll(async () => {
    app = await startInProcess(SCALE);
    const all = await gatewayQuery<{ models: Page<Row> }>(
      app,
      `{ models(first: 500) { nodes { slug name parameters { value } } } }`,
    );
    byPosition = dataOf(all).models.nodes;
  });
  afterAll(() => app?.close());

  // what each ordering means, independently of the SQL: its key, then the list's own order (position)
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  function expected(order: (typeof ORDERS)[number]): string[] {
    const sign = order.direction === 'ASC' ? 1 : -1;
    const key = (m: Row) =>
      order.field === 'NAME' ? m.name.toLowerCase() : (m.parameters.value ?? sign * Infinity);
    return byPosition
      .map((m, position) => ({ m, position }))
      .sort((a, b) => sign * compare(key(a.m), key(b.m)) || a.position - b.position)
      .map(({ m }) => m.slug);
  }

  /** The query plan of a statement as the store ran it: one line per step. */
  async function planOf({ sql, params }: { sql: string; params: unknown[] }): Promise<string[]> {
    const rows = await app.stores.catalog.dataSource.query<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN ${sql}`,
      params,
    );
    return rows.map((r) => r.detail);
  }

  async function pageAll(orderBy: object): Promise<{ slugs: string[]; cursors: (string | null)[] }> {
    const slugs: string[] = [];
    const cursors: (string | null)[] = [null];
    for (;;) {
      type Slugs = {
        models: Page<{ slug: string }> & { pageInfo: { hasNextPage: boolean; endCursor: string } };
      };
      const res = await gatewayQuery<Slugs>(
        app,
        `query($after: String, $o: ModelOrder) { models(first: ${PAGE}, after: $after, orderBy: $o) { nodes { slug } pageInfo { hasNextPage endCursor } } }`,
        {
          after: cursors[cursors.length - 1],
          o: orderBy,
        },
      );
      const { models } = dataOf(res);
      slugs.push(...models.nodes.map((n) => n.slug));
      if (!models.pageInfo.hasNextPage) return { slugs, cursors };
      cursors.push(models.pageInfo.endCursor);
    }
  }

  it.each(ORDERS)(
    'pages through every model exactly once by cursor, ordered by $field $direction',
    async (order) => {
      expect(byPosition).toHaveLength(182 * SCALE);
      const { slugs, cursors } = await pageAll(order);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(slugs).toEqual(expected(order));
      expect(cursors).toHaveLength(Math.ceil(slugs.length / PAGE));
    },
  );

  // SQLite only: PostgreSQL plans small tables by cost, so its plans at this size say little
  (process.env.TEST_DATABASE_URL ? it.skip : it).each(ORDERS)(
    'reads every page ordered by $field $direction from its index, first or after a cursor, without sorting',
    async (order) => {
      const { counter } = app.stores.catalog;
      const pages: { sql: string; params: unknown[] }[] = (counter.recorded = []);
      try {
        await pageAll(order);
      } finally {
        counter.recorded = null;
      }
      const field = order.field === 'NAME' ? 'name' : 'size';
      const own = `USING INDEX IDX_models_${field}_${order.direction.toLowerCase()}`;
      // the rows that share the cursor's first key are in position order in either index of the field
      const either = `USING INDEX IDX_models_${field}_(asc|desc)`;
      const shapes = {
        // one line each, so no "USE TEMP B-TREE FOR ORDER BY"; after a cursor, seeks (SEARCH), not scans
        first: new RegExp(`^SCAN m ${own}$`),
        sharedKey: new RegExp(`^SEARCH m ${either} \\(<expr>=\\? AND position>\\?\\)$`),
        pastKey: new RegExp(`^SEARCH m ${own} \\(<expr>[<>]\\?\\)$`),
      };
      const seen = new Set<string>();
      for (const statement of pages.filter((st) => /FROM "models" "m"/.test(st.sql))) {
        const plan = await planOf(statement);
        const shape = Object.entries(shapes).find(([, re]) => plan.length === 1 && re.test(plan[0]));
        // the plan itself in the message when it has no known shape
        expect({ plan, shape: shape?.[0] ?? null }).toEqual({ plan, shape: expect.any(String) as unknown });
        seen.add(shape![0]);
      }
      expect([...seen].sort()).toEqual(['first', 'pastKey', 'sharedKey']);
    },
  );
});
