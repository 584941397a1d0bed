import { pendingSchemaChanges } from '../../scripts/generate-migrations';
import { SUBGRAPH_NAMES } from '../../src/common/config';

const url = process.env.TEST_DATABASE_URL;

// Needs a PostgreSQL server: .ci/run starts one and sets TEST_DATABASE_URL.
(url ? describe : describe.skip)('PostgreSQL migrations', () => {
  it.each(SUBGRAPH_NAMES)(
    'the %s migrations create exactly what its entities define (run npm run migrations:generate)',
    async (name) => {
      expect(await pendingSchemaChanges(name, url!)).toEqual({ up: [], down: [] });
    },
  );
});
