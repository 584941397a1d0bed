import type { Database, Statement } from 'better-sqlite3';
import { DataSource, EntityMetadata, In, ObjectLiteral, Repository } from 'typeorm';

/** The better-sqlite3 connection behind a data source, or null on any other engine. */
function sqliteConnection(ds: DataSource): Database | null {
  return ds.options.type === 'better-sqlite3' && ds.isInitialized ? (ds.driver as unknown as { databaseConnection: Database }).databaseConnection : null;
}

// prepared once per connection and statement text; a store's connection lives as long as the store
const prepared = new WeakMap<Database, Map<string, Statement>>();

function statement(db: Database, sql: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/**
 * Runs a read on SQLite through a prepared better-sqlite3 statement, or returns null on other engines.
 * The statement is logged to the store's logger like any TypeORM query, so statement counts stay right.
 */
export function sqliteAll(ds: DataSource, sql: string, params: unknown[]): Record<string, unknown>[] | null {
  const db = sqliteConnection(ds);
  if (!db) return null;
  ds.logger.logQuery(sql, params);
  return statement(db, sql).all(...params) as Record<string, unknown>[];
}

/** An entity from a raw row of its table, hydrated column by column as TypeORM's own reads do. */
function hydrate<T>(ds: DataSource, metadata: EntityMetadata, row: Record<string, unknown>): T {
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = row[column.databaseName];
    if (value !== undefined) column.setEntityValue(entity as ObjectLiteral, ds.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

/**
 * Rows of `repo` whose `column` is one of `keys`, optionally in `position` order: on SQLite one prepared
 * statement whatever the number of keys (they travel as one JSON array), elsewhere TypeORM's find.
 */
export async function findWhereIn<T extends ObjectLiteral>(repo: Repository<T>, column: keyof T & string, keys: readonly string[], byPosition: boolean): Promise<T[]> {
  const ds = repo.manager.connection;
  const { metadata } = repo;
  const q = (name: string) => ds.driver.escape(name);
  const where = metadata.findColumnWithPropertyName(column);
  if (where && sqliteConnection(ds)) {
    const sql = `SELECT ${metadata.columns.map((c) => q(c.databaseName)).join(', ')} FROM ${q(metadata.tableName)} WHERE ${q(where.databaseName)} IN (SELECT value FROM json_each(?))${byPosition ? ` ORDER BY ${q('position')}` : ''}`;
    return sqliteAll(ds, sql, [JSON.stringify(keys)])!.map((row) => hydrate<T>(ds, metadata, row));
  }
  return repo.find({ where: { [column]: In([...keys]) } as never, order: byPosition ? ({ position: 'ASC' } as never) : undefined });
}
