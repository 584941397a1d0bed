import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DATA_FILES } from '../../src/data/schema';
import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR } from '../helpers/app';
import { ROOT, runNode } from '../helpers/process';

const cli = (...args: string[]) => runNode(['bin/lam-atlas.js', ...args], { DATA_DIR });

describe('lam-atlas export --data DIR', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-export-data-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the graph as data files into DIR, created when missing, and says what it wrote', async () => {
    const target = path.join(dir, 'nested', 'data');
    const run = await cli('export', '--data', target);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const names = [
      ...Object.keys(DATA_FILES).map((k) => `${k}.json`),
      'paper/survey.txt',
      'README.md',
      'companion/README.md',
      'companion/LICENSE',
      'companion/SOURCE.md',
      'companion/same-as.json',
    ];
    const data = loadSurveyData(DATA_DIR);
    expect(run.stdout.split('\n')[0]).toBe(
      `wrote ${names.length} files to ${target} (${Object.entries(data)
        .map(([k, v]) => `${(v as unknown[]).length} ${k}`)
        .join(', ')}):`,
    );
    for (const name of names) {
      expect(run.stdout).toContain(`\n  ${name}\n`);
      expect({
        name,
        same: fs.readFileSync(path.join(target, name)).equals(fs.readFileSync(path.join(DATA_DIR, name))),
      }).toEqual({ name, same: true });
    }
  }, 60_000);

  it.each([
    [
      ['export', 'models', '--data', 'X'],
      'export --data writes every data file: it takes no type, got "models"',
    ],
    [
      ['export', '--data', 'X', '--format', 'csv'],
      'export --data writes every data file: it takes no --format',
    ],
    [
      ['export', '--data', 'X', '--url', 'http://127.0.0.1:1/graphql'],
      'export --data writes every data file: it takes no --url',
    ],
    [['export', '--data', 'X', '--out', 'x.json'], 'export --data writes every data file: it takes no --out'],
    [['export', '--data='], '--data needs a directory'],
  ])('%j is a usage error that writes nothing', async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`lam-atlas: ${message}`);
    expect(fs.existsSync(path.join(ROOT, 'X'))).toBe(false);
  });

  it('is in the help of export', async () => {
    const run = await cli('export', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| export --data DIR');
    expect(run.stdout).toContain('--data DIR  instead of one type');
  });
});
