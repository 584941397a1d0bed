import { buildSchema, GraphQLObjectType, parse } from 'graphql';
import { runInRequestScope } from '../../src/common/request-scope';
import { mapInSlices } from '../../src/common/map-in-slices';
import { compiledExecutor } from '../../src/gateway/compiled-execution';
import { inSlices, SliceDeadline } from '../../src/gateway/list-slices';

/** Runs `{ items { n } }` on graphql-jit (as the fused schema runs) over five items in slices of two. */
async function run() {
  const order: string[] = [];
  const schema = buildSchema('type Query { items: [Item!]! } type Item { n: Int! }');
  const items = Array.from({ length: 5 }, (_, n) => ({ n }));
  schema.getQueryType()!.getFields().items.resolve = () => inSlices(items, undefined, 2);
  (schema.getType('Item') as GraphQLObjectType).getFields().n.resolve = (item: { n: number }) => {
    order.push(`n${item.n}`);
    return item.n;
  };
  // a callback queued before the query: with the list completed in one go, it would run after it all
  setImmediate(() => order.push('tick'));
  const result = await compiledExecutor()({ schema, document: parse('{ items { n } }') });
  return { result, order };
}

describe('a long list completed in slices', () => {
  it('answers the same list, and lets other callbacks run between its slices', async () => {
    const { result, order } = await run();
    expect(result).toEqual({ data: { items: [0, 1, 2, 3, 4].map((n) => ({ n })) } });
    // the first slice completes at once, the last after the queued callback
    expect(order.indexOf('tick')).toBeGreaterThan(order.indexOf('n1'));
    expect(order.indexOf('tick')).toBeLessThan(order.indexOf('n4'));
  });

  it('leaves a short list as it is', () => {
    const list = [1, 2];
    expect(inSlices(list, undefined, 2)).toBe(list);
  });

  it('hands out its items on successive turns of the event loop', async () => {
    const order: string[] = [];
    const items = inSlices([0, 1, 2, 3, 4], undefined, 2) as unknown[];
    expect(items.slice(0, 2)).toEqual([0, 1]);
    const done = Promise.all(
      items.map((item) => Promise.resolve(item).then((v) => order.push(`item ${String(v)}`))),
    );
    setImmediate(() => order.push('tick'));
    await done;
    expect(order).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'tick', 'item 4']);
  });

  it('past its deadline, completes no more slices: their items are left unsettled', async () => {
    let expired = false;
    const deadline: SliceDeadline = {
      get expired() {
        return expired;
      },
    };
    const items = inSlices([0, 1, 2, 3, 4], deadline, 2) as unknown[];
    const settled: unknown[] = [];
    for (const item of items) void Promise.resolve(item).then((v) => settled.push(v));
    expired = true;
    // turns enough for every slice
    for (let turn = 0; turn < 4; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual([0, 1]);
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
