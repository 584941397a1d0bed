import { jitRuntime } from 'graphql-jit/dist/runtime';

/**
 * Items of a list completed in one slice. graphql-jit completes a list's items (and calls their fields'
 * resolvers) all in one go, so a list of 150,000 results would hold the event loop for seconds. Past the
 * first slice, the items are completed a slice per `setImmediate` turn, each in a macrotask of its own,
 * and other requests run in between. Loaders then batch per slice: a long list costs one lookup per
 * slice rather than one in all.
 */
export const LIST_SLICE = 500;

/** What a slice checks before it starts: past the deadline, the rest of the list is left undone. */
export interface SliceDeadline {
  readonly expired: boolean;
}

// the queries whose lists are completed in slices, by the context value they run with (which graphql-jit's
// execution context carries), with their deadlines
const sliced = new WeakMap<object, SliceDeadline | null>();

/**
 * Lists of a query run with `context` are completed in slices, and stop once `deadline` has passed.
 * Only the fused schema's (its loaders batch per slice); elsewhere the gateway would fetch entities from
 * a subgraph once per slice, not once per list.
 */
export function completeInSlices(context: object, deadline?: SliceDeadline): void {
  sliced.set(context, deadline ?? null);
}

/** graphql-jit's execution context, as far as a list's completion uses it. */
interface JitContext {
  context: unknown;
  /** resolutions still awaited: the query's answer is ready when it falls to 0 */
  promiseCounter: number;
  resolve?: (ctx: JitContext) => void;
}
type CompleteItem = (
  ctx: JitContext,
  item: unknown,
  index: number,
  result: unknown[],
  ...at: unknown[]
) => void;
type SafeMap = (
  ctx: JitContext,
  list: Iterable<unknown>,
  complete: CompleteItem,
  ...at: unknown[]
) => unknown[];

let installed = false;

/**
 * Makes graphql-jit complete lists past LIST_SLICE items a slice per turn, for the queries marked by
 * `completeInSlices`: its generated code calls `safeMap` of its runtime object for every list, and each
 * item's handler writes the item at its index, as it does for items that are promises. The rest of the list counts as one awaited resolution until
 * its last slice is done; past the request's deadline the rest is left undone (the request has answered
 * its timeout already, request-deadline.plugin.ts) and its answer never completes.
 */
export function completeListsInSlices(): void {
  if (installed) return;
  const rt = jitRuntime as unknown as { safeMap?: SafeMap };
  // safeMap(ctx, iterable, cb, ...indexes), graphql-jit 0.8
  if (typeof rt.safeMap !== 'function' || rt.safeMap.length !== 3)
    throw new Error('graphql-jit changed: its runtime has no safeMap(ctx, iterable, cb, ...indexes)');
  rt.safeMap = (ctx, list, complete, ...at) => {
    const items = Array.isArray(list) ? (list as unknown[]) : Array.from(list);
    const result: unknown[] = [];
    const query = ctx.context && typeof ctx.context === 'object' ? ctx.context : null;
    const first = query && sliced.has(query) ? Math.min(items.length, LIST_SLICE) : items.length;
    for (let i = 0; i < first; i++) complete(ctx, items[i], i, result, ...at);
    if (first === items.length) return result;
    const deadline = sliced.get(query!);
    ctx.promiseCounter++;
    let from = LIST_SLICE;
    const turn = () => {
      if (deadline?.expired) return;
      const end = Math.min(from + LIST_SLICE, items.length);
      for (let i = from; i < end; i++) complete(ctx, items[i], i, result, ...at);
      from = end;
      if (from < items.length) return void setImmediate(turn);
      // as graphql-jit settles a resolution: the answer is ready when none is awaited
      if (--ctx.promiseCounter === 0) ctx.resolve?.(ctx);
    };
    setImmediate(turn);
    return result;
  };
  installed = true;
}
