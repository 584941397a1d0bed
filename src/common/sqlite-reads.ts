import type { Database, Statement } from 'better-sqlite3';
import { DataSource, EntityMetadata, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';

/** The better-sqlite3 connection behind a data source, or null on any other engine. */
function sqliteConnection(ds: DataSource): Database | null {
  return ds.options.type === 'better-sqlite3' && ds.isInitialized
    ? (ds.driver as unknown as { databaseConnection: Database }).databaseConnection
    : null;
}

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
  if (!cache) caches.set(db, (cache = new Map()));
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

/** Binds and logs a read like any TypeORM query, so statement counts stay right; null on other engines. */
function run(
  ds: DataSource,
  sql: string,
  params: unknown[],
  raw: boolean,
): { stmt: Statement; rows: unknown[] } | null {
  const db = sqliteConnection(ds);
  if (!db) return null;
  // as TypeORM binds them: better-sqlite3 takes no booleans
  const values = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  ds.logger.logQuery(sql, values);
  const stmt = statement(db, sql, raw);
  return { stmt, rows: stmt.all(...values) };
}

/** Runs a read on SQLite through a prepared better-sqlite3 statement, or returns null on other engines. */
export function sqliteAll(ds: DataSource, sql: string, params: unknown[]): Record<string, unknown>[] | null {
  return (run(ds, sql, params, false)?.rows as Record<string, unknown>[] | undefined) ?? null;
}

type Hydrate<T> = (row: unknown[]) => T;
// per statement: its result columns are fixed, and so is how they map onto the entity
const hydrators = new WeakMap<Statement, Hydrate<unknown>>();

/**
 * Entities read on SQLite with rows as arrays (better-sqlite3's raw mode: about half the cost of a row
 * object per row), built column by column as TypeORM's own reads build them; `keyOf` names a column in
 * the result. With the rows, for reading other columns by index.
 */
function sqliteEntities<T>(
  ds: DataSource,
  metadata: EntityMetadata,
  sql: string,
  params: unknown[],
  keyOf: (c: ColumnMetadata) => string,
): { entities: T[]; rows: unknown[][]; column(name: string): number } | null {
  const read = run(ds, sql, params, true);
  if (!read) return null;
  const names = read.stmt.columns().map((c) => c.name);
  let hydrate = hydrators.get(read.stmt) as Hydrate<T> | undefined;
  if (!hydrate) hydrators.set(read.stmt, (hydrate = hydrator<T>(ds, metadata, names, keyOf)));
  const rows = read.rows as unknown[][];
  return { entities: rows.map(hydrate), rows, column: (name) => names.indexOf(name) };
}

function hydrator<T>(
  ds: DataSource,
  metadata: EntityMetadata,
  names: string[],
  keyOf: (c: ColumnMetadata) => string,
): Hydrate<T> {
  const columns = metadata.columns
    .map((column) => ({
      column,
      index: names.indexOf(keyOf(column)),
      property: isPlain(column) ? column.propertyName : null,
    }))
    .filter((c) => c.index >= 0);
  return (row) => {
    const entity = metadata.create() as ObjectLiteral;
    for (const { column, index, property } of columns) {
      const value = row[index];
      if (value === undefined) continue;
      if (property !== null) entity[property] = value;
      else column.setEntityValue(entity, ds.driver.prepareHydratedValue(value, column));
    }
    return entity as T;
  };
}

/** Column types SQLite hands over as TypeORM would hydrate them: no conversion, no transformer, no embedding. */
const AS_STORED = new Set<unknown>([
  'text',
  'varchar',
  'integer',
  'int',
  'real',
  'float',
  'double',
  'double precision',
  String,
]);
function isPlain(column: ColumnMetadata): boolean {
  return (
    AS_STORED.has(column.type) &&
    !column.transformer &&
    !column.embeddedMetadata &&
    !(column.isVirtual && column.referencedColumn)
  );
}

/**
 * Rows of `repo` whose `column` is one of `keys`, optionally in `position` order: on SQLite a statement
 * prepared once per number of keys, elsewhere TypeORM's find. (An IN over json_each(?) would need one
 * statement only, but SQLite runs it at about half the speed.)
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
  if (where && sqliteConnection(ds)) {
    const sql = sqlText(
      `where-in ${metadata.tableName} ${where.databaseName} ${keys.length} ${byPosition}`,
      () =>
        `SELECT ${metadata.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(metadata.tableName)} WHERE ${q(where.databaseName)} IN (${keys.map(() => '?').join(', ')})${byPosition ? ` ORDER BY ${q('position')}` : ''}`,
    );
    return sqliteEntities<T>(ds, metadata, sql, [...keys], (c) => c.databaseName)!.entities;
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
export function getManyEntities<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const ds = qb.connection;
  const { mainAlias, joinAttributes, selects } = qb.expressionMap;
  const plain =
    mainAlias?.hasMetadata &&
    joinAttributes.length === 0 &&
    selects.length === 1 &&
    selects[0].selection === mainAlias.name;
  if (!plain || !sqliteConnection(ds)) return qb.getMany();
  const [sql, params] = qb.getQueryAndParameters();
  const keyOf = (c: ColumnMetadata) =>
    DriverUtils.buildAlias(ds.driver, undefined, mainAlias.name, c.databaseName);
  return Promise.resolve(sqliteEntities<T>(ds, mainAlias.metadata, sql, params, keyOf)!.entities);
}

/** A link table read from the key side: rows with `keyColumn` in the keys point at `target` by `refColumn`. */
export interface Link {
  table: string;
  keyColumn: string;
  refColumn: string;
}

/**
 * On SQLite, the `target` entities each key reaches through `link`, in `position` order of the target, in
 * one statement; null on other engines, where the caller reads them its own way.
 */
export function linkedEntities<T extends ObjectLiteral>(
  target: Repository<T>,
  link: Link,
  keys: readonly string[],
): { key: string; entity: T }[] | null {
  const ds = target.manager.connection;
  if (!sqliteConnection(ds)) return null;
  const q = (name: string) => ds.driver.escape(name);
  const { metadata } = target;
  const columns = () =>
    metadata.columns.map((c) => `t.${q(c.databaseName)} AS ${q(`t_${c.databaseName}`)}`).join(', ');
  const sql = sqlText(
    `linked ${metadata.tableName} ${link.table} ${link.keyColumn} ${link.refColumn} ${keys.length}`,
    () =>
      `SELECT l.${q(link.keyColumn)} AS ${q('key')}, ${columns()} FROM ${q(link.table)} l JOIN ${q(metadata.tableName)} t ON t.${q('id')} = l.${q(link.refColumn)} WHERE l.${q(link.keyColumn)} IN (${keys.map(() => '?').join(', ')}) ORDER BY t.${q('position')}`,
  );
  const read = sqliteEntities<T>(ds, metadata, sql, [...keys], (c) => `t_${c.databaseName}`)!;
  const key = read.column('key');
  return read.entities.map((entity, i) => ({ key: String(read.rows[i][key]), entity }));
}
