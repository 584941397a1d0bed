import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importCompanionList, ImportReport, LIST_REPOSITORY } from '../../src/cli/import-companion';
import type { Config } from '../../src/common/config';
import { toGlobalId } from '../../src/common/global-id';
import { keyOf } from '../helpers/api-keys';
import { type Loose, paperOnlyData } from '../helpers/curation';
import { DATA_DIR, tempConfig } from '../helpers/app';
import { postGraphQL, RunningServer, startOneProcess } from '../helpers/http';
import { runNode } from '../helpers/process';

const FILE = path.resolve(__dirname, '../../data/companion/README.md');
const LIST = `${LIST_REPOSITORY}/blob/fd36f54/README.md`;
const STATEMENTS = `query ($id: ID!) { node(id: $id) { ... on Model { statements { field value preferred source { url commit section quote } } }
  ... on Dataset { access statements { field value preferred source { url commit section quote } } } } }`;
const PROPOSAL = `query ($id: ID!) { proposal(id: $id) { number status title changes { op entityType slug fields { field after } } } }`;
const APPROVE = `mutation ($input: ReviewProposalInput!) { approveProposal(input: $input) { proposal { status } userErrors { message } } }`;
const DISPUTED = `{ disputedFacts { slug field statements { value preferred source { location url } } } }`;
const MODEL = `query ($slug: String!) { model(slug: $slug) { name type access parameters { display bound } sectors { slug }
  source { location url title commit section quote retrievedAt } } }`;

// an import sends a write per request: the snapshot's 190 take about a minute
jest.setTimeout(240_000);

describe('lam-atlas import companion-list', () => {
  let server: RunningServer & { config: Config };
  let curator: string;
  let reviewer: string;
  let reader: string;
  let first: ImportReport;
  const url = () => `${server.url}/graphql`;
  const query = async (q: string, variables: object = {}, key?: string) =>
    (await postGraphQL<Loose>(server, { query: q, variables }, key ? { authorization: `Bearer ${key}` } : {}))
      .body!.data!;
  const run = (file: string, extra: Partial<Parameters<typeof importCompanionList>[0]> = {}) =>
    importCompanionList({ file, url: url(), apiKey: curator, retrievedAt: '2026-12-02', ...extra });
  const cli = (...args: string[]) =>
    runNode(['bin/lam-atlas.js', 'import', 'companion-list', ...args], { LAM_ATLAS_API_KEY: '' });
  const approve = async (id: string) =>
    (await query(APPROVE, { input: { proposal: id, body: 'checked against the list' } }, reviewer))
      .approveProposal;

  // the paper's graph: data/ holds the reviewed import of the snapshot, which this suite makes again
  const paperDir = paperOnlyData();

  beforeAll(async () => {
    server = await startOneProcess(tempConfig({ DATA_DIR: paperDir }));
    curator = await keyOf(server.config, 'alice', 'curator');
    reviewer = await keyOf(server.config, 'rita', 'reviewer');
    reader = await keyOf(server.config, 'rob', 'reader');
  });
  afterAll(() => server?.stop());

  it('refuses to run without a key, and says why', async () => {
    const r = await cli(FILE, '--url', url());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'lam-atlas: import needs a curator API key: pass --key KEY or set LAM_ATLAS_API_KEY',
    );
    expect(r.stdout).toBe('');
  });

  it("surfaces the server's FORBIDDEN for a reader key, and proposes nothing", async () => {
    const r = await cli(FILE, '--url', url(), '--key', reader);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^lam-atlas: the server refused openProposal: .*\(FORBIDDEN\)/m);
    expect((await query('{ proposals(status: OPEN) { id } }', {}, reviewer)).proposals).toEqual([]);
  });

  it('proposes the snapshot as one proposal: statements, the access disagreements, new models and datasets', async () => {
    first = await run(FILE);
    expect(first.failed).toEqual([]);
    expect(first.commit).toBe('fd36f54'); // from data/companion/SOURCE.md
    expect(first.entries).toBe(193);
    expect(first.written).toEqual({
      statement: 83,
      accessStatement: 3,
      createModel: 102,
      createDataset: 2,
      retire: 0,
    });
    expect(first.proposal).toEqual({ id: expect.any(String) as unknown, number: 1, changes: 190 });
    expect(first.skipped).toEqual([]);
    // laws: reported, never forced into another type
    expect(first.notImported).toHaveLength(6);
    expect(first.notImported[0]).toEqual({
      line: 458,
      name: 'AI Act',
      reason: 'legislation: the graph has no type for laws',
    });
    // lines the parser could not read, with their lines
    expect(first.problems).toHaveLength(94);
    expect(first.problems[0]).toEqual({ line: 131, reason: 'no model name before a colon' });
    expect(first.problems).toContainEqual({
      line: 236,
      reason:
        'no model name before the colon: "An Image is Worth 16x16 Words" is 6 words, a title rather than a name',
    });

    const proposal = (await query(PROPOSAL, { id: first.proposal!.id }, reviewer)).proposal;
    expect(proposal.status).toBe('OPEN');
    expect(proposal.changes as unknown as Loose[]).toHaveLength(190);
    const clinicalMamba = (proposal.changes as unknown as Loose[]).find(
      (c) => c.slug === ('clinicalmamba' as unknown),
    );
    expect(clinicalMamba).toMatchObject({ op: 'CREATE', entityType: 'Model' });
  });

  it('refuses to import again while its proposal is open, and proposes nothing', async () => {
    const r = await cli(FILE, '--url', url(), '--key', curator);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'lam-atlas: proposal 1 ("Companion list fd36f54: 190 changes") is still open: a reviewer approves or rejects it before the list is imported again',
    );
    const open = (await query('{ proposals(status: OPEN) { number changes { id } } }', {}, reviewer))
      .proposals as unknown as Loose[];
    expect(open.map((p) => [p.number, (p.changes as unknown as Loose[]).length])).toEqual([[1, 190]]);
  });

  it('after approval: the statements carry their lines, Google DR access is disputed, ClinicalMamba is a model from the list', async () => {
    expect((await approve(first.proposal!.id)).userErrors).toEqual([]);
    const urls = async (type: string, slug: string) =>
      ((await query(STATEMENTS, { id: toGlobalId(type, slug) })).node.statements as unknown as Loose[])
        .filter((s) => s.field === null)
        .map((s) => s.source.url);
    expect(await urls('Model', 'med-palm-2')).toEqual([`${LIST}#L123`, `${LIST}#L410`]);
    expect(await urls('Model', 'gatortron-large')).toEqual([`${LIST}#L128`]);
    expect(await urls('Dataset', 'google-dr-dev-dataset')).toEqual([`${LIST}#L485`]);
    // same-as.json: the list's "Big Fantastic Datasbase" and "PanGu Drug Model" are the paper's records
    expect(await urls('Dataset', 'big-fantastic-database')).toEqual([`${LIST}#L470`]);
    expect(await urls('Model', 'pangu-drug')).toEqual([`${LIST}#L370`]);
    expect((await query(MODEL, { slug: 'pangu-drug-model' })).model).toBeNull();

    const dr = (await query(STATEMENTS, { id: toGlobalId('Dataset', 'google-dr-dev-dataset') })).node;
    expect(dr.access).toBe('OPEN'); // the paper's Table II stays preferred
    expect(dr.statements).toContainEqual({
      field: 'access',
      value: 'ON_APPROVAL',
      preferred: false,
      source: {
        url: `${LIST}#L485`,
        commit: 'fd36f54',
        section: 'Large-scale Datasets in Biomedical and Health Informatics > Private or Upon Approval',
        quote:
          '| [Google DR Dev. Dataset](https://jamanetwork.com/journals/jama/fullarticle/2588763) | 239 K unique individuals, 1.6 M fundus images |',
      },
    });
    const disputed = (await query(DISPUTED)).disputedFacts as unknown as Loose[];
    expect(
      disputed.map((d) => `${d.slug as unknown as string}.${d.field as unknown as string}`).sort(),
    ).toEqual([
      'google-dr-dev-dataset.access',
      'mount-sinai-ecg-data.access',
      'uf-health-idr-clinical-note-database.access',
    ]);
    expect(disputed.find((d) => d.slug === ('google-dr-dev-dataset' as unknown))!.statements).toEqual([
      { value: 'OPEN', preferred: true, source: { location: 'Table II', url: null } },
      {
        value: 'ON_APPROVAL',
        preferred: false,
        source: expect.objectContaining({ url: `${LIST}#L485` }) as unknown,
      },
    ]);

    expect((await query(MODEL, { slug: 'clinicalmamba' })).model).toEqual({
      name: 'ClinicalMamba',
      type: 'LLM',
      access: 'UNKNOWN',
      parameters: { display: '', bound: 'NOT_REPORTED' },
      sectors: [],
      source: {
        location: expect.any(String) as unknown,
        url: `${LIST}#L120`,
        title: 'Awesome-Healthcare-Foundation-Models',
        commit: 'fd36f54',
        section: 'Large Language Models > Healthcare Domain',
        quote:
          'ClinicalMamba: A Generative Clinical Language Model on Longitudinal Clinical Notes  [[Paper]](https://arxiv.org/abs/2403.05795)',
        retrievedAt: '2026-12-02',
      },
    });
  });

  it("the approved import, exported, is data/ as checked in: the graph's import of the snapshot", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-imported-'));
    const r = await runNode(['bin/lam-atlas.js', 'export', '--data', out], {
      DATA_DIR: paperDir,
      STORE_DIR: server.config.storeDir,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('44 datasets, 182 models');
    for (const file of ['models.json', 'datasets.json'])
      expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(
        fs.readFileSync(path.join(DATA_DIR, file), 'utf8'),
      );
  });

  it('re-importing the same file proposes nothing and opens no proposal', async () => {
    const r = await cli(FILE, '--url', url(), '--key', curator, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const again = JSON.parse(r.stdout) as ImportReport;
    expect(again.proposal).toBeNull();
    expect(again.written).toEqual({
      statement: 0,
      accessStatement: 0,
      createModel: 0,
      createDataset: 0,
      retire: 0,
    });
    expect(again.skipped).toHaveLength(190);
    expect((await query('{ proposals(status: OPEN) { id } }', {}, reviewer)).proposals).toEqual([]);
    const text = await cli(FILE, '--url', url(), '--key', curator);
    expect(text.stdout).toContain('nothing to propose');
    expect(text.stdout).toContain('  line 131: no model name before a colon\n');
  });

  it('a later version of the list proposes exactly its differences: one entry added, one gone, one link changed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-companion-'));
    const lines = fs.readFileSync(FILE, 'utf8').split('\n');
    expect(lines[119]).toMatch(/^- ClinicalMamba:/);
    expect(lines[122]).toMatch(/^- Med-PaLM 2:/);
    lines[122] = lines[122].replace(
      'https://arxiv.org/pdf/2305.09617.pdf',
      'https://arxiv.org/abs/2305.09617',
    );
    lines.splice(119, 1); // ClinicalMamba is gone: the lines below move up by one, which is no difference
    expect(lines[197]).toBe('### Healthcare Domain'); // of Large Vision Models
    lines.splice(
      198,
      0,
      '- CuraViT: A Hypothetical Vision Model of Wound Photographs [[Paper]](https://example.org/curavit)',
    );
    const later = path.join(dir, 'README.md');
    fs.writeFileSync(later, lines.join('\n'));
    // the curators' decisions go beside the list, as in data/companion/
    fs.copyFileSync(path.join(path.dirname(FILE), 'same-as.json'), path.join(dir, 'same-as.json'));
    const report = await run(later, { commit: 'abc1234' });
    expect(report.failed).toEqual([]);
    expect(report.written).toEqual({
      statement: 1,
      accessStatement: 0,
      createModel: 1,
      createDataset: 0,
      retire: 1,
    });
    expect(report.proposal!.changes).toBe(3);
    const changes = (await query(PROPOSAL, { id: report.proposal!.id }, reviewer)).proposal
      .changes as unknown as Loose[];
    expect(changes.map((c) => [c.op, c.slug])).toEqual([
      ['UPDATE', 'med-palm-2'],
      ['CREATE', 'curavit'],
      ['RETIRE', 'clinicalmamba'],
    ]);
  });
});

describe('lam-atlas import companion-list on a gateway that takes trusted documents only', () => {
  let server: RunningServer & { config: Config };
  afterAll(() => server?.stop());

  it('sends its saved operations by documentId', async () => {
    server = await startOneProcess(tempConfig({ DATA_DIR: paperOnlyData(), TRUSTED_DOCUMENTS: 'only' }));
    const curator = await keyOf(server.config, 'alice', 'curator');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-companion-'));
    const lines = fs.readFileSync(FILE, 'utf8').split('\n');
    // the list up to its first model entry, ClinicalMamba (line 120)
    fs.writeFileSync(path.join(dir, 'README.md'), lines.slice(0, 120).join('\n') + '\n');
    const report = await importCompanionList({
      file: path.join(dir, 'README.md'),
      url: `${server.url}/graphql`,
      apiKey: curator,
      commit: 'fd36f54',
      retrievedAt: '2026-12-02',
    });
    expect(report.failed).toEqual([]);
    expect(report.written.createModel).toBe(1);
    expect(report.proposal).toMatchObject({ number: 1, changes: 1 });
  });
});
