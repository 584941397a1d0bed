import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatDataFile, writeDataDir } from '../../src/data/data-files';
import { DATA_FILES, DataKind, SurveyData } from '../../src/data/schema';
import { seedStores } from '../../src/data/seed';
import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR, tempConfig } from '../helpers/app';

const KINDS = Object.keys(DATA_FILES) as DataKind[];
const data = loadSurveyData(DATA_DIR);
const checkedIn = (name: string) => fs.readFileSync(path.join(DATA_DIR, name), 'utf8');
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-export-'));

/** The same object with its keys set in the opposite order, all the way down. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** The files of a data dir, by name relative to it. */
function filesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

describe('formatDataFile', () => {
  it.each(KINDS)('gives data/%s.json byte for byte', (kind) => {
    expect(formatDataFile(kind, data[kind])).toBe(checkedIn(`${kind}.json`));
  });

  it.each(KINDS)('writes %s in schema order whatever order the keys were set in', (kind) => {
    const shuffled = reversedKeys(data[kind]) as SurveyData[typeof kind];
    expect(Object.keys(shuffled[0])).not.toEqual(Object.keys(data[kind][0]));
    expect(formatDataFile(kind, shuffled)).toBe(checkedIn(`${kind}.json`));
  });

  it('leaves out an optional key that is undefined, and writes empty lists and files as []', () => {
    const [sector] = data.sectors;
    expect(formatDataFile('sectors', [{ ...sector, notes: undefined }])).toBe(
      formatDataFile('sectors', [sector]),
    );
    expect(formatDataFile('tasks', [])).toBe('[]\n');
    expect(formatDataFile('tasks', [{ ...data.tasks[0], citations: [] }])).toContain('"citations": [],\n');
  });

  it('writes an integral value as its display prints it (73.0%), any other as JSON does', () => {
    const result = data.results.find((r) => r.slug === 'sam-isic-2018-dice')!;
    expect(formatDataFile('results', [result])).toContain('"value": 73.0,');
    expect(formatDataFile('results', [{ ...result, value: 73, display: '73%' }])).toContain('"value": 73,');
    expect(formatDataFile('results', [{ ...result, value: 0.8, display: '0.80' }])).toContain(
      '"value": 0.8,',
    );
  });

  it('refuses a key the schema does not have, rather than dropping it', () => {
    const odd = { ...data.metrics[0], colour: 'red' } as never;
    expect(() => formatDataFile('metrics', [odd])).toThrow('data/metrics.json.0: unknown key "colour"');
  });
});

describe('writeDataDir', () => {
  it('writes a data dir that seeds, and that exports again to the same bytes, equal to data/', async () => {
    const first = tempDir();
    const second = tempDir();
    try {
      const written = writeDataDir(path.join(first, 'new'), data, DATA_DIR);
      expect(written.map((f) => path.relative(path.join(first, 'new'), f))).toEqual([
        ...KINDS.map((k) => `${k}.json`),
        path.join('paper', 'survey.txt'),
        'README.md',
        path.join('companion', 'README.md'),
        path.join('companion', 'LICENSE'),
        path.join('companion', 'SOURCE.md'),
        path.join('companion', 'same-as.json'),
      ]);
      const config = { ...tempConfig(), dataDir: path.join(first, 'new') };
      const report = await seedStores(config);
      expect(report.counts.models).toBe(data.models.length);
      writeDataDir(second, loadSurveyData(config.dataDir), config.dataDir);
      expect(filesOf(second)).toEqual(filesOf(path.join(first, 'new')));
      expect(filesOf(second)).toEqual(filesOf(DATA_DIR));
      // no temporary file is left beside them
      expect(fs.readdirSync(second).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      fs.rmSync(first, { recursive: true, force: true });
      fs.rmSync(second, { recursive: true, force: true });
    }
  }, 60_000);

  it('writes nothing when a record does not fit its schema or the paper is missing', () => {
    const dir = tempDir();
    try {
      const odd = { ...data, risks: [{ ...data.risks[0], extra: 1 } as never] };
      expect(() => writeDataDir(dir, odd, DATA_DIR)).toThrow('unknown key "extra"');
      expect(() => writeDataDir(dir, data, dir)).toThrow(/survey\.txt/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces the files of an existing dir, leaving no half file or temporary file when one fails', () => {
    const dir = tempDir();
    try {
      writeDataDir(dir, { ...data, sectors: [] }, DATA_DIR);
      expect(fs.readFileSync(path.join(dir, 'sectors.json'), 'utf8')).toBe('[]\n');
      // a folder where tasks.json goes makes that one rename fail
      fs.rmSync(path.join(dir, 'tasks.json'));
      fs.mkdirSync(path.join(dir, 'tasks.json', 'in-the-way'), { recursive: true });
      expect(() => writeDataDir(dir, data, DATA_DIR)).toThrow();
      expect(fs.readFileSync(path.join(dir, 'sectors.json'), 'utf8')).toBe(checkedIn('sectors.json'));
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      fs.rmSync(path.join(dir, 'tasks.json'), { recursive: true });
      writeDataDir(dir, data, DATA_DIR);
      expect(filesOf(dir)).toEqual(filesOf(DATA_DIR));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
