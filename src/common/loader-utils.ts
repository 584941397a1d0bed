import DataLoader from 'dataloader';
import { ObjectLiteral, Repository } from 'typeorm';
import { findWhereIn } from './sqlite-reads';

/** Orders rows to match keys (DataLoader's contract); a missing key gives null. */
export function alignOne<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map<K, R>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups rows under each key, in row order; a key without rows gets []. */
export function alignMany<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Keys per batch: a batch binds one SQL variable per key, and SQLite refuses a statement with more than
 * 32,766 of them (PostgreSQL 65,535). Audits at scale resolve tens of thousands of ids at once.
 */
export const MAX_BATCH = 10_000;
export const BATCH_OPTIONS = { maxBatchSize: MAX_BATCH } as const;

/** A by-id loader: one `WHERE id IN (...)` per batch. */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(
  repo: Repository<T>,
): DataLoader<string, T | null> {
  return new DataLoader(
    async (ids) => alignOne(ids, await findWhereIn(repo, 'id', ids, false), (r) => r.id),
    BATCH_OPTIONS,
  );
}

/** Rows grouped by a column, in position order: one `WHERE column IN (...)` per batch. */
export function manyByLoader<T extends ObjectLiteral>(
  repo: Repository<T>,
  column: keyof T & string,
): DataLoader<string, T[]> {
  return new DataLoader(
    async (keys) => alignMany(keys, await findWhereIn(repo, column, keys, true), (r) => r[column] as string),
    BATCH_OPTIONS,
  );
}

/** Loads many ids through a loader, dropping ids whose row has gone. */
export async function loadAll<T>(loader: DataLoader<string, T | null>, ids: readonly string[]): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  return rows.filter((r): r is T => r !== null && !(r instanceof Error));
}
