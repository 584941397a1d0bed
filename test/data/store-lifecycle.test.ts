import { closeStore } from '../../src/common/database';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { storeFile } from '../../src/common/config';
import {
  buildStores,
  dataDigest,
  ensureStores,
  seedStores,
  storesAreCurrent,
  syntheticDigest,
  syntheticScale,
} from '../../src/data/seed';
import { scaleSurveyData } from '../../src/data/synthetic';
import { loadSurveyData } from '../../src/data/validate';
import { openStore } from '../../src/app/stores';
import { DATA_DIR, tempConfig } from '../helpers/app';

const sqliteOnly = process.env.TEST_DATABASE_URL ? describe.skip : describe;

/** A copy of data/ that a test may change. */
function dataCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-data-'));
  fs.cpSync(DATA_DIR, dir, { recursive: true });
  return dir;
}

async function modelCount(config: ReturnType<typeof tempConfig>): Promise<number> {
  const store = await openStore(config, 'catalog');
  try {
    const [{ n }] = await store.dataSource.query<{ n: number }[]>('SELECT COUNT(*) AS n FROM models');
    return n;
  } finally {
    await closeStore(store);
  }
}

sqliteOnly('stores over time', () => {
  it('keeps a synthetic graph across starts until data/ changes, and says it is synthetic', async () => {
    const config = tempConfig({ DATA_DIR: dataCopy() });
    const data = scaleSurveyData(loadSurveyData(config.dataDir), 2);
    await buildStores(config, data, syntheticDigest(dataDigest(config.dataDir), 2));
    expect(await storesAreCurrent(config)).toBe(true);
    expect(await ensureStores(config)).toBeNull();
    // the graph's 182 models (the paper's 80, the companion list's 102), twice
    expect(await modelCount(config)).toBe(364);
    expect(syntheticScale(config)).toBe(2);

    // a change of data/ brings data/'s graph back
    fs.appendFileSync(path.join(config.dataDir, 'sectors.json'), '\n');
    expect(await storesAreCurrent(config)).toBe(false);
    expect(await ensureStores(config)).not.toBeNull();
    expect(await modelCount(config)).toBe(182);
    expect(syntheticScale(config)).toBeNull();
  });

  it('removes the temporary files an interrupted build left, instead of adding one per attempt', async () => {
    const config = tempConfig();
    fs.mkdirSync(config.storeDir, { recursive: true });
    // pids above the kernel's largest (4194304): no process that could still be building them
    const stale = ['catalog.sqlite.4194305.tmp', 'risks.sqlite.4194306.tmp'].map((f) =>
      path.join(config.storeDir, f),
    );
    for (const f of stale) fs.writeFileSync(f, 'x'.repeat(1000));
    await seedStores(config);
    expect(fs.readdirSync(config.storeDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes every temporary store when one cannot be renamed into place, and keeps the error', async () => {
    const config = tempConfig();
    // a non-empty folder where the literature store goes: rename fails
    fs.mkdirSync(path.join(storeFile(config, 'literature'), 'in-the-way'), { recursive: true });
    await expect(seedStores(config)).rejects.toThrow(/literature\.sqlite/);
    expect(fs.readdirSync(config.storeDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
