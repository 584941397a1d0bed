import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Config, PostgresStore, SUBGRAPH_NAMES } from '../common/config';
import {
  createExpressionIndexes,
  defineStore,
  isPostgres,
  isReadableSqlite,
  migrate,
  storeTarget,
} from '../common/database';
import { DATA_DIGEST_KEY, StoreMeta } from '../common/store-meta.entity';
import type { SurveyData } from './schema';
import { SUBGRAPH_MODULES, SubgraphModule } from '../subgraphs';
import { journalHead, loadCuratedGraph, withJournal } from './curated-data';

const HASH_FILE = 'data.sha256';
/** SQLite page cache of a store build, negative meaning KiB: 128 MiB */
const BUILD_CACHE_KIB = -131072;

/**
 * A digest of everything the stores are built from: the files of data/, and the stores' schema as the
 * migrations name it (every change of an entity comes with a migration), so a store built by an older
 * version of the code is rebuilt rather than read with columns it lacks.
 */
export function dataDigest(dataDir: string): string {
  const hash = crypto.createHash('sha256');
  for (const name of SUBGRAPH_NAMES)
    for (const m of SUBGRAPH_MODULES[name].migrations) hash.update(`${m.name}\0`);
  const files = fs
    .readdirSync(dataDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const f of [...files, 'paper/survey.txt']) {
    hash.update(f + '\0');
    hash.update(fs.readFileSync(path.join(dataDir, f)));
  }
  return hash.digest('hex');
}

/** The file naming what the SQLite stores were built from: it changes with every rebuild. */
export function storesDigestFile(config: Config): string {
  return path.join(config.storeDir, HASH_FILE);
}

/** The temporary files builds of `file` leave while they run (or left, when a process died mid-build). */
function temporaryFiles(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.tmp'))
    .map((f) => path.join(dir, f));
}

/**
 * Whether the temporary file `tmp` (`<store>.<pid>.tmp`) is another running process's build: an approval
 * rebuilding beside `npm run seed`, or subgraph services seeding as they start together. Removing it would
 * make that build's rename fail (ENOENT) after the journal committed, leaving its stores unrebuilt.
 */
function buildOfAnotherProcess(tmp: string): boolean {
  const pid = Number(/\.(\d+)\.tmp$/.exec(tmp)?.[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // it exists, owned by another user
  }
}

/**
 * Builds one SQLite store into a new temporary file and returns its path; nothing existing is touched.
 * Temporary files an earlier, interrupted build left are removed first (those of builds still running in
 * other processes are not), so a crash loop cannot fill the disk with them.
 */
export async function buildStoreFile(file: string, def: SubgraphModule, data: SurveyData): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const stale of temporaryFiles(file))
    if (!buildOfAnotherProcess(stale)) fs.rmSync(stale, { force: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const { dataSource } = defineStore({ file: tmp }, def.entities);
  try {
    await dataSource.initialize();
    // A new file, renamed over the store only once complete: a crash mid-build loses nothing, so
    // skip the journal and fsyncs, and give a million-row build enough page cache for its indexes.
    for (const pragma of ['journal_mode = OFF', 'synchronous = OFF', `cache_size = ${BUILD_CACHE_KIB}`])
      await dataSource.query(`PRAGMA ${pragma}`);
    await dataSource.synchronize();
    await dataSource.transaction((m) => def.seed(m, data));
    // after the rows: one sort per index instead of an index update per row
    await createExpressionIndexes(dataSource, def.indexes);
    await dataSource.destroy();
    return tmp;
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Replaces a PostgreSQL store's rows in one transaction, after running its migrations: readers see the
 * old rows or the new ones, never a mix, and a failure rolls back to the old rows.
 */
async function seedPostgres(
  target: PostgresStore,
  def: SubgraphModule,
  data: SurveyData,
  digest: string | null,
): Promise<void> {
  const store = defineStore(target, def.entities, { migrations: def.migrations });
  await store.dataSource.initialize();
  try {
    await migrate(store, target);
    const tables = store.dataSource.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
    await store.dataSource.transaction(async (m) => {
      await m.query(`TRUNCATE ${tables}`);
      await def.seed(m, data);
      if (digest) await m.insert(StoreMeta, { key: DATA_DIGEST_KEY, value: digest });
    });
    // Statistics now, not when autovacuum next passes: without them the planner guesses row counts
    // for the new rows and nests a `where` chain's EXISTS as scans (seconds per query instead of ms).
    await store.dataSource.query(`ANALYZE ${tables}`);
  } finally {
    await store.dataSource.destroy();
  }
}

export interface SeedReport {
  stores: Record<string, string>;
  counts: Record<string, number>;
  millis: number;
}

/**
 * Validates data/ and rebuilds every store from it with the journal's approved changes. Throws DataValidationError before touching any store. */
export async function seedStores(config: Config): Promise<SeedReport & { journalHead: number }> {
  // validates data/ (every problem reported) before the journal is opened or a file is hashed
  const { data, head } = await loadCuratedGraph(config);
  const digest = dataDigest(config.dataDir);
  return { ...(await buildStores(config, data, withJournal(digest, head))), journalHead: head };
}

/**
 * Builds every store from already validated data and records `digest` (that of data/, or of a synthetic
 * graph made from it; with none, the stores are rebuilt from data/ at the next start). SQLite stores are built into new files and
 * renamed over the old ones only when all were built; PostgreSQL stores are replaced in a transaction.
 */
export async function buildStores(
  config: Config,
  data: SurveyData,
  digest: string | null = null,
): Promise<SeedReport> {
  const started = Date.now();
  const stores: Record<string, string> = {};
  const built: [string, string][] = [];
  fs.mkdirSync(config.storeDir, { recursive: true });
  try {
    for (const name of SUBGRAPH_NAMES) {
      const target = storeTarget(config, name);
      if (isPostgres(target)) {
        stores[name] = `${target.url.replace(/\/\/[^@]*@/, '//')} (schema ${target.schema})`;
        continue;
      }
      stores[name] = target.file;
      built.push([await buildStoreFile(target.file, SUBGRAPH_MODULES[name], data), target.file]);
    }
  } catch (err) {
    built.forEach(([tmp]) => fs.rmSync(tmp, { force: true }));
    throw err;
  }
  fs.rmSync(path.join(config.storeDir, HASH_FILE), { force: true });
  try {
    // a rename is atomic on one file system
    built.forEach(([tmp, file]) => fs.renameSync(tmp, file));
  } catch (err) {
    built.forEach(([tmp]) => fs.rmSync(tmp, { force: true }));
    throw err;
  }
  if (digest && built.length > 0) fs.writeFileSync(path.join(config.storeDir, HASH_FILE), digest + '\n');
  for (const name of SUBGRAPH_NAMES) {
    const target = storeTarget(config, name);
    if (isPostgres(target)) await seedPostgres(target, SUBGRAPH_MODULES[name], data, digest);
  }
  const counts = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length]));
  return { stores, counts, millis: Date.now() - started };
}

async function postgresDigest(target: PostgresStore, def: SubgraphModule): Promise<string | null> {
  const store = defineStore(target, def.entities);
  await store.dataSource.initialize();
  try {
    const rows = await store.dataSource.query<{ value: string }[]>(
      `SELECT value FROM store_meta WHERE key = $1`,
      [DATA_DIGEST_KEY],
    );
    return rows[0]?.value ?? null;
  } catch {
    return null; // not migrated yet
  } finally {
    await store.dataSource.destroy();
  }
}

/** The digest a synthetic graph `scale` times the paper's is recorded with: it is kept until data/ changes. */
export function syntheticDigest(digest: string, scale: number): string {
  return `${digest} synthetic x${scale}`;
}

const builtFrom = (recorded: string | null, digest: string) =>
  recorded !== null && (recorded === digest || recorded.startsWith(`${digest} synthetic x`));

/** The scale of the synthetic graph the stores hold, or null when they hold data/ itself. */
export function syntheticScale(config: Config): number | null {
  const hashFile = path.join(config.storeDir, HASH_FILE);
  const recorded = fs.existsSync(hashFile) ? fs.readFileSync(hashFile, 'utf8') : '';
  const scale = / synthetic x(\d+)$/.exec(recorded.trim());
  return scale ? Number(scale[1]) : null;
}

/**
 * True when every store exists and was built from the current data/: as data/ itself, or as a synthetic
 * graph made from it (`npm run data:synthetic`), which is served until data/ changes or `npm run seed`.
 */
export async function storesAreCurrent(config: Config): Promise<boolean> {
  let digest: string;
  try {
    digest = withJournal(dataDigest(config.dataDir), await journalHead(config));
  } catch {
    return false; // data/ is incomplete: seeding will say what is missing
  }
  for (const name of SUBGRAPH_NAMES) {
    const target = storeTarget(config, name);
    if (isPostgres(target)) {
      if (!builtFrom(await postgresDigest(target, SUBGRAPH_MODULES[name]), digest)) return false;
    } else if (!isReadableSqlite(target.file, SUBGRAPH_MODULES[name].indexes)) return false; // missing, corrupt or without an index: rebuild it
  }
  const sqlite = SUBGRAPH_NAMES.some((n) => !isPostgres(storeTarget(config, n)));
  if (!sqlite) return true;
  const hashFile = path.join(config.storeDir, HASH_FILE);
  return fs.existsSync(hashFile) && builtFrom(fs.readFileSync(hashFile, 'utf8').trim(), digest);
}

/** Seeds only when data/ changed since the last build (npm start calls this). */
export async function ensureStores(config: Config): Promise<SeedReport | null> {
  return (await storesAreCurrent(config)) ? null : seedStores(config);
}
