import type { Database, Statement } from 'better-sqlite3';
import { DataSource, EntityMetadata, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { mapInSlices } from './map-in-slices';
import { Relation } from './relation';
import type { SqlReadPool } from './sql-reads/sql-read-pool';
import {
  betterSqliteHandle,
  plainEntitySelection,
  rowHydrator,
  selectedColumnName,
} from './typeorm-internals';

// prepared once per connection, statement text and row shape; a store's connection lives as long as the store
const prepared = {
  rows: new WeakMap<Database, Map<string, Statement>>(),
  raw: new WeakMap<Database, Map<string, Statement>>(),
};
/** Statements kept prepared per connection: texts that differ only in their number of `?` come and go. */
const PREPARED_LIMIT = 200;

function statement(db: Database, sql: string, raw: boolean): Statement {
  const caches = raw ? prepared.raw : prepared.rows;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, Statement>()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= PREPARED_LIMIT) cache.delete(cache.keys().next().value as string);
    stmt = db.prepare(sql);
    if (raw) stmt.raw(true);
    cache.set(sql, stmt);
  }
  return stmt;
}

// the same statement texts recur with every batch: built once, they are the same string objects, whose
// hash the statement cache does not compute again
const texts = new Map<string, string>();
export function sqlText(shape: string, build: () => string): string {
  let sql = texts.get(shape);
  if (sql === undefined) {
    if (texts.size >= PREPARED_LIMIT) texts.delete(texts.keys().next().value as string);
    texts.set(shape, (sql = build()));
  }
  return sql;
}

// as TypeORM binds them: better-sqlite3 takes no booleans
const bound = (params: unknown[]) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));

/** Binds and logs a read like any TypeORM query, so statement counts stay right; null on other engines. */
function run(
  ds: DataSource,
  sql: string,
  params: unknown[],
  raw: boolean,
): { stmt: Statement; rows: unknown[] } | null {
  const db = betterSqliteHandle(ds);
  if (!db) return null;
  const values = bound(params);
  ds.logger.logQuery(sql, values);
  const stmt = statement(db, sql, raw);
  return { stmt, rows: stmt.all(...values) };
}

// the SQLite stores whose scans run on the read workers, and the file each one reads
const workerReads = new WeakMap<DataSource, { pool: SqlReadPool; file: string }>();

/** From now on the store's scans (reads that say they may scan) run on `pool`, which reads `file`. */
export function readScansOnWorkers(ds: DataSource, pool: SqlReadPool, file: string): void {
  pool.attach(file);
  workerReads.set(ds, { pool, file });
}

/** Before a store closes: its file's connections on the workers close too. */
export function releaseWorkerReads(ds: DataSource): void {
  const target = workerReads.get(ds);
  target?.pool.forget(target.file);
  workerReads.delete(ds);
}

/** A scan on a read worker, logged like any read; null when the store reads on the event loop. */
async function runOnWorker(
  ds: DataSource,
  sql: string,
  params: unknown[],
): Promise<{ columns: string[]; rows: unknown[][] } | null> {
  const target = workerReads.get(ds);
  if (!target) return null;
  const values = bound(params);
  ds.logger.logQuery(sql, values);
  return target.pool.read(target.file, sql, values);
}

const asObjects = ({ columns, rows }: { columns: string[]; rows: unknown[][] }) =>
  mapInSlices(rows, (row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));

/**
 * Rows of a read that may scan (a filtered list, a count, an aggregate, a search): on a read worker when
 * the store has them, so the event loop is free meanwhile; else as `sqliteAll`, or TypeORM's query.
 */
export async function scanRows<T>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const read = await runOnWorker(ds, sql, params);
  if (read) return (await asObjects(read)) as T[];
  return (sqliteAll(ds, sql, params) as T[] | null) ?? ds.query<T[]>(sql, params);
}

/** Runs a read on SQLite through a prepared better-sqlite3 statement, or returns null on other engines. */
export function sqliteAll(ds: DataSource, sql: string, params: unknown[]): Record<string, unknown>[] | null {
  return (run(ds, sql, params, false)?.rows as Record<string, unknown>[] | undefined) ?? null;
}

/**
 * Rows of a read written with named parameters (`:name`, `:...list`), on either engine: through a
 * prepared statement on SQLite, TypeORM's query elsewhere.
 */
export async function readRows<T>(
  ds: DataSource,
  sql: string,
  params: Record<string, unknown>,
  mayScan = false,
): Promise<T[]> {
  const [query, values] = ds.driver.escapeQueryWithParameters(sql, params);
  if (mayScan) return scanRows<T>(ds, query, values);
  return (sqliteAll(ds, query, values) as T[] | null) ?? ds.query<T[]>(query, values);
}

type Hydrate<T> = (row: unknown[]) => T;
// per statement: its result columns are fixed, and so is how they map onto the entity
const hydrators = new WeakMap<Statement, Hydrate<unknown>>();
// the same for statements run on the read workers, by entity and statement text
const workerHydrators = new WeakMap<EntityMetadata, Map<string, Hydrate<unknown>>>();

/**
 * Entities read on SQLite with rows as arrays (better-sqlite3's raw mode: about half the cost of a row
 * object per row), built column by column as TypeORM's own reads build them; `nameOf` names an entity column
 * in the result. With the rows, for reading other columns by index.
 */
function sqliteEntities<T>(
  ds: DataSource,
  metadata: EntityMetadata,
  sql: string,
  params: unknown[],
  nameOf: (c: ColumnMetadata) => string,
): { entities: T[]; rows: unknown[][]; column(name: string): number } | null {
  const read = run(ds, sql, params, true);
  if (!read) return null;
  const names = read.stmt.columns().map((c) => c.name);
  let hydrate = hydrators.get(read.stmt) as Hydrate<T> | undefined;
  if (!hydrate) hydrators.set(read.stmt, (hydrate = rowHydrator<T>(ds, metadata, names, nameOf)));
  const rows = read.rows as unknown[][];
  return { entities: rows.map(hydrate), rows, column: (name) => names.indexOf(name) };
}

/**
 * IN lists are padded to one of a few lengths (repeating the last key, which IN ignores), so that a
 * statement is prepared once per length class rather than once per number of keys.
 */
const IN_LENGTHS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];

/** `keys` padded to the next length of IN_LENGTHS (unchanged when longer than every one). */
export function paddedKeys(keys: readonly string[]): string[] {
  const length = IN_LENGTHS.find((n) => n >= keys.length) ?? keys.length;
  const padded = [...keys];
  while (padded.length < length) padded.push(keys[keys.length - 1]);
  return padded;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/**
 * Rows of `repo` whose `column` is one of `keys`, optionally in `position` order: on SQLite a statement
 * prepared once per padded number of keys, elsewhere TypeORM's find. (An IN over json_each(?) would need
 * one statement only, but SQLite runs it at about half the speed.)
 */
export async function findWhereIn<T extends ObjectLiteral>(
  repo: Repository<T>,
  column: keyof T & string,
  keys: readonly string[],
  byPosition: boolean,
): Promise<T[]> {
  const ds = repo.manager.connection;
  const { metadata } = repo;
  const q = (name: string) => ds.driver.escape(name);
  const where = metadata.findColumnWithPropertyName(column);
  if (where && betterSqliteHandle(ds)) {
    const values = paddedKeys(keys);
    const sql = sqlText(
      `where-in ${metadata.tableName} ${where.databaseName} ${values.length} ${byPosition}`,
      () =>
        `SELECT ${metadata.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(metadata.tableName)} WHERE ${q(where.databaseName)} IN (${placeholders(values.length)})${byPosition ? ` ORDER BY ${q('position')}` : ''}`,
    );
    return sqliteEntities<T>(ds, metadata, sql, values, (c) => c.databaseName)!.entities;
  }
  return repo.find({
    where: { [column]: In([...keys]) } as never,
    order: byPosition ? ({ position: 'ASC' } as never) : undefined,
  });
}

/**
 * A query builder's entities, as `getMany()` reads them; on SQLite a builder selecting one entity without
 * joins runs its own SQL through a prepared statement and skips TypeORM's general row transformer.
 */
export async function getManyEntities<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  mayScan = false,
): Promise<T[]> {
  const ds = qb.connection;
  const selection = betterSqliteHandle(ds) ? plainEntitySelection(qb) : null;
  if (!selection) return qb.getMany();
  const [sql, params] = qb.getQueryAndParameters();
  const nameOf = (c: ColumnMetadata) => selectedColumnName(ds, selection.alias, c);
  const read = mayScan ? await runOnWorker(ds, sql, params) : null;
  if (!read) return sqliteEntities<T>(ds, selection.metadata, sql, params, nameOf)!.entities;
  let known = workerHydrators.get(selection.metadata);
  if (!known) workerHydrators.set(selection.metadata, (known = new Map<string, Hydrate<unknown>>()));
  let hydrate = known.get(sql) as Hydrate<T> | undefined;
  if (!hydrate) {
    if (known.size >= PREPARED_LIMIT) known.delete(known.keys().next().value as string);
    known.set(sql, (hydrate = rowHydrator<T>(ds, selection.metadata, read.columns, nameOf)));
  }
  // a scan may return 100,000 rows: their entities are built in slices, the event loop free in between
  return mapInSlices(read.rows, hydrate);
}

/**
 * On SQLite, the `target` entities (children) each parent key reaches through `relation`, in `position`
 * order of the target, in one statement; null on other engines, where the caller reads them its own way.
 */
export function linkedEntities<T extends ObjectLiteral>(
  target: Repository<T>,
  relation: Relation,
  keys: readonly string[],
): { key: string; entity: T }[] | null {
  const ds = target.manager.connection;
  if (!betterSqliteHandle(ds)) return null;
  const q = (name: string) => ds.driver.escape(name);
  const { metadata } = target;
  const { table, parentColumn, childColumn } = relation;
  const values = paddedKeys(keys);
  const columns = () =>
    metadata.columns.map((c) => `t.${q(c.databaseName)} AS ${q(`t_${c.databaseName}`)}`).join(', ');
  const sql = sqlText(
    `linked ${metadata.tableName} ${table} ${parentColumn} ${childColumn} ${values.length}`,
    () =>
      `SELECT l.${q(parentColumn)} AS ${q('key')}, ${columns()} FROM ${q(table)} l JOIN ${q(metadata.tableName)} t ON t.${q('id')} = l.${q(childColumn)} WHERE l.${q(parentColumn)} IN (${placeholders(values.length)}) ORDER BY t.${q('position')}`,
  );
  const read = sqliteEntities<T>(ds, metadata, sql, values, (c) => `t_${c.databaseName}`)!;
  const key = read.column('key');
  return read.entities.map((entity, i) => ({ key: String(read.rows[i][key]), entity }));
}

/** A read with named parameters (`:name`, `(:...names)`), through the fast path on SQLite. */
export async function queryNamed(
  ds: DataSource,
  sql: string,
  params: Record<string, unknown>,
  mayScan = false,
): Promise<Record<string, unknown>[]> {
  return readRows<Record<string, unknown>>(ds, sql, params, mayScan);
}
