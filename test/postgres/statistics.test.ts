import { DataSource } from 'typeorm';
import { SUBGRAPH_NAMES } from '../../src/common/config';
import { seededConfig } from '../helpers/app';

const url = process.env.TEST_DATABASE_URL;

// Needs a PostgreSQL server: .ci/run starts one and sets TEST_DATABASE_URL.
(url ? describe : describe.skip)('PostgreSQL statistics after a seed', () => {
  it('analyzes every table of every store, so the first queries are planned on real row counts', async () => {
    const config = await seededConfig();
    const client = new DataSource({ type: 'postgres', url });
    await client.initialize();
    try {
      for (const name of SUBGRAPH_NAMES) {
        const schema = config.databases[name]!.schema;
        const rows = await client.query<{ relname: string; analyzed: boolean }[]>(
          'SELECT relname, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables WHERE schemaname = $1',
          [schema],
        );
        expect(rows.length).toBeGreaterThan(3);
        expect(rows.filter((r) => !r.analyzed && r.relname !== 'migrations').map((r) => r.relname)).toEqual(
          [],
        );
        // the projection's row count as the planner knows it: the paper's 490 relations, and the 57
        // sectors of the companion list's application models
        const edges = await client.query<{ reltuples: number }[]>(
          "SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'graph_edges'",
          [schema],
        );
        expect(edges[0].reltuples).toBe(547);
      }
    } finally {
      await client.destroy();
    }
  });
});
