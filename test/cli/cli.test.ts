import * as fs from 'fs';
import * as path from 'path';
import { buildSchema } from 'graphql';
import { createAtlasClient } from '../../src/client';
import { toGlobalId } from '../../src/common/global-id';
import { exportRows } from '../../src/cli/export';
import { toCsv } from '../../src/cli/formats';
import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR, seededConfig, tempConfig } from '../helpers/app';
import { closedPort, RunningServer, startOneProcess } from '../helpers/http';
import { exitOf, printedTable, ROOT, runNode, startServerProcess } from '../helpers/process';

const data = loadSurveyData(DATA_DIR);
const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
const config = tempConfig();
const cli = (...args: string[]) =>
  runNode(['bin/lam-atlas.js', ...args], { STORE_DIR: config.storeDir, DATA_DIR: config.dataDir });

/** A small RFC 4180 reader: enough to read back what `export --format csv` writes. */
function readCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      rows[rows.length - 1].push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows[rows.length - 1].push(cell);
      cell = '';
      rows.push([]);
      i++;
    } else cell += c;
  }
  const [header, ...body] = rows.filter((r) => r.length > 0);
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('lam-atlas --help and bad input', () => {
  it('lists every command and exits 0', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    for (const command of ['serve', 'seed', 'compose', 'export <type>', 'audit [name]'])
      expect(run.stdout).toContain(`lam-atlas ${command}`);
  });

  it('tells the types export knows', async () => {
    const run = await cli('export', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Citation, Comparison, Dataset, Metric, Mitigation, Model, Result, Risk, Sector, Task',
    );
  });

  it.each([
    [['frob'], 'lam-atlas: unknown command "frob"; the commands are serve, seed, compose, export, audit'],
    [[], 'lam-atlas: no command given'],
    [['export'], 'lam-atlas: export needs a type'],
    [
      ['export', 'patients'],
      'lam-atlas: there is no type "patients" to export; the types are Citation, Comparison',
    ],
    [['export', 'models', '--format', 'xml'], 'lam-atlas: --format must be json or csv, got "xml"'],
    [
      ['export', 'models', '--limit', '3'],
      'lam-atlas: export has no option --limit (it takes --format, --out, --url, --data)',
    ],
    [
      ['audit', 'everything'],
      'lam-atlas: there is no audit "everything"; the audits are datasets-without-open-access, closed-models',
    ],
    [['serve', '--port', 'eighty'], 'lam-atlas: PORT must be a port number (0-65535), got "eighty"'],
    [['seed', 'now'], 'lam-atlas: seed takes no arguments, got "now"'],
  ])('%j: one line on stderr and a non-zero exit', async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBeGreaterThan(0);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });

  it('an unreachable --url is one line and exit 1', async () => {
    const port = await closedPort();
    const run = await cli('audit', '--url', `http://127.0.0.1:${port}/graphql`);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 1,
      stderr: `lam-atlas: cannot reach the lam-atlas API at http://127.0.0.1:${port}/graphql (connect ECONNREFUSED 127.0.0.1:${port})\n`,
    });
  });
});

describe('lam-atlas seed, audit and export over the local stores', () => {
  beforeAll(async () => {
    const run = await cli('seed');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`seeded 3 stores from data/ .*${data.models.length} models`));
  }, 90_000);

  it('audit <name> prints that audit only, as a table agreeing with data/', async () => {
    const run = await cli('audit', 'datasets-without-open-access');
    expect(run.code).toBe(0);
    const { count, rows } = printedTable(run.stdout, 'Datasets without open access');
    expect(count).toBe(data.datasets.filter((d) => d.access !== 'OPEN').length);
    expect(rows.map((r) => r[0]).sort()).toEqual(
      data.datasets
        .filter((d) => d.access !== 'OPEN')
        .map((d) => d.name)
        .sort(),
    );
    expect(rows).toContainEqual(
      expect.arrayContaining(['Mount Sinai ECG Data', 'CLOSED', 'Medical Diagnosis']),
    );
    expect(run.stdout).not.toContain('Risks without mitigation');
  });

  it('audit with no name prints all six', async () => {
    const run = await cli('audit');
    expect(run.code).toBe(0);
    expect(printedTable(run.stdout, 'Risks without mitigation').rows.map((r) => r[0])).toEqual(
      data.risks.filter((r) => r.mitigations.length === 0).map((r) => r.name),
    );
    expect(printedTable(run.stdout, 'Models whose size the paper does not report').rows).toContainEqual([
      'RNA-FM',
      'LLM',
      'OPEN',
      'N/R',
    ]);
    expect(run.stdout.match(/^\S.* \(\d+\)$/gm)).toHaveLength(6);
  });

  it('export models --format csv: one row per model, relations as ids', async () => {
    const run = await cli('export', 'models', '--format', 'csv');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const rows = readCsv(run.stdout);
    expect(rows.map((r) => r.slug)).toEqual(expect.arrayContaining(data.models.map((m) => m.slug)));
    expect(rows).toHaveLength(data.models.length);
    const esmfold = rows.find((r) => r.slug === 'esmfold')!;
    expect(esmfold).toMatchObject({
      id: toGlobalId('Model', 'esmfold'),
      name: 'ESMfold',
      'parameters.display': '15B',
      'source.location': 'Table I',
    });
    expect(JSON.parse(esmfold.trainedOn)).toEqual([toGlobalId('Dataset', 'uniref')]);
    expect(JSON.parse(esmfold.citations)).toContain(toGlobalId('Citation', 84));
    // a cell holding commas and quotes survives the round trip
    const sam = data.models.find((m) => m.slug === 'sam')!;
    expect(rows.find((r) => r.slug === 'sam')!.notes).toBe(sam.notes);
  });

  it('export Mitigation --format json: reached through risks, each with its risk', async () => {
    const out = path.join(config.storeDir, 'mitigations.json');
    const run = await cli('export', 'Mitigation', '--out', out);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const rows = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>[];
    const expected = data.risks.flatMap((r) =>
      r.mitigations.map((m) => ({ slug: m.slug, risk: toGlobalId('Risk', r.slug) })),
    );
    expect(rows.map((r) => ({ slug: r.slug, risk: r.risk }))).toEqual(expected);
    expect(rows[0]).toHaveProperty('source.location');
  });
});

describe('export reads a running server (--url) the same as the stores', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOneProcess();
  });
  afterAll(async () => server?.stop());

  it('export sectors', async () => {
    const [remote, local] = await Promise.all([
      cli('export', 'sectors', '--url', `${server.url}/graphql`),
      cli('export', 'sectors'),
    ]);
    expect(remote.code).toBe(0);
    expect(remote.stdout).toBe(local.stdout);
    const sectors = JSON.parse(remote.stdout) as { slug: string; tasks: string[] }[];
    expect(sectors.map((s) => s.slug)).toEqual(data.sectors.map((s) => s.slug));
    const bio = sectors.find((s) => s.slug === 'bioinformatics')!;
    expect(bio.tasks.sort()).toEqual(
      data.tasks
        .filter((t) => t.sector === 'bioinformatics')
        .map((t) => toGlobalId('Task', t.slug))
        .sort(),
    );
  }, 60_000);
});

describe('exportRows on a graph 6 times the paper', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await createInProcessApp(await seededConfig(6));
  }, 60_000);
  afterAll(async () => app?.close());

  it('follows cursors past the first page, at the root and inside relations', async () => {
    const client = createAtlasClient('http://local/graphql', {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) =>
        await app.gateway.runtime.fetch(new Request(input, init)),
    });
    const models = await exportRows(client, schema, 'Model');
    expect(models).toHaveLength(data.models.length * 6);
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    // a sector holds more than one page (100) of models at this scale: every one is listed
    const sectors = await exportRows(client, schema, 'Sector');
    for (const sector of sectors) {
      const expected = models
        .filter((m) => (m.sectors as string[]).includes(sector.id as string))
        .map((m) => m.id);
      expect((sector.models as string[]).sort()).toEqual(expected.sort());
    }
    expect(Math.max(...sectors.map((s) => (s.models as string[]).length))).toBeGreaterThan(100);
  }, 60_000);
});

describe('toCsv', () => {
  it('quotes what needs quoting, writes lists as JSON and null as an empty cell', () => {
    expect(toCsv([{ a: 'x,y', b: ['p', 'q'], c: null, d: { e: 'say "hi"' } }])).toBe(
      'a,b,c,d.e\r\n"x,y","[""p"",""q""]",,"say ""hi"""\r\n',
    );
  });
});

describe('lam-atlas serve', () => {
  it('serves the API and stops on SIGTERM', async () => {
    const { child, url } = await startServerProcess(['bin/lam-atlas.js', 'serve'], {
      STORE_DIR: config.storeDir,
      DATA_DIR: config.dataDir,
    });
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ model(slug: "esmfold") { name } }' }),
    });
    expect(await res.json()).toEqual({
      data: { model: { name: 'ESMfold' } },
      extensions: { cost: { requested: 1, limit: 50000 } },
    });
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
