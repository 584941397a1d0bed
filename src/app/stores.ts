import { Config, SUBGRAPH_NAMES, SubgraphName } from '../common/config';
import { defineStore, isPostgres, Store, storeTarget, verifyStore } from '../common/database';
import { SUBGRAPH_MODULES } from '../subgraphs';

/**
 * Opens a subgraph's store for reading and checks it can be read, so a missing, empty or corrupt
 * store is a clear startup error rather than a half-served schema. The caller closes it.
 */
export async function openStore(config: Config, name: SubgraphName): Promise<Store> {
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
  return store;
}

/** Opens every store, closing those already open if one fails. */
export async function openStores(config: Config): Promise<Store[]> {
  const opened: Store[] = [];
  try {
    for (const name of SUBGRAPH_NAMES) opened.push(await openStore(config, name));
    return opened;
  } catch (err) {
    await Promise.all(opened.map((s) => s.dataSource.destroy()));
    throw err;
  }
}
