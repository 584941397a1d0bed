import type { Database, Statement } from 'better-sqlite3';
import { DataSource, EntityMetadata, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DriverUtils } from 'typeorm/driver/DriverUtils';

/** The better-sqlite3 connection behind a data source, or null on any other engine. */
function sqliteConnection(ds: DataSource): Database | null {
  return ds.options.type === 'better-sqlite3' && ds.isInitialized ? (ds.driver as unknown as { databaseConnection: Database }).databaseConnection : null;
}

// prepared once per connection and statement text; a store's connection lives as long as the store
const prepared = new WeakMap<Database, Map<string, Statement>>();
/** Statements kept prepared per connection: texts that differ only in their number of `?` come and go. */
const PREPARED_LIMIT = 200;

function statement(db: Database, sql: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= PREPARED_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(sql, (stmt = db.prepare(sql)));
  }
  return stmt;
}

/**
 * Runs a read on SQLite through a prepared better-sqlite3 statement, or returns null on other engines.
 * The statement is logged to the store's logger like any TypeORM query, so statement counts stay right.
 */
export function sqliteAll(ds: DataSource, sql: string, params: unknown[]): Record<string, unknown>[] | null {
  const db = sqliteConnection(ds);
  if (!db) return null;
  // as TypeORM binds them: better-sqlite3 takes no booleans
  const values = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  ds.logger.logQuery(sql, values);
  return statement(db, sql).all(...values) as Record<string, unknown>[];
}

/** Turns raw rows into entities, column by column as TypeORM's own reads do; `keyOf` names a column in a row. */
function hydrator<T>(ds: DataSource, metadata: EntityMetadata, keyOf = (c: ColumnMetadata) => c.databaseName): (row: Record<string, unknown>) => T {
  const columns = metadata.columns.map((column) => ({ column, key: keyOf(column), property: isPlain(column) ? column.propertyName : null }));
  return (row) => {
    const entity = metadata.create() as ObjectLiteral;
    for (const { column, key, property } of columns) {
      const value = row[key];
      if (value === undefined) continue;
      if (property !== null) entity[property] = value;
      else column.setEntityValue(entity, ds.driver.prepareHydratedValue(value, column));
    }
    return entity as T;
  };
}

/** Column types SQLite hands over as TypeORM would hydrate them: no conversion, no transformer, no embedding. */
const AS_STORED = new Set<unknown>(['text', 'varchar', 'integer', 'int', 'real', 'float', 'double', 'double precision', String]);
function isPlain(column: ColumnMetadata): boolean {
  return AS_STORED.has(column.type) && !column.transformer && !column.embeddedMetadata && !(column.isVirtual && column.referencedColumn);
}

/**
 * Rows of `repo` whose `column` is one of `keys`, optionally in `position` order: on SQLite a statement
 * prepared once per number of keys, elsewhere TypeORM's find. (An IN over json_each(?) would need one
 * statement only, but SQLite runs it at about half the speed.)
 */
export async function findWhereIn<T extends ObjectLiteral>(repo: Repository<T>, column: keyof T & string, keys: readonly string[], byPosition: boolean): Promise<T[]> {
  const ds = repo.manager.connection;
  const { metadata } = repo;
  const q = (name: string) => ds.driver.escape(name);
  const where = metadata.findColumnWithPropertyName(column);
  if (where && sqliteConnection(ds)) {
    const sql = `SELECT ${metadata.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(metadata.tableName)} WHERE ${q(where.databaseName)} IN (${keys.map(() => '?').join(', ')})${byPosition ? ` ORDER BY ${q('position')}` : ''}`;
    return sqliteAll(ds, sql, [...keys])!.map(hydrator<T>(ds, metadata));
  }
  return repo.find({ where: { [column]: In([...keys]) } as never, order: byPosition ? ({ position: 'ASC' } as never) : undefined });
}

/**
 * A query builder's entities, as `getMany()` reads them; on SQLite a builder selecting one entity without
 * joins runs its own SQL through a prepared statement and skips TypeORM's general row transformer.
 */
export function getManyEntities<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): Promise<T[]> {
  const ds = qb.connection;
  const { mainAlias, joinAttributes, selects } = qb.expressionMap;
  const plain = mainAlias?.hasMetadata && joinAttributes.length === 0 && selects.length === 1 && selects[0].selection === mainAlias.name;
  if (!plain || !sqliteConnection(ds)) return qb.getMany();
  const [sql, params] = qb.getQueryAndParameters();
  const keyOf = (c: ColumnMetadata) => DriverUtils.buildAlias(ds.driver, undefined, mainAlias.name, c.databaseName);
  return Promise.resolve(sqliteAll(ds, sql, params)!.map(hydrator<T>(ds, mainAlias.metadata, keyOf)));
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
export function linkedEntities<T extends ObjectLiteral>(target: Repository<T>, link: Link, keys: readonly string[]): { key: string; entity: T }[] | null {
  const ds = target.manager.connection;
  if (!sqliteConnection(ds)) return null;
  const q = (name: string) => ds.driver.escape(name);
  const { metadata } = target;
  const columns = metadata.columns.map((c) => `t.${q(c.databaseName)} AS ${q(`t_${c.databaseName}`)}`).join(', ');
  const sql = `SELECT l.${q(link.keyColumn)} AS ${q('key')}, ${columns} FROM ${q(link.table)} l JOIN ${q(metadata.tableName)} t ON t.${q('id')} = l.${q(link.refColumn)} WHERE l.${q(link.keyColumn)} IN (${keys.map(() => '?').join(', ')}) ORDER BY t.${q('position')}`;
  const hydrate = hydrator<T>(ds, metadata, (c) => `t_${c.databaseName}`);
  return sqliteAll(ds, sql, [...keys])!.map((row) => ({ key: String(row.key), entity: hydrate(row) }));
}
