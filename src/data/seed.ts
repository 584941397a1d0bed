import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Config, SubgraphName, storeFile } from '../shared/config';
import { defineStore } from '../shared/database';
import type { SurveyData } from './schema';
import { STORES, StoreDefinition } from './stores';
import { loadSurveyData } from './validate';

const HASH_FILE = 'data.sha256';

/** A digest of everything in data/ that the stores are built from. */
export function dataDigest(dataDir: string): string {
  const hash = crypto.createHash('sha256');
  const files = fs.readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();
  for (const f of [...files, 'paper/survey.txt']) {
    hash.update(f + '\0');
    hash.update(fs.readFileSync(path.join(dataDir, f)));
  }
  return hash.digest('hex');
}

/** Builds one store into a new temporary file and returns its path; nothing existing is touched. */
export async function buildStoreFile(file: string, def: StoreDefinition, data: SurveyData): Promise<string> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  const { dataSource } = defineStore(tmp, def.entities);
  try {
    await dataSource.initialize();
    await dataSource.synchronize();
    await dataSource.transaction((m) => def.seed(m, data));
    await dataSource.destroy();
    return tmp;
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

export interface SeedReport {
  stores: Record<string, string>;
  counts: Record<string, number>;
  millis: number;
}

/** Validates data/ and rebuilds every store from it. Throws DataValidationError before touching any store. */
export async function seedStores(config: Config): Promise<SeedReport> {
  const report = await buildStores(config, loadSurveyData(config.dataDir));
  fs.writeFileSync(path.join(config.storeDir, HASH_FILE), dataDigest(config.dataDir) + '\n');
  return report;
}

/**
 * Builds every store from already validated data (the real data, or a synthetic graph) into new files
 * and renames them over the old ones only when all were built: a failure leaves the old stores as
 * they were, and a rebuild is idempotent.
 */
export async function buildStores(config: Config, data: SurveyData): Promise<SeedReport> {
  const started = Date.now();
  const stores: Record<string, string> = {};
  const built: string[] = [];
  try {
    for (const [name, def] of Object.entries(STORES) as [SubgraphName, StoreDefinition][]) {
      stores[name] = storeFile(config, name);
      built.push(await buildStoreFile(stores[name], def, data));
    }
  } catch (err) {
    built.forEach((tmp) => fs.rmSync(tmp, { force: true }));
    throw err;
  }
  // only now, with every store built, replace the old ones (a rename is atomic on one file system)
  fs.rmSync(path.join(config.storeDir, HASH_FILE), { force: true });
  Object.values(stores).forEach((file, i) => fs.renameSync(built[i], file));
  const counts = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, (v as unknown[]).length]));
  return { stores, counts, millis: Date.now() - started };
}

/** True when every store exists and was built from the current data/. */
export function storesAreCurrent(config: Config): boolean {
  const hashFile = path.join(config.storeDir, HASH_FILE);
  if (!fs.existsSync(hashFile)) return false;
  if (!Object.keys(STORES).every((name) => fs.existsSync(storeFile(config, name as SubgraphName)))) return false;
  return fs.readFileSync(hashFile, 'utf8').trim() === dataDigest(config.dataDir);
}

/** Seeds only when data/ changed since the last build (npm start calls this). */
export async function ensureStores(config: Config): Promise<SeedReport | null> {
  return storesAreCurrent(config) ? null : seedStores(config);
}
