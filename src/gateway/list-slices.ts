/**
 * Items of a list completed in one slice. An executor completes a list's items (and calls their fields'
 * resolvers) all in one go, so a list of 150,000 results would hold the event loop for seconds. Past the
 * first slice, an item stands for its value until a turn of the event loop after the slice before it, so
 * every slice is completed in a macrotask of its own and other requests run in between. Loaders then
 * batch per slice: a long list costs one lookup per slice rather than one in all.
 */
export const LIST_SLICE = 500;

/** What a slice checks before it starts: past the deadline, the rest of the list is left undone. */
export interface SliceDeadline {
  readonly expired: boolean;
}

type Settle = (value: unknown) => unknown;

/** The items of one slice, and what waits on each. */
class Slice {
  private readonly values: unknown[] = [];
  private readonly waiting: (Settle | undefined)[] = [];
  wait(value: unknown, onValue?: Settle): void {
    this.values.push(value);
    this.waiting.push(onValue);
  }
  start(): void {
    const { values, waiting } = this;
    for (let i = 0; i < values.length; i++) {
      try {
        waiting[i]?.(values[i]);
      } catch (error) {
        // as a promise's reaction that throws: a rejection nobody handles
        void Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}

/**
 * An item of a later slice, as graphql-jit takes a promise: it calls `then` once and ignores what that
 * returns, so no promise is made per item (with 150,000 of them, making them held the loop for a second).
 * graphql-js would need the returned promise: the fused schema runs on graphql-jit only.
 */
class LaterItem {
  constructor(
    private readonly slice: Slice,
    private readonly value: unknown,
  ) {}
  then(onValue?: Settle): void {
    this.slice.wait(this.value, onValue);
  }
}

/**
 * `list` with its items past the first `size` handed out slice by slice, on successive `setImmediate`
 * turns, for graphql-jit to complete; the same values in the same order, so the answer does not change.
 * Lists of at most `size` items are returned as they are.
 */
export function inSlices(list: unknown, deadline?: SliceDeadline, size = LIST_SLICE): unknown {
  if (!Array.isArray(list) || list.length <= size) return list;
  const items: unknown[] = list.slice(0, size);
  const slices: Slice[] = [];
  for (let from = size; from < list.length; from += size) {
    const slice = new Slice();
    slices.push(slice);
    for (let i = from; i < Math.min(from + size, list.length); i++) items.push(new LaterItem(slice, list[i]));
  }
  let next = 0;
  const turn = () => {
    // past the deadline the request has answered its timeout already (request-deadline.plugin.ts): the
    // rest is left undone, its items never settle and go with the request (an error per item would be
    // 150,000 errors made for nobody)
    if (deadline?.expired) return;
    slices[next++].start();
    if (next < slices.length) setImmediate(turn);
  };
  setImmediate(turn);
  return items;
}
