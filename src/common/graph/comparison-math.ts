/** Signed so that a positive number is always better: a falling RMSE is an improvement. */
export function improvement(baseline: number, challenger: number, higherIsBetter: boolean): number {
  const delta = higherIsBetter ? challenger - baseline : baseline - challenger;
  // the inputs are printed decimals; drop binary noise such as 0.30000000000000004
  return Number(delta.toPrecision(12));
}

/**
 * The improvement as a fraction of the baseline, comparable across metrics whose units differ: 0.11 for
 * Pangu-Weather's RMSE 333.7 -> 296.7 as for a score; null when the baseline is 0 (no fraction of it).
 */
export function relativeImprovement(
  baseline: number,
  challenger: number,
  higherIsBetter: boolean,
): number | null {
  if (baseline === 0) return null;
  return Number((improvement(baseline, challenger, higherIsBetter) / Math.abs(baseline)).toPrecision(12));
}
