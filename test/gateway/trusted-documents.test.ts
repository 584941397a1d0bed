import * as fs from 'fs';
import * as path from 'path';
import { KeyStore, keyStoreTarget } from '../../src/app/api-keys/key-store';
import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { Config, loadConfig } from '../../src/common/config';
import { gatewayPost as post, seededConfig, tempConfig } from '../helpers/app';
import { postGraphQL, RunningServer, startOneProcess } from '../helpers/http';
import { dataOf } from '../helpers/graphql';
import * as match from '../helpers/match';

const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../persisted-documents.json'), 'utf8'),
) as Record<string, string>;
const idOf = (operation: string) => {
  const entry = Object.entries(manifest).find(([, doc]) =>
    new RegExp(`(^| )(query|mutation) ${operation}\\b`).test(doc),
  );
  if (!entry) throw new Error(`no ${operation} in the manifest`);
  return entry[0];
};

async function keyOf(config: Config, name: string, role: string): Promise<string> {
  const store = await KeyStore.open(keyStoreTarget(config));
  try {
    return (await store.create(name, role)).key;
  } finally {
    await store.close();
  }
}

describe('trusted documents', () => {
  let only: InProcessApp;
  let allow: InProcessApp;
  beforeAll(async () => {
    const config = await seededConfig();
    only = await createInProcessApp({
      ...config,
      trustedDocuments: loadConfig({ TRUSTED_DOCUMENTS: 'only' }).trustedDocuments,
    });
    allow = await createInProcessApp({
      ...config,
      trustedDocuments: loadConfig({ TRUSTED_DOCUMENTS: 'allow' }).trustedDocuments,
    });
  });
  afterAll(async () => {
    await only?.close();
    await allow?.close();
  });

  it("with TRUSTED_DOCUMENTS=only, run the manifest's operations by id", async () => {
    const res = await post<{ model: unknown }>(only, {
      documentId: idOf('ModelPage'),
      variables: { slug: 'esmfold' },
    });
    expect(dataOf(res).model).toMatchObject({ name: 'ESMfold', parameters: { display: '15B' } });
    const apq = await post<{ audits: { risksWithoutMitigation: { name: string }[] } }>(only, {
      extensions: {
        persistedQuery: {
          version: 1,
          sha256Hash: idOf('AuditRisksWithoutMitigation').replace('sha256:', ''),
        },
      },
    });
    expect(dataOf(apq).audits.risksWithoutMitigation.map((r) => r.name)).toEqual([
      'Data',
      'Computation',
      'Transparency',
    ]);
  });

  it('with TRUSTED_DOCUMENTS=only, refuse any other document and unknown ids with a clear error', async () => {
    const arbitrary = await post(only, { query: '{ models { totalCount } }' });
    expect(arbitrary.data ?? null).toBeNull();
    expect(arbitrary.errors?.[0]).toMatchObject({
      message: match.stringMatching(/trusted documents only/),
      extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' },
    });
    const unknown = await post(only, { documentId: 'sha256:' + '0'.repeat(64) });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'no trusted document has this documentId',
      extensions: { code: 'TRUSTED_DOCUMENT_NOT_FOUND' },
    });
  });

  it('with TRUSTED_DOCUMENTS=allow, accept both ids and arbitrary documents', async () => {
    type Citation = { citation: { label: string } };
    const byId = await post<Citation>(allow, {
      documentId: idOf('CitationSupports'),
      variables: { number: 84 },
    });
    expect(dataOf(byId).citation.label).toBe('ESMfold');
    const arbitrary = await post<Citation>(allow, { query: '{ citation(number: 84) { label } }' });
    expect(dataOf(arbitrary).citation.label).toBe('ESMfold');
  });

  it('are off by default: a documentId alone is not a query', async () => {
    const config = await seededConfig();
    expect(config.trustedDocuments.mode).toBe('off');
    const plain = await createInProcessApp(config);
    const res = await post(plain, { documentId: idOf('CitationSupports'), variables: { number: 84 } });
    await plain.close();
    expect(res.errors?.[0].message).toMatch(/Unexpected parameter "documentId"/);
  });

  it('refuse a bad mode or a missing manifest at startup', async () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'sometimes' })).toThrow(
      /TRUSTED_DOCUMENTS must be off, allow or only, got "sometimes"/,
    );
    const config = await seededConfig();
    await expect(
      createInProcessApp({
        ...config,
        trustedDocuments: { mode: 'only', manifestPath: '/nonexistent/manifest.json' },
      }),
    ).rejects.toThrow(/cannot read the trusted documents manifest \/nonexistent\/manifest.json/);
  });
});

describe('trusted documents and API keys, over HTTP', () => {
  let server: RunningServer & { config: Config };
  const as = async <T = unknown>(key: string | null, body: object) =>
    (await postGraphQL<T>(server, body, key ? { authorization: `Bearer ${key}` } : {})).body!;
  beforeAll(async () => {
    server = await startOneProcess(tempConfig({ TRUSTED_DOCUMENTS: 'only' }));
  });
  afterAll(() => server?.stop());

  it('with TRUSTED_DOCUMENTS=only, run a saved write by id with a key, and refuse the same write as text', async () => {
    const curator = await keyOf(server.config, 'alice', 'curator');
    const reviewer = await keyOf(server.config, 'rita', 'reviewer');
    type Payload = {
      proposal: { id: string; number: number; status: string; author: string; decidedBy: string | null };
      userErrors: unknown[];
    };
    const opened = await as<{ openProposal: Payload }>(curator, {
      documentId: idOf('OpenProposal'),
      variables: { input: { title: 'Models of Section II-A' } },
    });
    expect(opened.errors).toBeUndefined();
    expect(dataOf(opened).openProposal).toMatchObject({
      proposal: { number: 1, status: 'OPEN', author: 'alice' },
      userErrors: [],
    });
    const proposal = dataOf(opened).openProposal.proposal.id;
    const rejected = await as<{ rejectProposal: Payload }>(reviewer, {
      documentId: idOf('RejectProposal'),
      variables: { input: { proposal, body: 'nothing in it' } },
    });
    expect(dataOf(rejected).rejectProposal).toMatchObject({
      proposal: { status: 'REJECTED', decidedBy: 'rita' },
      userErrors: [],
    });

    // the same document as text, with the same key: refused before it runs
    const asText = await as(curator, {
      query: manifest[idOf('OpenProposal')],
      variables: { input: { title: 'sent as text' } },
    });
    expect(asText.data ?? null).toBeNull();
    expect(asText.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    // a trusted document is no key: without one the write is refused
    const anonymous = await as(null, {
      documentId: idOf('OpenProposal'),
      variables: { input: { title: 'no key' } },
    });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const proposals = await as<{ proposals: { number: number; title: string }[] }>(null, {
      documentId: idOf('Proposals'),
      variables: { status: 'REJECTED' },
    });
    expect(dataOf(proposals).proposals).toEqual([
      expect.objectContaining({ number: 1, title: 'Models of Section II-A' }),
    ]);
    expect((await as(null, { documentId: idOf('Proposals') })).data).toEqual({ proposals: [] });
  });
});
