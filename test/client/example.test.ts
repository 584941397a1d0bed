import { loadSurveyData } from '../../src/data/validate';
import { formatTable } from '../../src/client/audit-tables';
import { DATA_DIR } from '../helpers/app';
import { RunningServer, startOneProcess, closedPort } from '../helpers/http';
import { printedTable as table, Run, runNode } from '../helpers/process';

const data = loadSurveyData(DATA_DIR);

/** `npm run example` as a child process, the way a user runs it, with this environment. */
const runExampleIn = (env: Record<string, string>, ...args: string[]) =>
  runNode(['-r', 'ts-node/register/transpile-only', 'examples/audit-report.ts', ...args], {
    LAM_ATLAS_URL: '',
    PORT: '',
    ...env,
  });
const runExample = (url: string, ...args: string[]) => runExampleIn({ LAM_ATLAS_URL: url }, ...args);

const HINT =
  'audit-report: `npm start` must be running (in another terminal); set PORT to the port it serves on, ' +
  'or LAM_ATLAS_URL to the URL of the API (it wins over PORT)\n';

describe('formatTable', () => {
  it('pads columns to their widest cell and shows an empty cell as "-"', () => {
    expect(
      formatTable(
        ['model', 'parameters'],
        [
          ['ESMfold', '15B'],
          ['ChatGPT', ''],
          ['GPT-4', null],
        ],
      ),
    ).toBe(
      ['model    parameters', '-------  ----------', 'ESMfold  15B', 'ChatGPT  -', 'GPT-4    -'].join('\n'),
    );
  });
});

describe('examples/audit-report.ts (npm run example)', () => {
  let server: RunningServer;
  let run: Run;

  beforeAll(async () => {
    server = await startOneProcess();
    run = await runExample(`${server.url}/graphql`);
  }, 90000);

  afterAll(async () => {
    await server?.stop();
  });

  it('exits 0 and writes nothing on stderr', () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('prints the datasets without open access, with the closed ones of Table II', () => {
    const { count, rows } = table(run.stdout, 'Datasets without open access');
    expect(count).toBe(data.datasets.filter((d) => d.access !== 'OPEN').length);
    expect(rows).toHaveLength(count);
    expect(rows).toContainEqual(
      expect.arrayContaining(['Mount Sinai ECG Data', 'CLOSED', 'Medical Diagnosis']),
    );
    expect(rows).toContainEqual(
      expect.arrayContaining(['UF Health IDR Clinical Note Database', 'CLOSED', 'Medical Informatics']),
    );
    expect(rows).toContainEqual(
      expect.arrayContaining(['Clinical Practice Research Datalink', 'ON_APPROVAL', 'Public Health']),
    );
    expect(rows.some((r) => r[1] === 'OPEN')).toBe(false);
  });

  it('prints the other audits', () => {
    expect(table(run.stdout, 'Models without open access').rows).toContainEqual([
      'HeartBEiT',
      'LVM',
      'CLOSED',
      '86M',
    ]);
    expect(table(run.stdout, 'Models whose size the paper does not report').rows).toContainEqual([
      'RNA-FM',
      'LLM',
      'OPEN',
      'N/R',
    ]);
    expect(table(run.stdout, 'Results on restricted datasets').rows).toContainEqual([
      'ESMfold',
      'MSA-free Protein Sequence Prediction',
      'CASP14',
      'UNKNOWN',
      'TM Score',
      '0.68',
    ]);
    const risks = table(run.stdout, 'Risks without mitigation');
    expect(risks.rows.map((r) => r[0])).toEqual(
      data.risks.filter((r) => r.mitigations.length === 0).map((r) => r.name),
    );
    expect(table(run.stdout, 'Entities no citation supports').rows).toContainEqual([
      'Dataset',
      'Mount Sinai ECG Data',
    ]);
  });

  it('prints the model page of ESMfold: 15B parameters and its CASP14 result', () => {
    expect(run.stdout).toContain('\nModel: ESMfold\n');
    const model = run.stdout.slice(run.stdout.indexOf('Model: ESMfold'));
    expect(model).toMatch(/^parameters +15B$/m);
    expect(model).toMatch(/^citations +\[84\] ESMfold$/m);
    expect(table(model, 'Results').rows).toEqual([
      ['MSA-free Protein Sequence Prediction', 'Bioinformatics', 'CASP14', 'TM Score', '0.68'],
    ]);
  });

  it('prints another model page when given its slug', async () => {
    const sam = await runExample(`${server.url}/graphql`, 'sam');
    expect(sam.code).toBe(0);
    expect(sam.stdout).toMatch(/^parameters +>636M$/m);
    expect(table(sam.stdout.slice(sam.stdout.indexOf('Model: SAM')), 'Results').rows).toContainEqual(
      expect.arrayContaining(['Zero-Shot Medical Segmentation', 'ISIC 2018', 'Dice', '73.0%']),
    );
    const unknown = await runExample(`${server.url}/graphql`, 'no-such-model');
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({
      code: 1,
      stderr: 'audit-report: no model with slug "no-such-model"\n',
    });
  }, 60000);

  it('reads the server of npm start on PORT when LAM_ATLAS_URL is not set', async () => {
    const port = new URL(server.url).port;
    const run = await runExampleIn({ PORT: port });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^lam-atlas audits at http://localhost:${port}/graphql\n`));
    expect(run.stdout).toContain('\nModel: ESMfold\n');
  }, 60000);

  it('reads LAM_ATLAS_URL over PORT when both are set', async () => {
    const run = await runExampleIn({
      PORT: String(await closedPort()),
      LAM_ATLAS_URL: `${server.url}/graphql`,
    });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^lam-atlas audits at ${server.url}/graphql\n`));
  }, 60000);

  it('exits 1 when the server cannot be reached, saying that npm start must run and what to set', async () => {
    const port = await closedPort();
    const offline = await runExample(`http://127.0.0.1:${port}/graphql`);
    expect(offline).toEqual({
      code: 1,
      stdout: '',
      stderr: `audit-report: cannot reach the lam-atlas API at http://127.0.0.1:${port}/graphql (connect ECONNREFUSED 127.0.0.1:${port})\n${HINT}`,
    });
    // localhost may resolve to ::1 as well as 127.0.0.1, so the reason may name either
    const onPort = await runExampleIn({ PORT: String(port) });
    expect({ code: onPort.code, stdout: onPort.stdout }).toEqual({ code: 1, stdout: '' });
    expect(onPort.stderr).toMatch(
      new RegExp(
        `^audit-report: cannot reach the lam-atlas API at http://localhost:${port}/graphql \\(.+\\)\n`,
      ),
    );
    expect(onPort.stderr.endsWith(`)\n${HINT}`)).toBe(true);
  }, 60000);
});
