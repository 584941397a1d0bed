import { currentRequestSignal } from './request-scope';

/** Rows mapped per turn of the event loop: a few milliseconds of entity building. */
export const ROWS_PER_SLICE = 5000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `rows.map(fn)`, a slice at a time with a turn of the event loop in between, so that building the
 * entities of a long scan does not hold it; a request stopped meanwhile (deadline, disconnect) ends
 * with its error instead of mapping the rest.
 */
export async function mapInSlices<R, T>(rows: R[], fn: (row: R) => T, size = ROWS_PER_SLICE): Promise<T[]> {
  if (rows.length <= size) return rows.map(fn);
  const signal = currentRequestSignal();
  const out: T[] = new Array<T>(rows.length);
  for (let from = 0; from < rows.length; from += size) {
    if (from > 0) {
      await nextTurn();
      signal?.throwIfAborted();
    }
    const end = Math.min(from + size, rows.length);
    for (let i = from; i < end; i++) out[i] = fn(rows[i]);
  }
  return out;
}
