import { Config } from '../common/config';
import { Curation } from '../common/curation/curation';
import { CurationJournal, journalTarget } from '../common/curation/journal';
import { closeStore, Store } from '../common/database';
import { seedStores } from '../data/seed';

/**
 * How long a replaced store stays open for the requests that started on it: their deadline, and a margin.
 */
const drainMillis = (config: Config) => config.requestTimeoutMs + 1000;

/**
 * Opens the journal and returns what the subgraphs of this process write through. After an approval the
 * stores are rebuilt from data/ and the journal (as `npm run seed` would: new SQLite files renamed over
 * the old, PostgreSQL rows replaced in a transaction), then `reopen` gives the rebuilt stores, which
 * replace the open ones in place: requests already running finish on the old, closed once they are done.
 */
export async function openCuration(
  config: Config,
  stores: Store[],
  reopen: () => Promise<Store[]>,
): Promise<{ curation: Curation; close(): Promise<void> }> {
  const journal = await CurationJournal.open(journalTarget(config));
  const retiring = new Set<NodeJS.Timeout>();
  const old: Store[] = [];
  let syncing: Promise<void> = Promise.resolve();
  const rebuild = async () => {
    await seedStores(config);
    const fresh = await reopen();
    stores.forEach((store, i) => {
      const replaced: Store = { ...store };
      old.push(replaced);
      store.dataSource = fresh[i].dataSource;
      store.counter = fresh[i].counter;
      const timer = setTimeout(() => {
        retiring.delete(timer);
        old.splice(old.indexOf(replaced), 1);
        void closeStore(replaced);
      }, drainMillis(config));
      timer.unref();
      retiring.add(timer);
    });
  };
  const sync = () => {
    // one rebuild at a time; each sees every change approved before it started
    const run = syncing.then(rebuild);
    syncing = run.catch(() => undefined);
    return run;
  };
  return {
    curation: new Curation(journal, config.dataDir, sync),
    close: async () => {
      await syncing;
      retiring.forEach(clearTimeout);
      await Promise.all(old.splice(0).map(closeStore));
      await journal.close();
    },
  };
}
