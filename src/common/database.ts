import * as fs from 'fs';
import * as path from 'path';
import Database from 'better-sqlite3';
import { DataSource, Logger } from 'typeorm';
import { Config, PostgresStore, storeFile, SubgraphName } from './config';
import { releaseWorkerReads } from './sqlite-reads';

/** Counts the SQL statements a store runs, so tests and benchmarks can prove batching. */
export class QueryCounter implements Logger {
  count = 0;
  /** while set, each statement is also recorded here with its parameters (tests read query plans of them) */
  recorded: { sql: string; params: unknown[] }[] | null = null;
  logQuery(query: string, parameters?: unknown[]): void {
    // TypeORM wraps writes in transactions; only real statements count.
    if (/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(query)) return;
    this.count++;
    this.recorded?.push({ sql: query, params: parameters ?? [] });
  }
  logQueryError(error: string | Error, query: string): void {
    console.error(`SQL error: ${error instanceof Error ? error.message : error} in ${query.slice(0, 200)}`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface Store {
  dataSource: DataSource;
  counter: QueryCounter;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = Function[];

/** An index the entities cannot declare (TypeORM's @Index names columns, not expressions). */
export interface ExpressionIndex {
  name: string;
  table: string;
  /** the indexed expressions and their directions, as SQLite writes them */
  keys: string;
}

/** A SQLite file, or a PostgreSQL database and the schema this store's tables live in. */
export type StoreTarget = { file: string } | PostgresStore;

export const isPostgres = (target: StoreTarget): target is PostgresStore => 'url' in target;

export interface StoreOptions {
  readonly?: boolean;
  /** the store's migrations (PostgreSQL); SQLite stores are built whole from the entities */
  migrations?: EntityList;
}

/** Describes a store; nothing is opened until `initialize()` is called (by a main file or a test). */
export function defineStore(target: StoreTarget, entities: EntityList, options: StoreOptions = {}): Store {
  const counter = new QueryCounter();
  const dataSource = isPostgres(target)
    ? new DataSource({
        type: 'postgres',
        url: target.url,
        entities,
        migrations: options.migrations ?? [],
        migrationsTableName: 'migrations',
        synchronize: false,
        logger: counter,
        // unqualified names resolve to this store's own schema, so the same SQL serves both engines
        extra: { options: `-c search_path=${target.schema}`, max: 10 },
      })
    : // SQLite stores are built whole into a new file and renamed into place (src/data/seed.ts), so the
      // default rollback journal is right: a WAL file left beside a replaced store would not match it.
      new DataSource({
        type: 'better-sqlite3',
        database: target.file,
        entities,
        synchronize: false,
        readonly: options.readonly ?? false,
        logger: counter,
      });
  return { dataSource, counter };
}

/** Closes a store, and its connections on the read workers. */
export async function closeStore(store: Store): Promise<void> {
  releaseWorkerReads(store.dataSource);
  if (store.dataSource.isInitialized) await store.dataSource.destroy();
}

/** Creates the store's PostgreSQL schema if needed and runs its pending migrations. */
export async function migrate(store: Store, target: PostgresStore): Promise<void> {
  await store.dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  await store.dataSource.runMigrations({ transaction: 'all' });
}

/** Where a subgraph's store lives under this configuration. */
export function storeTarget(config: Config, name: SubgraphName): StoreTarget {
  return config.databases[name] ?? { file: storeFile(config, name) };
}

/** Fails unless the store's tables can be read (and, for SQLite, the file passes a quick check). */
export async function verifyStore(store: Store, target: StoreTarget): Promise<void> {
  if (!isPostgres(target)) {
    const [check] = await store.dataSource.query<{ quick_check?: string }[]>('PRAGMA quick_check');
    if (check?.quick_check !== 'ok') throw new Error(`integrity check failed: ${JSON.stringify(check)}`);
  }
  const tables = store.dataSource.entityMetadatas.map((m) => m.tableName);
  await Promise.all(tables.map((t) => store.dataSource.query(`SELECT 1 FROM "${t}" LIMIT 1`)));
}

/** Creates a SQLite store's expression indexes (PostgreSQL stores create theirs in migrations). */
export async function createExpressionIndexes(
  dataSource: DataSource,
  indexes: readonly ExpressionIndex[],
): Promise<void> {
  for (const i of indexes) await dataSource.query(`CREATE INDEX "${i.name}" ON "${i.table}" (${i.keys})`);
}

/**
 * True when a SQLite store file opens, passes a quick check and has the given indexes (false for a
 * missing or corrupt file, or one built before an index was added: it is rebuilt).
 */
export function isReadableSqlite(file: string, indexes: readonly ExpressionIndex[] = []): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").pluck();
      return (
        db.pragma('quick_check', { simple: true }) === 'ok' &&
        indexes.every((i) => has.get(i.name) !== undefined)
      );
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Opens a store that is written in place and never rebuilt by seeding (the API keys, the curation
 * journal), running its migrations. On SQLite in WAL mode, so readers in other processes (subgraph
 * services) are not blocked by a write, and a write waits for another process's rather than failing.
 */
export async function openWritableStore(
  target: StoreTarget,
  entities: EntityList,
  migrations: EntityList,
  poolSize = 2,
): Promise<DataSource> {
  const options = { entities, migrations, migrationsTableName: 'migrations', synchronize: false };
  let dataSource: DataSource;
  if (isPostgres(target)) {
    dataSource = new DataSource({
      type: 'postgres',
      url: target.url,
      ...options,
      extra: { options: `-c search_path=${target.schema}`, max: poolSize },
    });
    await dataSource.initialize();
    // processes starting together (a gateway and its subgraph services) migrate one at a time: two
    // CREATE TABLEs of one schema at once collide in PostgreSQL's catalog
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [target.schema]);
      await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [target.schema]).catch(() => undefined);
      await lock.release();
    }
    return dataSource;
  } else {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: target.file,
      ...options,
      prepareDatabase: (db: { pragma(p: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
      },
    });
    await dataSource.initialize();
  }
  await dataSource.runMigrations({ transaction: 'all' });
  return dataSource;
}
