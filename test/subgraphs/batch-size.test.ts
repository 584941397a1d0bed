import { MAX_BATCH } from '../../src/common/loader-utils';
import { seededConfig } from '../helpers/app';
import { DirectSubgraph, directSubgraph, ENTITIES } from '../helpers/subgraph';

// More keys than SQLite binds in one statement (32,766): the loader must split them into batches.
describe('a by-id batch larger than SQLite allows', () => {
  let catalog: DirectSubgraph;
  beforeAll(async () => {
    catalog = await directSubgraph(await seededConfig(), 'catalog');
  });
  afterAll(async () => catalog?.close());

  it(`resolves ${3 * MAX_BATCH + 2} representations in batches of ${MAX_BATCH}`, async () => {
    const count = 3 * MAX_BATCH + 2;
    const reps = Array.from({ length: count }, (_, i) => ({
      __typename: 'Model',
      id: i === 0 ? 'TW9kZWw6ZXNtZm9sZA==' : Buffer.from(`Model:none-${i}`).toString('base64'),
    }));
    const res = await catalog.run(`${ENTITIES} fragment F on Model { slug }`, { reps });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toHaveLength(count);
    expect(res.data._entities[0]).toEqual({ __typename: 'Model', slug: 'esmfold' });
    expect(res.data._entities.slice(1).every((e: unknown) => e === null)).toBe(true);
    expect(res.sql).toBe(Math.ceil(count / MAX_BATCH));
  }, 60_000);
});
