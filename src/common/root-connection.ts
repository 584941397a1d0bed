import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { listTag, Page, pageRequest, RootConnectionArgs, toPage } from './paging';
import { keysetQueries, reversed, SortKey } from './keyset';
import { ListScope } from './graph/aggregates';
import { getManyEntities, scanRows } from './sqlite-reads';

export const BY_POSITION = (alias: string): SortKey[] => [
  { expression: `${alias}.position`, direction: 'ASC' },
];

/**
 * A root list as a connection: one statement for a first page or a page of a one-key order (two or more
 * after a cursor of a longer order, see keysetQueries), one COUNT only if totalCount is asked for. A
 * backward page (`last`, `before`) reads the same keys the other way. The connection's scope is the
 * list's ids (all pages), for its aggregates. `readKeys` reads sort keys that are not columns of the row
 * (a count) for the rows read, before their cursors are made.
 */
export async function rootConnection<T extends ObjectLiteral, C>(
  list: string,
  qb: SelectQueryBuilder<T>,
  args: RootConnectionArgs,
  keys: SortKey[],
  keyOf: (row: T) => unknown[],
  make: (page: Page<T>, count: () => Promise<number>, scope: ListScope) => C,
  /** reads what keyOf needs beyond the rows' columns (a relation count), for the page's rows, at once */
  readKeys?: (rows: T[]) => Promise<unknown>,
): Promise<C> {
  const request = pageRequest(args, listTag(list, ...keys.map((k) => `${k.expression} ${k.direction}`)));
  const countQuery = qb.clone();
  const scope = listScope(qb);
  // a page of a filtered list reads as many rows as it takes to find a page of matches
  const mayScan = qb.expressionMap.wheres.length > 0;
  const rows: T[] = [];
  for (const part of keysetQueries(qb, request.backward ? reversed(keys) : keys, request)) {
    if (rows.length > request.first) break;
    rows.push(...(await getManyEntities(part, mayScan)));
  }
  await readKeys?.(rows.slice(0, request.first));
  return make(toPage(rows, request, keyOf), () => countOf(countQuery), scope);
}

/** The ids of every row a root list's query selects (before paging), as a subquery. */
export function listScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): ListScope {
  const ids = qb.clone().select(`${qb.alias}.id`, 'id');
  return { dataSource: qb.connection, sql: ids.getQuery(), params: ids.getParameters() };
}

const COUNTS_KEPT = 1000;
const counts = new WeakMap<DataSource, Map<string, number>>();

/**
 * Root lists read one table without joins, so COUNT(*) is exact and the database may answer it from
 * its smallest index (TypeORM's getCount() would COUNT(DISTINCT id) through a temporary b-tree). A
 * read-only SQLite store is a file that is replaced, never written, while it is open: its counts are
 * kept, so that a list of a million rows counts them once, not on every page.
 */
async function countOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<number> {
  const ds = qb.connection;
  const fixed = ds.options.type === 'better-sqlite3' && ds.options.readonly === true;
  const query = qb.select('COUNT(*)', 'n');
  const key = JSON.stringify(query.getQueryAndParameters());
  const kept = fixed ? (counts.get(ds) ?? counts.set(ds, new Map()).get(ds)!) : null;
  const known = kept?.get(key);
  if (known !== undefined) return known;
  const [sql, params] = query.getQueryAndParameters();
  const [row] = await scanRows<{ n: number | string }>(ds, sql, params);
  const n = Number(row?.n ?? 0);
  if (kept) {
    // bounded: filters come from clients
    if (kept.size >= COUNTS_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(key, n);
  }
  return n;
}
