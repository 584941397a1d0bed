import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';
import { Kind, parse } from 'graphql';
import {
  EXAMPLE_VARIABLES,
  FIRST_QUERY,
  JOURNAL_READS,
  KEY_HEADERS,
  loadPlaygroundTabs,
  OPERATIONS_DIR,
  playgroundOptions,
} from '../../src/gateway/playground';
import { DATA_DIR, gatewayQuery, startInProcess } from '../helpers/app';
import { RunningServer, startOneProcess } from '../helpers/http';
import { GraphQLResponse } from '../helpers/graphql';
import { KeyStore, keyStoreTarget } from '../../src/app/api-keys/key-store';
import type { Config } from '../../src/common/config';

const CHROMIUM = '/usr/bin/chromium';
/** data/models.json, as curated */
const MODELS = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'models.json'), 'utf8')) as {
  slug: string;
  name: string;
}[];
const SCREENSHOT = path.resolve(__dirname, '../artifacts/playground.png');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Requests that stay on this machine: loopback hosts, and data:/blob: URLs the page makes itself. */
function isLocal(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'data:' || parsed.protocol === 'blob:' || LOOPBACK.has(parsed.hostname);
}

/** Opens the tab of an operation. */
async function selectTab(page: Page, name: string): Promise<void> {
  // the tabs are drag-to-reorder items, which swallow a synthetic mouse click: select with the keyboard
  await page.locator('.graphiql-tab-button').getByText(name, { exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.graphiql-tab-active').getByText(name, { exact: true }).waitFor();
  // GraphiQL takes the operation name from the tab's text 100 ms after it changes, and runs the previous
  // tab's name until then ("Cannot infer operation"): wait until the tab, as GraphiQL stores it, has its own
  await page.waitForFunction((operation) => {
    const state = JSON.parse(localStorage.getItem('graphiql:tabState') ?? 'null') as {
      tabs: { operationName: string | null }[];
      activeTabIndex: number;
    } | null;
    return state?.tabs[state.activeTabIndex]?.operationName === operation;
  }, name);
}

/** Monaco renders spaces as no-break spaces and only the lines in view. */
async function editorText(page: Page, selector: string): Promise<string> {
  return (await page.locator(`${selector} .view-lines`).innerText()).replace(/\u00a0/g, ' ');
}

describe('saved operations as playground tabs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-ops-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives each operation its own tab with its comments, the fragments it uses from any file, and its example variables', () => {
    fs.writeFileSync(
      path.join(dir, 'b-fragments.graphql'),
      'fragment ModelCard on Model { name access trainedOn { ...DatasetCard } }\nfragment DatasetCard on Dataset { name }\nfragment Unused on Risk { name }\n',
    );
    fs.writeFileSync(
      path.join(dir, 'a-pages.graphql'),
      '# A model page.\nquery ModelPage($slug: String!, $first: Int = 5) { model(slug: $slug) { ...ModelCard } }\n\nquery Sectors { sectors { name } }\n',
    );
    fs.writeFileSync(
      path.join(dir, 'c-other.graphql'),
      'query Other($slug: String!, $number: Int!, $first: Int, $tags: [String!]!) { model(slug: $slug) { name } }\n',
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an operation');
    const tabs = loadPlaygroundTabs(dir, { ModelPage: { slug: 'esmfold' } });
    expect(tabs).toHaveLength(3);
    expect(tabs[0].query).toMatch(/^# \S*\/a-pages\.graphql\n# A model page\.\nquery ModelPage/);
    expect(tabs[0].query).toContain('fragment ModelCard on Model');
    expect(tabs[0].query).toContain('fragment DatasetCard on Dataset');
    expect(tabs[0].query).not.toContain('Unused');
    expect(tabs[0].query).not.toContain('query Sectors');
    expect(JSON.parse(tabs[0].variables as string)).toEqual({ slug: 'esmfold' });
    expect(tabs[1].query).toMatch(/^# \S*\/a-pages\.graphql\nquery Sectors \{ sectors \{ name \} \}\n$/);
    expect(tabs[1].variables).toBeUndefined();
    // without an example: a placeholder for each required variable, nothing for the optional ones
    expect(JSON.parse(tabs[2].variables as string)).toEqual({ slug: '', number: 0, tags: [] });
  });

  it('offers a file that does not parse as it is rather than dropping it', () => {
    fs.writeFileSync(path.join(dir, 'broken.graphql'), 'query Broken { audits { \n');
    const tabs = loadPlaygroundTabs(dir);
    expect(tabs).toHaveLength(1);
    expect(tabs[0].query).toMatch(/^# \S*\/broken\.graphql\nquery Broken \{ audits \{ \n$/);
  });

  it("turns the playground off in production and opens on the README's first query followed by the saved operations otherwise", () => {
    fs.writeFileSync(path.join(dir, 'sectors.graphql'), 'query Sectors { sectors { name } }\n');
    expect(playgroundOptions(true, dir)).toEqual({ graphiql: false });
    const options = playgroundOptions(false, dir);
    const graphiql = options.graphiql as { defaultTabs: { query: string }[]; defaultQuery: string };
    expect(graphiql.defaultTabs.map((t) => t.query)).toEqual([
      expect.stringMatching(/^# lam-atlas[^]*\nquery WhatToTryFirst \{/),
      expect.stringContaining('query Sectors'),
    ]);
    expect(graphiql.defaultTabs[0].query.endsWith(FIRST_QUERY)).toBe(true);
    expect(graphiql.defaultQuery).toMatch(/^#/);
    expect(typeof options.renderGraphiQL).toBe('function');
  });
});

describe('the example variables of the saved operations', () => {
  const tabs = loadPlaygroundTabs(OPERATIONS_DIR);
  const named = (tab: { query: string }) => tab.query.match(/^(?:query|mutation)\s+(\w+)/m)?.[1];

  it('name saved operations and their variables', () => {
    for (const [operation, variables] of Object.entries(EXAMPLE_VARIABLES)) {
      const tab = tabs.find((t) => named(t) === operation);
      expect({ operation, found: tab !== undefined }).toEqual({ operation, found: true });
      const declared = parse(tab!.query).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION
          ? (d.variableDefinitions ?? []).map((v) => v.variable.name.value)
          : [],
      );
      expect(declared).toEqual(expect.arrayContaining(Object.keys(variables)));
    }
    expect(MODELS.find((m) => m.slug === EXAMPLE_VARIABLES.ModelPage.slug)?.name).toBe('ESMfold');
  });

  const isMutation = (tab: { query: string }) => /^mutation\s/m.test(tab.query);

  it('open a write with where its key goes, and a read without headers', () => {
    const writes = tabs.filter(isMutation);
    expect(writes.map(named)).toEqual(
      expect.arrayContaining(['ProposeModel', 'ApproveProposal', 'RejectProposal', 'UpdateModel']),
    );
    for (const tab of writes) {
      expect({ tab: named(tab), headers: tab.headers }).toEqual({ tab: named(tab), headers: KEY_HEADERS });
      expect(tab.query).toMatch(/Headers tab[^]*nothing runs until you press Ctrl-Enter/);
    }
    expect(JSON.parse(KEY_HEADERS)).toEqual({ Authorization: 'Bearer <your API key>' });
    expect(tabs.filter((t) => !isMutation(t)).every((t) => t.headers === undefined)).toBe(true);
  });

  it('make every read tab answer data without errors and without a null at the root (the journal is empty)', async () => {
    const app = await startInProcess();
    try {
      const first = await gatewayQuery<{ models: { nodes: unknown[] } }>(app, FIRST_QUERY);
      expect(first.errors).toBeUndefined();
      expect(first.data?.models.nodes.length).toBeGreaterThan(0);
      // a write is not run here: its tab is a template that runs only with a key and when asked
      for (const tab of tabs.filter((t) => !isMutation(t))) {
        const answer = await gatewayQuery(
          app,
          tab.query,
          tab.variables ? (JSON.parse(tab.variables) as Record<string, unknown>) : undefined,
        );
        const roots = Object.entries((answer.data ?? {}) as Record<string, unknown>);
        expect({
          tab: named(tab),
          errors: answer.errors,
          empty: roots.filter(([, v]) => isEmpty(v) && !JOURNAL_READS.has(named(tab) ?? '')),
        }).toEqual({
          tab: named(tab),
          errors: undefined,
          empty: [],
        });
      }
    } finally {
      await app.close();
    }
  });
});

describe('the served playground and API keys', () => {
  it('enables the Headers editor, opens new tabs without headers, and tells where a key goes', async () => {
    const app = await startInProcess();
    try {
      const res = await app.gateway.runtime.fetch('http://lam-atlas.local/graphql', {
        headers: { accept: 'text/html' },
      });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('"isHeadersEditorEnabled":true');
      expect(html).toContain('"defaultEditorToolsVisibility":"variables"');
      // the welcome tab's text, and each write's tab with the header to fill in
      expect(html).toContain('{\\"Authorization\\": \\"Bearer <key>\\"} (docs/curation.md)');
      expect(html).toContain(JSON.stringify(KEY_HEADERS).slice(1, -1));
    } finally {
      await app.close();
    }
  });
});

/** A root field that found nothing. */
function isEmpty(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

describe('the GraphQL playground in a real browser, offline', () => {
  let server: RunningServer & { config: Config };
  let browser: Browser;
  let page: Page;
  const offMachine: string[] = [];
  const local: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: this test needs Debian's Chromium. Run \`apt-get install -y chromium\` (as root) and run it again.`,
      );
    }
    server = await startOneProcess();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) {
        local.push(url);
        return route.continue();
      }
      offMachine.push(url);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders GraphiQL from the gateway alone, with the saved operations as tabs and the schema docs', async () => {
    const introspection = page.waitForResponse((r) => r.request().postData()?.includes('__schema') ?? false);
    const response = await page.goto(`${server.url}/graphql`);
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-tab-button').first().waitFor({ timeout: 30_000 });
    expect(await page.title()).toBe('lam-atlas');

    const saved = loadPlaygroundTabs(OPERATIONS_DIR).map(
      (tab) => tab.query.match(/^(?:query|mutation)\s+(\w+)/m)?.[1] ?? '<untitled>',
    );
    expect(saved.length).toBeGreaterThan(0);
    expect(await page.locator('.graphiql-tab-button').allInnerTexts()).toEqual(['WhatToTryFirst', ...saved]);
    // every tab is in view: the bar wraps rather than hiding tabs past its edge
    const bar = await page.locator('.graphiql-tabs').boundingBox();
    for (const box of await page
      .locator('.graphiql-tab')
      .evaluateAll((tabs) => tabs.map((t) => t.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.right).toBeLessThanOrEqual(bar!.x + bar!.width + 1);
    }
    // the title stays on one line
    const logo = page.locator('.graphiql-logo');
    const lineHeight = await logo.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 0);
    expect((await logo.boundingBox())!.height).toBeLessThan(lineHeight * 1.8 || 40);

    // the docs explorer and the editor's completion need GraphiQL's own introspection query to pass the limits
    const answer = await introspection;
    expect({ status: answer.status(), errors: ((await answer.json()) as GraphQLResponse).errors }).toEqual({
      status: 200,
      errors: undefined,
    });
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).click();
    await docs.getByText('audits', { exact: true }).first().click();
    await docs.getByText('ready-made relationship audits across the whole graph').waitFor();
  });

  it('runs the saved audit of datasets without open access and shows the closed Mount Sinai ECG dataset', async () => {
    const audit = loadPlaygroundTabs(OPERATIONS_DIR).find((tab) =>
      /datasetsWithoutOpenAccess/.test(tab.query),
    );
    const name = audit?.query.match(/^query\s+(\w+)/m)?.[1];
    expect(name).toBeDefined();
    await selectTab(page, name as string);
    expect(await editorText(page, '.graphiql-query-editor')).toContain('datasetsWithoutOpenAccess');

    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"data"').waitFor({ timeout: 30_000 });
    // the result is longer than the pane and Monaco renders only the lines in view: scroll until the dataset shows
    await response.locator('.view-lines').click();
    let text = '';
    for (let step = 0; step < 30; step++) {
      text = await editorText(page, '.graphiql-response');
      if (/Mount Sinai ECG Data[\s\S]*\n.*\n.*\n/.test(text)) break;
      await page.keyboard.press('PageDown');
      // Monaco redraws on the next animation frames
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
    }
    expect(text).toMatch(/"name": "Mount Sinai ECG Data",\s*"access": "CLOSED"/);
    expect(text).not.toContain('"errors"');

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it("runs the ModelPage tab as it opens, with its example slug, and answers ESMfold's page", async () => {
    const name = MODELS.find((m) => m.slug === EXAMPLE_VARIABLES.ModelPage.slug)!.name;
    await selectTab(page, 'ModelPage');
    expect(await editorText(page, '.graphiql-query-editor')).toContain('query ModelPage');
    const variables = await editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)');
    expect(JSON.parse(variables)).toEqual(EXAMPLE_VARIABLES.ModelPage);

    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"source"').waitFor({ timeout: 30_000 });
    // the response pane keeps the scroll position of the previous answer: back to its top
    await response.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    await response.getByText('"data"').waitFor();
    const text = await editorText(page, '.graphiql-response');
    expect(text).not.toContain('"model": null');
    expect(text).toContain(`"name": "${name}"`);
    expect(text).not.toContain('"errors"');
  });

  it('opens a write without running it, and runs it with the key put in its Headers tab', async () => {
    const store = await KeyStore.open(keyStoreTarget(server.config));
    let key: string;
    try {
      key = (await store.create('alice', 'curator')).key;
    } finally {
      await store.close();
    }
    const openProposals = async () =>
      (await server.client.request<{ proposals: unknown[] }>('{ proposals(status: OPEN) { number } }'))
        .proposals;

    await selectTab(page, 'OpenProposal');
    expect(await editorText(page, '.graphiql-query-editor')).toContain('mutation OpenProposal');
    // opening the tab ran nothing
    expect(await openProposals()).toEqual([]);

    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    const headers = '.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden)';
    await page.locator(headers).waitFor();
    // the editor fills its lines after it shows: wait for the key's line before reading them
    await page.locator(`${headers} .view-lines`).getByText('Authorization').first().waitFor();
    expect(JSON.parse(await editorText(page, headers))).toEqual(JSON.parse(KEY_HEADERS));
    await page.locator(`${headers} textarea`).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${key}` }));
    // the editor closes brackets and quotes as they are typed: drop what it added after the text
    await page.keyboard.press('Shift+Control+End');
    await page.keyboard.press('Delete');
    // Monaco redraws on the next animation frames
    let typed = '';
    for (let step = 0; step < 20 && !typed.includes(key); step++) {
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      typed = await editorText(page, headers);
    }
    expect(JSON.parse(typed)).toEqual({ Authorization: `Bearer ${key}` });

    await page.getByRole('button', { name: /Execute query/ }).click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"OPEN"').waitFor({ timeout: 30_000 });
    const text = await editorText(page, '.graphiql-response');
    expect(text).toContain('"author": "alice"');
    expect(text).not.toContain('"errors"');
    expect(await openProposals()).toEqual([{ number: 1 }]);
  });

  it('made every request to this machine and none elsewhere', () => {
    expect(local.some((url) => url.startsWith(`${server.url}/graphql`))).toBe(true);
    expect(offMachine).toEqual([]);
  });
});
