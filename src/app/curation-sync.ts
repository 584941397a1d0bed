import * as fs from 'fs';
import { Config } from '../common/config';
import { Curation } from '../common/curation/curation';
import { CurationJournal, journalTarget } from '../common/curation/journal';
import { closeStore, Store } from '../common/database';
import { headOfDigest } from '../data/curated-data';
import { seedStores, storesDigestFile } from '../data/seed';

/** How often a subgraph service looks for stores another process rebuilt after an approval. */
const WATCH_MILLIS = 1000;

export interface CurationHandle {
  curation: Curation;
  close(): Promise<void>;
}

/**
 * Opens the journal and returns what the subgraphs of this process write through. After an approval the
 * stores are rebuilt from data/ and the journal (as `npm run seed` would: new SQLite files renamed over
 * the old, PostgreSQL rows replaced in a transaction), then `reopen` gives the rebuilt stores, which
 * replace the open ones in place: requests already running finish on the old ones, closed after their
 * deadline. With `watch` (a subgraph service beside others), SQLite stores another process rebuilt
 * are reopened too.
 */
export async function openCuration(
  config: Config,
  stores: Store[],
  reopen: () => Promise<Store[]>,
  options: { watch?: boolean } = {},
): Promise<CurationHandle> {
  const journal = await CurationJournal.open(journalTarget(config));
  const retiring = new Map<NodeJS.Timeout, Store>();
  const replace = async () => {
    // PostgreSQL stores are rebuilt in place, in a transaction: their open pools read the new rows
    if (stores.every((s) => s.dataSource.options.type === 'postgres')) return;
    const fresh = await reopen();
    stores.forEach((store, i) => {
      const replaced: Store = { ...store };
      store.dataSource = fresh[i].dataSource;
      store.counter = fresh[i].counter;
      const timer = setTimeout(() => {
        retiring.delete(timer);
        void closeStore(replaced);
      }, config.requestTimeoutMs + 1000);
      timer.unref();
      retiring.set(timer, replaced);
    });
  };
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>) => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  const digestFile = storesDigestFile(config);
  const stamp = () => (fs.existsSync(digestFile) ? fs.readFileSync(digestFile, 'utf8') : '');
  let seen = stamp();
  const curation = new Curation(journal, config.dataDir, () => sync());
  // SQLite stores name the journal head they were built with; PostgreSQL ones are current at start
  curation.visibleHead = headOfDigest(seen) ?? (await journal.head());
  const watcher = options.watch
    ? setInterval(() => {
        const now = stamp();
        if (now === seen) return;
        seen = now;
        serially(async () => {
          await replace();
          curation.visibleHead = headOfDigest(seen) ?? curation.visibleHead;
        }).catch((err: Error) => console.error(`could not reopen the rebuilt stores: ${err.message}`));
      }, WATCH_MILLIS)
    : null;
  watcher?.unref();
  const sync = () =>
    serially(async () => {
      const { journalHead } = await seedStores(config);
      seen = stamp();
      await replace();
      curation.visibleHead = journalHead;
    });
  return {
    curation,
    close: async () => {
      if (watcher) clearInterval(watcher);
      await queue;
      for (const [timer, store] of retiring) {
        clearTimeout(timer);
        await closeStore(store);
      }
      retiring.clear();
      await journal.close();
    },
  };
}
