import { Config, SUBGRAPH_NAMES, SubgraphName } from '../common/config';
import { closeStore, defineStore, isPostgres, Store, storeTarget, verifyStore } from '../common/database';
import { SqlReadPool } from '../common/sql-reads/sql-read-pool';
import { readScansOnWorkers } from '../common/sqlite-reads';
import { SUBGRAPH_MODULES } from '../subgraphs';

/** The read threads of the stores opened together (none when SQL_READ_WORKERS is 0). */
function readPool(config: Config): SqlReadPool | null {
  return config.sqlReadWorkers > 0
    ? new SqlReadPool(config.sqlReadWorkers, config.sqlReadQueue, config.sqlReadNice)
    : null;
}

/**
 * Opens a subgraph's store for reading and checks it can be read, so a missing, empty or corrupt
 * store is a clear startup error rather than a half-served schema. A SQLite store's scans run on the
 * read threads of `pool` (by default its own). The caller closes it (closeStore).
 */
export async function openStore(
  config: Config,
  name: SubgraphName,
  pool: SqlReadPool | null = readPool(config),
): Promise<Store> {
  const target = storeTarget(config, name);
  const store = defineStore(target, SUBGRAPH_MODULES[name].entities, { readonly: true });
  try {
    await store.dataSource.initialize();
    await verifyStore(store, target);
  } catch (err) {
    if (store.dataSource.isInitialized) await store.dataSource.destroy();
    const where = isPostgres(target) ? `schema ${target.schema}` : target.file;
    throw new Error(
      `the ${name} store (${where}) cannot be read: ${(err as Error).message}. Run npm run seed to rebuild it from data/`,
    );
  }
  // PostgreSQL reads are asynchronous already
  if (pool && !isPostgres(target)) readScansOnWorkers(store.dataSource, pool, target.file);
  return store;
}

/** Opens every store, closing those already open if one fails; their scans share one set of read threads. */
export async function openStores(config: Config): Promise<Store[]> {
  const pool = readPool(config);
  const opened: Store[] = [];
  try {
    for (const name of SUBGRAPH_NAMES) opened.push(await openStore(config, name, pool));
    return opened;
  } catch (err) {
    await Promise.all(opened.map(closeStore));
    throw err;
  }
}
