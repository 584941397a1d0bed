import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/app/stores';
import { seedStores, storesAreCurrent, ensureStores } from '../../src/data/seed';
import { DataValidationError, loadSurveyData } from '../../src/data/validate';
import { loadConfig, storeFile } from '../../src/common/config';
import { SUBGRAPH_MODULES } from '../../src/subgraphs';
import { DATA_DIR } from '../helpers/app';
import { JsonObject, parseJson } from '../helpers/graphql';

/** A private copy of data/ to break, and a store folder to build into. */
function sandbox() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-data-'));
  fs.cpSync(DATA_DIR, path.join(root, 'data'), { recursive: true });
  const config = loadConfig({ DATA_DIR: path.join(root, 'data'), STORE_DIR: path.join(root, 'var') });
  const edit = (kind: string, change: (rows: JsonObject[]) => void) => {
    const file = path.join(config.dataDir, `${kind}.json`);
    const rows = parseJson<JsonObject[]>(fs.readFileSync(file, 'utf8'));
    change(rows);
    fs.writeFileSync(file, JSON.stringify(rows, null, 2));
  };
  return { config, edit };
}

/** Sets the field at a dotted path of a record to any value: how a hand edit breaks data/. */
function setField(record: JsonObject, dotted: string, value: unknown) {
  const keys = dotted.split('.');
  const last = keys.pop() ?? dotted;
  let target = record;
  for (const key of keys) target = target[key] as JsonObject;
  target[last] = value;
}

function validationMessage(dataDir: string): string {
  try {
    loadSurveyData(dataDir);
  } catch (err) {
    expect(err).toBeInstanceOf(DataValidationError);
    return (err as Error).message;
  }
  throw new Error('expected the data to be rejected');
}

const countModels = (file: string) =>
  (new Database(file, { readonly: true }).prepare('SELECT COUNT(*) AS n FROM models').get() as { n: number })
    .n;

describe('validating data/', () => {
  it('accepts the checked-in data', () => {
    expect(() => loadSurveyData(DATA_DIR)).not.toThrow();
  });

  it('names the file, record and field of a wrong type', () => {
    const { config, edit } = sandbox();
    edit('models', (rows) => setField(rows[1], 'parameters.value', '15B'));
    expect(validationMessage(config.dataDir)).toMatch(
      /data\/models\.json, record #1 \(slug "[a-z0-9-]+"\), field "parameters\.value": .*number/i,
    );
  });

  it('reports a reference to a model that does not exist', () => {
    const { config, edit } = sandbox();
    edit('results', (rows) => setField(rows[0], 'model', 'no-such-model'));
    expect(validationMessage(config.dataDir)).toMatch(
      /data\/results\.json, record #0 \(slug "alphafold2-casp14-tm-score"\), field "model": unknown model "no-such-model"/,
    );
  });

  it('reports a duplicate slug', () => {
    const { config, edit } = sandbox();
    edit('datasets', (rows) => rows.push({ ...rows[0] }));
    expect(validationMessage(config.dataDir)).toMatch(
      /data\/datasets\.json, record #\d+ \(slug "[a-z0-9-]+"\), field "slug": duplicate slug/,
    );
  });

  it('reports a quote that is not in the paper', () => {
    const { config, edit } = sandbox();
    edit('risks', (rows) => setField(rows[0], 'source.quote', 'a sentence the paper never wrote'));
    expect(validationMessage(config.dataDir)).toMatch(
      /data\/risks\.json, record #0 \(slug "data"\), field "source\.quote": quote is not in the paper/,
    );
  });

  it('reports unknown keys, invalid JSON and a missing file', () => {
    const { config, edit } = sandbox();
    edit('metrics', (rows) => setField(rows[0], 'colour', 'red'));
    expect(validationMessage(config.dataDir)).toMatch(
      /data\/metrics\.json, record #0 \(slug "tm-score"\), field "colour"/,
    );
    fs.writeFileSync(path.join(config.dataDir, 'tasks.json'), '[{"slug": ');
    expect(validationMessage(config.dataDir)).toMatch(/data\/tasks\.json: is not valid JSON/);
    fs.rmSync(path.join(config.dataDir, 'sectors.json'));
    expect(validationMessage(config.dataDir)).toMatch(/data\/sectors\.json: file is missing/);
  });

  it('checks a comparison pairs results of the same task and metric', () => {
    const { config, edit } = sandbox();
    edit('comparisons', (rows) => setField(rows[0], 'challenger', 'pangu-weather-era5-rmse'));
    expect(validationMessage(config.dataDir)).toMatch(
      /data\/comparisons\.json, record #0 .*baseline and challenger differ in task, metric/,
    );
  });
});

describe('seeding the stores', () => {
  it('builds the three stores, and skips the build while data/ is unchanged', async () => {
    const { config } = sandbox();
    const report = await seedStores(config);
    expect(Object.keys(report.stores).sort()).toEqual(['catalog', 'literature', 'risks']);
    expect(countModels(storeFile(config, 'catalog'))).toBe(loadSurveyData(config.dataDir).models.length);
    expect(await storesAreCurrent(config)).toBe(true);
    expect(await ensureStores(config)).toBeNull();
  });

  it('is idempotent: seeding twice gives the same rows', async () => {
    const { config } = sandbox();
    await seedStores(config);
    const first = countModels(storeFile(config, 'catalog'));
    await seedStores(config);
    expect(countModels(storeFile(config, 'catalog'))).toBe(first);
  });

  it('leaves the existing stores untouched when the data is invalid', async () => {
    const { config, edit } = sandbox();
    await seedStores(config);
    const files = ['catalog', 'risks', 'literature'].map((n) => storeFile(config, n as never));
    const before = files.map((f) => fs.readFileSync(f));
    edit('models', (rows) => rows.push({ ...rows[0], slug: 'new-model', trainedOn: ['no-such-dataset'] }));
    expect(await storesAreCurrent(config)).toBe(false);
    await expect(seedStores(config)).rejects.toThrow(/unknown dataset "no-such-dataset"/);
    files.forEach((f, i) => expect(fs.readFileSync(f).equals(before[i])).toBe(true));
    expect(fs.readdirSync(config.storeDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rebuilds a store built before one of its expression indexes existed', async () => {
    const { config } = sandbox();
    await seedStores(config);
    const file = storeFile(config, 'catalog');
    const indexes = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'IDX!_models!_%' ESCAPE '!' ORDER BY name",
          )
          .pluck()
          .all();
      } finally {
        db.close();
      }
    };
    expect(indexes()).toEqual(SUBGRAPH_MODULES.catalog.indexes.map((i) => i.name).sort());
    const db = new Database(file);
    db.exec(`DROP INDEX "${SUBGRAPH_MODULES.catalog.indexes[0].name}"`);
    db.close();
    expect(await storesAreCurrent(config)).toBe(false);
    expect(await ensureStores(config)).not.toBeNull();
    expect(indexes()).toEqual(SUBGRAPH_MODULES.catalog.indexes.map((i) => i.name).sort());
  });

  it('rebuilds a corrupt store from data/ on start, and refuses to serve one with a clear error', async () => {
    const { config } = sandbox();
    await seedStores(config);
    const file = storeFile(config, 'catalog');
    fs.writeFileSync(file, Buffer.alloc(8192, 7));
    await expect(openStore(config, 'catalog')).rejects.toThrow(
      /the catalog store \(.*catalog\.sqlite\) cannot be read: .*Run npm run seed to rebuild it from data\//,
    );
    expect(await storesAreCurrent(config)).toBe(false);
    expect(await ensureStores(config)).not.toBeNull();
    const store = await openStore(config, 'catalog');
    expect(await store.dataSource.query('SELECT COUNT(*) AS n FROM models')).toEqual([
      { n: loadSurveyData(config.dataDir).models.length },
    ]);
    await store.dataSource.destroy();
  });
});
