import { MAX_BATCH } from '../../src/common/loader-utils';
import { dataOf } from '../helpers/graphql';
import { seededSubgraph } from '../helpers/subgraph';

// More keys than SQLite binds in one statement (32,766): the loader must split them into batches.
describe('a by-id batch larger than SQLite allows', () => {
  const catalog = seededSubgraph('catalog');

  it(`resolves ${3 * MAX_BATCH + 2} representations in batches of ${MAX_BATCH}`, async () => {
    const count = 3 * MAX_BATCH + 2;
    const reps = Array.from({ length: count }, (_, i) => ({
      __typename: 'Model',
      id: i === 0 ? 'TW9kZWw6ZXNtZm9sZA==' : Buffer.from(`Model:none-${i}`).toString('base64'),
    }));
    const res = await catalog.entities<{ _entities: unknown[] }>('... on Model { slug }', reps);
    const { _entities } = dataOf(res);
    expect(_entities).toHaveLength(count);
    expect(_entities[0]).toEqual({ __typename: 'Model', slug: 'esmfold' });
    expect(_entities.slice(1)).toEqual(Array<null>(count - 1).fill(null));
    expect(res.sql).toBe(Math.ceil(count / MAX_BATCH));
  }, 60_000);
});
