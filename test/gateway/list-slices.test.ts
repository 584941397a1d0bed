import { buildSchema, execute, GraphQLObjectType, parse } from 'graphql';
import { runInRequestScope } from '../../src/common/request-scope';
import { mapInSlices } from '../../src/common/map-in-slices';
import { compiledExecutor } from '../../src/gateway/compiled-execution';
import { LIST_SLICE, completeInSlices } from '../../src/gateway/list-slices';

const document = parse('{ items { n } }');

/** A schema whose `items` are `count` objects, noting each item's field as it is completed. */
function listOf(count: number, order: string[]) {
  const schema = buildSchema('type Query { items: [Item!]! } type Item { n: Int! }');
  const items = Array.from({ length: count }, (_, n) => ({ n }));
  schema.getQueryType()!.getFields().items.resolve = () => items;
  (schema.getType('Item') as GraphQLObjectType).getFields().n.resolve = (item: { n: number }) => {
    order.push(`n${item.n}`);
    return item.n;
  };
  return schema;
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('a long list completed in slices (graphql-jit, as the gateway runs)', () => {
  const count = 2 * LIST_SLICE + 1;

  it('answers as graphql-js does, and lets other callbacks run between its slices', async () => {
    const order: string[] = [];
    const schema = listOf(count, order);
    // a callback queued before the query: with the list completed in one go, it would run after it all
    setImmediate(() => order.push('tick'));
    const context = {};
    completeInSlices(context);
    const result = await compiledExecutor()({ schema, document, contextValue: context });
    expect(result).toEqual(await execute({ schema, document }));
    const tick = order.indexOf('tick');
    expect(tick).toBeGreaterThan(order.indexOf(`n${LIST_SLICE - 1}`));
    expect(tick).toBeLessThan(order.indexOf(`n${count - 1}`));
  });

  it('completes a list of one slice in one go', async () => {
    const order: string[] = [];
    const schema = listOf(LIST_SLICE, order);
    setImmediate(() => order.push('tick'));
    const context = {};
    completeInSlices(context);
    await compiledExecutor()({ schema, document, contextValue: context });
    expect(order.indexOf('tick')).toBe(-1);
  });

  it('completes the lists of a query not marked for it in one go', async () => {
    const order: string[] = [];
    const schema = listOf(count, order);
    setImmediate(() => order.push('tick'));
    await compiledExecutor()({ schema, document, contextValue: {} });
    expect(order.indexOf('tick')).toBe(-1);
  });

  it('past its deadline, completes no more slices: the rest is left undone', async () => {
    const order: string[] = [];
    const schema = listOf(count, order);
    const context = {};
    let expired = false;
    completeInSlices(context, {
      get expired() {
        return expired;
      },
    });
    let answered = false;
    void compiledExecutor()({ schema, document, contextValue: context }).then(() => (answered = true));
    expired = true;
    // turns enough for every slice
    await turns(5);
    expect(order).toHaveLength(LIST_SLICE);
    expect(answered).toBe(false);
  });
});

describe('rows mapped in slices', () => {
  it('maps every row in order, with a turn of the event loop between slices', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('tick'));
    const mapped = await mapInSlices([1, 2, 3, 4, 5], (r) => (order.push(`row ${r}`), r * 10), 2);
    expect(mapped).toEqual([10, 20, 30, 40, 50]);
    expect(order).toEqual(['row 1', 'row 2', 'tick', 'row 3', 'row 4', 'row 5']);
  });

  it("stops with the request's error once the request is stopped", async () => {
    const scope = new AbortController();
    const mapping = runInRequestScope(scope.signal, () => mapInSlices([1, 2, 3], (r) => r, 1));
    scope.abort(new Error('stopped'));
    await expect(mapping).rejects.toThrow('stopped');
  });
});
