import * as path from 'path';
import type { SurveyData } from '../../src/data/schema';
import { loadSurveyData } from '../../src/data/validate';

// What the aggregates of the paper's graph should be, computed from data/ as the API documents them.

export interface Group {
  key: string | null;
  count: number;
}

/** Each item counted under each of its keys (none: the null group), largest first, then key, null last. */
export function groupsOf<T>(items: T[], keysOf: (item: T) => (string | null)[]): Group[] {
  const counts = new Map<string | null, number>();
  for (const item of items) {
    const keys = [...new Set(keysOf(item))];
    for (const key of keys.length ? keys : [null]) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1),
    );
}

export interface StatsJson {
  count: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  sum: number | null;
}

/** Count, min, max, mean and sum of the values that are not null. */
export function statsOf(values: (number | null)[]): StatsJson {
  const v = values.filter((x): x is number => x !== null);
  if (!v.length) return { count: 0, min: null, max: null, avg: null, sum: null };
  const sum = v.reduce((a, b) => a + b, 0);
  return { count: v.length, min: Math.min(...v), max: Math.max(...v), avg: sum / v.length, sum };
}

/** Stats equal up to floating-point rounding (the database adds in its own order). */
export function expectStats(actual: StatsJson, expected: StatsJson): void {
  const near = (a: number | null, b: number | null) =>
    a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
  const keys = ['count', 'min', 'max', 'avg', 'sum'] as const;
  expect(keys.filter((k) => !near(actual[k], expected[k]))).toEqual([]);
}

export const paperData = (): SurveyData => loadSurveyData(path.resolve(__dirname, '../../data'));

/** The sector of each task, for results grouped by the sector of their task. */
export function taskSectors(data: SurveyData): Map<string, string> {
  return new Map(data.tasks.map((t) => [t.slug, t.sector]));
}
