import { LIST_SLICE } from '../../src/gateway/list-slices';

/** The length of the longest list anywhere in an answer. */
export function longestList(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestList));
  if (value && typeof value === 'object') return Math.max(0, ...Object.values(value).map(longestList));
  return 0;
}

/**
 * Checks that a query's statements per subgraph did not grow with the graph. Fused, a list longer than
 * LIST_SLICE is completed a slice per turn, its loaders batching per slice: there the statements may grow
 * with the slices of the longest list, never with its rows.
 */
export function expectStatementsOfSlices(
  execution: string,
  small: Record<string, number>,
  large: { sql: Record<string, number>; data: unknown },
): void {
  const slices = execution === 'fused' ? Math.ceil(longestList(large.data) / LIST_SLICE) : 1;
  if (slices <= 1) {
    expect(large.sql).toEqual(small);
    return;
  }
  for (const [subgraph, n] of Object.entries(large.sql))
    expect(n).toBeLessThanOrEqual(small[subgraph] * slices);
}
