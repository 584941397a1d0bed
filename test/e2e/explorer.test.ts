import * as fs from 'fs';
import * as path from 'path';
import { buildSchema, parse, validate } from 'graphql';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { EXPLORER_BUNDLE, EXPLORER_CSP } from '../../src/app/explorer-pages';
import { loadConfig } from '../../src/common/config';
import { paperAnchor } from '../../src/common/paper-anchor';
import { DATA_DIR, tempConfig } from '../helpers/app';
import { RunningServer, startOneProcess } from '../helpers/http';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../artifacts/explorer');
/** `npm run screenshots:explorer` sets this to docs/images: the README's screenshots are these. */
const SCREENSHOT_COPY = process.env.EXPLORER_SCREENSHOTS;
const SCHEMA = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const data = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')) as T;
const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString('base64');

interface ResultJson {
  slug: string;
  display: string;
  value: number;
  bound: string;
}
interface ModelJson {
  name: string;
  parameters: { value: number | null };
}

function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'data:' || parsed.protocol === 'blob:' || LOOPBACK.has(parsed.hostname);
}

async function get(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('where the explorer is served', () => {
  it('is on by default, off in production, and on in production with EXPLORER=true', () => {
    expect(loadConfig({}).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).explorer).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EXPLORER: 'true' }).explorer).toBe(true);
    expect(loadConfig({ EXPLORER: 'off' }).explorer).toBe(false);
    expect(() => loadConfig({ EXPLORER: 'maybe' })).toThrow(/EXPLORER must be true or false/);
  });

  it('answers 404 for /explore, its script and /paper in production, and / still sends to /graphql', async () => {
    const server = await startOneProcess(tempConfig({ NODE_ENV: 'production' }));
    try {
      for (const page of ['/explore', '/explore/explorer.js', '/explore/explorer.css', '/paper'])
        expect({ page, status: (await get(`${server.url}${page}`)).status }).toEqual({ page, status: 404 });
      const root = await get(`${server.url}/`);
      expect([root.status, root.headers.get('location')]).toEqual([302, '/graphql']);
    } finally {
      await server.stop();
    }
  });

  it('serves the page, its bundle and the paper in production with EXPLORER=true, sending ids to a trusted-documents gateway', async () => {
    const server = await startOneProcess(
      tempConfig({ NODE_ENV: 'production', EXPLORER: 'true', TRUSTED_DOCUMENTS: 'only' }),
    );
    try {
      const page = await get(`${server.url}/explore`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(EXPLORER_CSP);
      expect(EXPLORER_CSP).toContain("script-src 'self'");
      expect(page.text).toContain('data-documents="id" data-playground="off"');
      expect(page.text).not.toContain('href="/graphql"');
      // no inline script: the only one is the bundle, by URL
      expect(page.text.match(/<script[^>]*>/g)).toEqual(['<script src="/explore/explorer.js" defer>']);
      const script = await get(`${server.url}/explore/explorer.js`);
      expect([script.status, script.headers.get('content-type')]).toEqual([
        200,
        'text/javascript; charset=utf-8',
      ]);
      expect(script.text).toBe(fs.readFileSync(EXPLORER_BUNDLE, 'utf8'));
      const landing = await get(`${server.url}/`);
      expect(landing.status).toBe(200);
      expect(landing.text).toContain('href="/explore"');
      // the playground is off in production: nothing links to it
      expect(landing.text).not.toContain('href="/graphql"');
    } finally {
      await server.stop();
    }
  });

  it('gives every source location of the data an anchor in /paper, and links the playground to the explorer', async () => {
    const server = await startOneProcess();
    try {
      const paper = await get(`${server.url}/paper`);
      expect(paper.status).toBe(200);
      const locations = new Set(
        fs
          .readdirSync(DATA_DIR)
          .filter((f) => f.endsWith('.json'))
          .flatMap((f) => [
            ...fs.readFileSync(path.join(DATA_DIR, f), 'utf8').matchAll(/"location": "([^"]+)"/g),
          ])
          .map((m) => m[1]),
      );
      expect(locations.size).toBeGreaterThan(5);
      const missing = [...locations].filter((l) => !paper.text.includes(`id="${paperAnchor(l)}"`));
      expect(missing).toEqual([]);
      expect((await get(`${server.url}/explore`)).text).toContain(
        'data-documents="text" data-playground="on"',
      );
      const landing = await get(`${server.url}/`);
      expect(landing.text).toContain('href="/explore"');
      expect(landing.text).toContain('href="/graphql"');
      const playground = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await playground.text()).toContain('href="/explore"');
    } finally {
      await server.stop();
    }
  });
});

describe('the explorer in a real browser, offline, on a gateway that runs trusted documents only', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const offMachine: string[] = [];
  const problems: string[] = [];
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  /** Waits for the view at `hash` to finish loading. */
  async function open(hash: string): Promise<void> {
    await page.goto(`${server.url}/explore${hash}`);
    await page.locator('body[data-ready="true"]').waitFor();
  }

  async function screenshot(name: string): Promise<void> {
    const file = path.join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    if (SCREENSHOT_COPY) fs.copyFileSync(file, path.resolve(SCREENSHOT_COPY, `explorer-${name}.png`));
  }

  /** axe-core's serious and critical violations on the page as it is (axe is evaluated, not injected as a script). */
  async function accessibilityViolations(): Promise<string[]> {
    await page.evaluate(axeSource);
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe;
      const results = await axe.run(document);
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  }

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: this test needs Debian's Chromium. Run \`apt-get install -y chromium\` (as root) and run it again.`,
      );
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    if (SCREENSHOT_COPY) fs.mkdirSync(SCREENSHOT_COPY, { recursive: true });
    server = await startOneProcess(tempConfig({ TRUSTED_DOCUMENTS: 'only' }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      offMachine.push(url);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('searches "esm" as you type, grouped by type, and opens ESMfold from the keyboard', async () => {
    await open('#/search');
    await page.getByLabel(/Words to find/).fill('esm');
    const models = page.locator('.hit-group[data-type="Model"]');
    await models.waitFor();
    expect(await models.locator('h2').innerText()).toBe('Model (1)');
    expect(await models.locator('a.entity-link').innerText()).toMatch(/ESMfold$/);
    expect(await page.locator('.hit-group[data-type="Citation"] a').innerText()).toMatch(/\[84\] ESMfold$/);
    expect(await page.locator('.search-results .count').innerText()).toMatch(/^2 entities match “esm”/);
    // the operation it ran, with a link to the playground holding it
    const operation = page.locator('details.operation[data-operation="ExplorerSearch"]');
    const href = (await operation.locator('a.button').getAttribute('href'))!;
    const params = new URL(href, server.url).searchParams;
    // the variables it ran with are the operation's defaults there, so that it runs as it did here
    const query = params.get('query')!;
    expect(query).toMatch(
      /^query ExplorerSearch\(\$first: Int = 50, \$query: String! = "esm"\) \{\n {2}search\(/,
    );
    expect(validate(SCHEMA, parse(query))).toEqual([]);
    await screenshot('search');

    // words found in the texts come with their snippet, the matched words marked (hallucination is a
    // reliability risk in data/risks.json)
    await page.getByLabel(/Words to find/).fill('hallucination');
    const marks = page.locator('.search-results .snippet mark');
    await marks.first().waitFor();
    expect((await marks.allInnerTexts()).every((m) => /^hallucinat/i.test(m))).toBe(true);
    expect(await page.locator('.hit-group[data-type="Risk"] a.entity-link').allInnerTexts()).toContain(
      'Risk Reliability',
    );
    await page.getByLabel(/Words to find/).fill('esm');
    await page.locator('.search-results .count', { hasText: '“esm”' }).waitFor();

    // keyboard only: from the search box to the first hit, Enter opens it
    await page.getByLabel(/Words to find/).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/ESMfold$/);
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'ESMfold' }).waitFor();
    expect(await accessibilityViolations()).toEqual([]);
  });

  it("shows a model of the companion list with the list's line as its source, linked there rather than into the paper", async () => {
    await open(`#/entity/${encodeURIComponent(gid('Model', 'clinicalmamba'))}`);
    await page.locator('h1', { hasText: 'ClinicalMamba' }).waitFor();
    expect(await page.locator('.source a').getAttribute('href')).toBe(
      'https://github.com/Jianing-Qiu/Awesome-Healthcare-Foundation-Models/blob/fd36f54/README.md#L120',
    );
    expect(await page.locator('.source a').innerText()).toBe(
      'Awesome-Healthcare-Foundation-Models > Large Language Models > Healthcare Domain',
    );
    expect(await page.locator('.source .quote').innerText()).toMatch(/^ClinicalMamba: A Generative Clinical/);
    expect(await accessibilityViolations()).toEqual([]);
  });

  it("shows ESMfold's page: its facts, the source with its quote and a link into the paper, the note, its relations", async () => {
    await open(`#/entity/${encodeURIComponent(gid('Model', 'esmfold'))}`);
    const facts = await page.locator('dl.facts').innerText();
    expect(facts).toMatch(/Parameters\s+15B/);
    expect(facts).toMatch(/Access\s+OPEN/);
    expect(await page.locator('.source .quote').innerText()).toBe('| ESMfold | LLM | 15B | UniRef | 0.68 |');
    expect(await page.locator('.source a').getAttribute('href')).toBe('/paper#table-i');
    expect(await page.locator('aside.note').innerText()).toContain(
      'ESMfold [84] scaled the number of model parameters',
    );
    const relations = await page.locator('section.relation').allInnerTexts();
    expect(relations.join('\n')).toMatch(/Trained on \(1\)\s+Dataset UniRef/);
    expect(relations.join('\n')).toMatch(/References \(1\)\s+Citation \[84\] ESMfold/);
    await screenshot('entity');
    expect(await accessibilityViolations()).toEqual([]);

    // the source link lands on the paper's Table I
    await page.locator('.source a').click();
    await page.locator('h2#table-i').waitFor();
    expect(await page.locator('h2#table-i').innerText()).toBe('Table I');
    expect(await page.locator('#table-i ~ p').first().innerText()).toMatch(/^TABLE I:/);
    await screenshot('paper');
    expect(await accessibilityViolations()).toEqual([]);
    expect(
      await page.locator('[id]').evaluateAll((els) => els.length - new Set(els.map((e) => e.id)).size),
    ).toBe(0);
  });

  it('opens a page for every type, with its relations as links, and its source where the type has one', async () => {
    const mitigation = data<{ mitigations: { slug: string; name: string }[] }[]>('risks.json').flatMap(
      (r) => r.mitigations,
    )[0];
    const pages: [string, string, string][] = [
      ['Dataset', gid('Dataset', 'casp14'), 'CASP14'],
      ['Task', gid('Task', 'msa-free-protein-sequence-prediction'), 'MSA-free Protein Sequence Prediction'],
      ['Metric', gid('Metric', 'tm-score'), 'TM Score'],
      ['Sector', gid('Sector', 'bioinformatics'), 'Bioinformatics'],
      ['Result', gid('Result', 'esmfold-casp14-tm-score'), 'ESMfold: 0.68'],
      [
        'Comparison',
        gid('Comparison', 'esmfold-vs-alphafold2-casp14-tm-score'),
        'Comparison on MSA-free Protein Sequence Prediction',
      ],
      ['Risk', gid('Risk', 'privacy'), 'Privacy'],
      ['Mitigation', gid('Mitigation', mitigation.slug), mitigation.name],
      ['Citation', gid('Citation', 84), '[84] ESMfold'],
    ];
    for (const [type, id, label] of pages) {
      await open(`#/entity/${encodeURIComponent(id)}`);
      const shown = {
        type,
        heading: await page.locator('h1').innerText(),
        relations: await page.locator('section.relation a.entity-link').count(),
        source: await page.locator('.source a[href^="/paper#"]').count(),
        errors: await page.locator('.error').count(),
      };
      expect(shown).toEqual({
        type,
        heading: `${type} ${label}`,
        relations: expect.any(Number) as number,
        // a reference is where the paper cites it: its mentions, each linked into the paper
        source: type === 'Citation' ? 0 : 1,
        errors: 0,
      });
      expect({ type, relations: shown.relations > 0 }).toEqual({ type, relations: true });
    }
    expect(await page.locator('ul.mentions a[href^="/paper#section-iii-a"]').count()).toBeGreaterThan(0);
  });

  it("draws ESMfold's neighbourhood at depth 2 with AlphaFold2, CASP14 and reference 84, filters by type and re-centres", async () => {
    await open(`#/entity/${encodeURIComponent(gid('Model', 'esmfold'))}`);
    await page.getByRole('link', { name: 'Show its neighbourhood graph' }).click();
    await page.locator('h1', { hasText: 'Neighbourhood of ESMfold' }).waitFor();
    await page.getByLabel('Depth').selectOption('2');
    await page.locator('p.count', { hasText: 'within 2 relations' }).waitFor();
    const names = await page
      .locator('table.data-table')
      .first()
      .locator('tbody tr td:first-child')
      .allInnerTexts();
    expect(names).toEqual(
      expect.arrayContaining([
        'Model ESMfold',
        'Model AlphaFold2',
        'Dataset CASP14',
        'Citation [84] ESMfold',
      ]),
    );
    // the count said is the rows listed (the center is not counted among its neighbours)
    const count = Number(await page.locator('p.count').getAttribute('data-count'));
    expect(names.length).toBe(count + 1);
    expect(await page.locator('.graph canvas').count()).toBeGreaterThan(0);
    await screenshot('graph');
    expect(await accessibilityViolations()).toEqual([]);

    await page.locator('label.type-Model input').check();
    await page.locator('p.count', { hasText: 'within 2 relations' }).waitFor();
    await page.waitForFunction(() => location.hash.includes('types=MODEL'));
    await page.locator('body[data-ready="true"]').waitFor();
    const types = await page
      .locator('table.data-table')
      .first()
      .locator('tbody tr td:nth-child(2)')
      .allInnerTexts();
    expect(new Set(types)).toEqual(new Set(['Model']));
    expect(types.length).toBeGreaterThan(1);

    await page.getByRole('link', { name: 'Re-centre on AlphaFold2' }).click();
    await page.locator('h1', { hasText: 'Neighbourhood of AlphaFold2' }).waitFor();

    // a click on a node of the drawing re-centres too: where Cytoscape drew CASP14 (it keeps its
    // instance on the container)
    await page.locator('body[data-ready="true"]').waitFor();
    const casp14 = gid('Dataset', 'casp14');
    const at = await page.locator('.graph').evaluate((box, id) => {
      const cy = (box as unknown as { _cyreg: { cy: { $id(id: string): { renderedPosition(): Point } } } })
        ._cyreg.cy;
      const { left, top } = box.getBoundingClientRect();
      const p = cy.$id(id).renderedPosition();
      return { x: left + p.x, y: top + p.y };
    }, casp14);
    await page.mouse.click(at.x, at.y);
    await page.locator('h1', { hasText: 'Neighbourhood of CASP14' }).waitFor();
    expect(decodeURIComponent(await page.evaluate(() => location.hash))).toContain(casp14);
  });

  it('charts the protein-structure task of Table I: both bars with the numbers of the data, the direction on the axis', async () => {
    const results = data<ResultJson[]>('results.json');
    const esmfold = results.find((r) => r.slug === 'esmfold-casp14-tm-score')!;
    const alphafold = results.find((r) => r.slug === 'alphafold2-casp14-tm-score')!;
    await open('#/charts');
    await page.getByRole('link', { name: 'MSA-free Protein Sequence Prediction' }).click();
    await page.locator('h1', { hasText: 'Table I: MSA-free Protein Sequence Prediction' }).waitFor();
    const chart = page.locator('figure[data-chart="esmfold-vs-alphafold2-casp14-tm-score"]');
    const bars = chart.locator('svg rect[aria-label]');
    expect(await bars.evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label')))).toEqual([
      `Prior art: AlphaFold2: ${alphafold.display}`,
      `Large AI model: ESMfold: ${esmfold.display}`,
    ]);
    expect([alphafold.display, esmfold.display]).toEqual(['0.38', '0.68']);
    // the bars' lengths are the values (the axis starts at 0)
    const widths = await bars.evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
    expect(widths[1] / widths[0]).toBeCloseTo(esmfold.value / alphafold.value, 1);
    expect(await chart.locator('svg').innerHTML()).toContain('higher is better');
    expect(await chart.locator('table').innerText()).toMatch(/Prior art\s+AlphaFold2\s+0\.38\s+exact/);
    await screenshot('charts');
    expect(await accessibilityViolations()).toEqual([]);

    // a metric where lower is better says so on its axis
    await page.getByRole('link', { name: 'Global Weather Forecast' }).click();
    await page.locator('h1', { hasText: 'Global Weather Forecast' }).waitFor();
    expect(await page.locator('figure.chart svg').first().innerHTML()).toContain('lower is better');

    // a bound ("over 86%") is drawn as a bound
    const bound = results.find((r) => r.slug === 'med-palm-2-usmle-accuracy')!;
    expect(bound.bound).toBe('AT_LEAST');
    await page.getByRole('link', { name: 'United States Medical Licensing Examination' }).click();
    await page.locator('h1', { hasText: 'United States Medical Licensing Examination' }).waitFor();
    const labels = await page
      .locator('figure.chart svg rect[aria-label]')
      .evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')));
    const label = `#1 Med-PaLM 2: ${bound.display} (a lower bound: the true value is at least this)`;
    expect(labels).toContain(label);
    const board = page.locator('figure.chart', { has: page.locator(`rect[aria-label="${label}"]`) });
    expect(await board.locator('svg').innerHTML()).toContain(`${bound.display} (at least)`);
    expect(await board.locator('table').innerText()).toMatch(
      /Med-PaLM 2\s+over 86%\s+at least \(lower bound\)/,
    );

    // model sizes: on a log scale, the unreported apart
    await page.getByRole('link', { name: 'Model sizes' }).click();
    await page.locator('figure[data-chart="model-sizes"]').waitFor();
    const models = data<ModelJson[]>('models.json');
    const unreported = models.filter((m) => m.parameters.value === null).length;
    expect(await page.locator('#not-reported').innerText()).toContain(`${unreported} models`);
    expect(await page.locator('figure[data-chart="model-sizes"] tbody tr').count()).toBe(
      models.length - unreported,
    );
    expect(await page.locator('figure[data-chart="model-sizes"] figcaption').innerText()).toContain(
      'log scale',
    );
  });

  it('finds the path from GPT-4 to the Privacy risk, step by step', async () => {
    await open('#/path');
    await page.getByLabel('From', { exact: true }).fill('GPT-4');
    await page.locator('[data-picker="from"] button', { hasText: /^Model GPT-4$/ }).click();
    await page.getByLabel('To', { exact: true }).fill('privacy');
    await page.locator('[data-picker="to"] button', { hasText: /^Risk Privacy$/ }).click();
    await page.getByRole('button', { name: 'Find the path' }).click();
    const count = page.locator('#path-output p.count');
    await count.waitFor();
    const steps = Number(await count.getAttribute('data-steps'));
    expect(steps).toBeGreaterThan(0);
    expect(await count.innerText()).toMatch(/from GPT-4 to Privacy\.$/);
    const rows = page.locator('#path-output table tbody tr');
    expect(await rows.count()).toBe(steps);
    expect(await rows.first().locator('td').first().innerText()).toBe('Model GPT-4');
    expect(await rows.last().locator('td').last().innerText()).toBe('Risk Privacy');
    // each step starts where the one before ended
    const ends = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.children[0].textContent, tr.children[2].textContent]),
    );
    for (let i = 1; i < ends.length; i++) expect(ends[i][0]).toBe(ends[i - 1][1]);
    expect(await page.locator('#path-output .graph canvas').count()).toBeGreaterThan(0);
    await screenshot('path');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('runs the audit of datasets without open access, which lists as many as its where form, and shows the aggregates', async () => {
    await open('#/audits');
    const audit = page.locator('#audit-AuditDatasetsWithoutOpenAccess');
    const where = Number(await audit.locator('.where-count').innerText());
    expect(await audit.locator('pre.where').innerText()).toContain(
      'datasets(first: 500 where: {NOT: {access: {eq: OPEN}}})',
    );
    await audit.getByRole('button', { name: 'Run AuditDatasetsWithoutOpenAccess' }).click();
    const count = audit.locator('.audit-output .count');
    await count.waitFor();
    const datasets = data<{ name: string; access: string }[]>('datasets.json');
    const closed = datasets.filter((d) => d.access !== 'OPEN');
    expect(Number(await count.getAttribute('data-count'))).toBe(closed.length);
    expect(where).toBe(closed.length);
    expect(await audit.locator('.audit-output table').innerText()).toMatch(/Mount Sinai ECG Data\s+CLOSED/);

    const byType = page.locator('figure[data-chart="models-per-type-and-access"]');
    const totals = await byType.locator('tbody tr td:last-child').allInnerTexts();
    expect(totals.map(Number).reduce((a, b) => a + b, 0)).toBe(data<unknown[]>('models.json').length);
    expect(await page.locator('figure[data-chart="datasets-per-access"] figcaption').innerText()).toContain(
      `(${datasets.length} datasets)`,
    );
    await screenshot('audits');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it("opens a view's operation in the playground, its variables as defaults", async () => {
    await open('#/search?q=esm');
    await page.locator('.hit-group[data-type="Model"]').waitFor();
    const href = await page.locator('details.operation a.button').getAttribute('href');
    // a page of its own: GraphiQL's introspection fails on this trusted-documents gateway, and logs it
    const playground = await page.context().newPage();
    await playground.goto(`${server.url}${href}`);
    // Monaco renders spaces as no-break spaces
    const editorText = (selector: string) =>
      playground
        .locator(`${selector} .view-lines`)
        .innerText()
        .then((t) => t.replace(/\u00a0/g, ' '));
    await playground.waitForFunction(
      () =>
        document.querySelector('.graphiql-query-editor .view-lines')?.textContent?.includes('ExplorerSearch'),
      undefined,
      { timeout: 30_000 },
    );
    const text = await editorText('.graphiql-query-editor');
    expect(text).toMatch(
      /query ExplorerSearch\(\$first: Int = 50, \$query: String! = "esm"\) \{\s+search\(query: \$query, first: \$first\) \{/,
    );
    // the playground links back
    expect(await playground.locator('a.lam-atlas-explorer-link').getAttribute('href')).toBe('/explore');
    await playground.close();
  });

  it('made every request to this machine, broke no CSP rule and logged no error', () => {
    expect(offMachine).toEqual([]);
    expect(problems).toEqual([]);
  });
});

interface Point {
  x: number;
  y: number;
}

interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}
