import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { openAtlasSource } from '../../src/cli/atlas-source';
import { AtlasClient, ClientError, createAtlasClient, type CreateModelInput } from '../../src/client';
import type { Config } from '../../src/common/config';
import { toGlobalId } from '../../src/common/global-id';
import { tempConfig } from '../helpers/app';
import { RunningServer, startOneProcess } from '../helpers/http';
import { keyOf } from '../helpers/api-keys';
import { dataWithoutSparrow } from '../helpers/curation';

const VIEWER = parse('{ viewer { name role authenticated } }') as TypedDocumentNode<
  { viewer: { name: string; role: string; authenticated: boolean } },
  Record<string, never>
>;

const SPARROW: CreateModelInput = {
  slug: 'sparrow',
  name: 'Sparrow',
  type: 'LLM',
  parameters: { value: null, display: '', bound: 'NOT_REPORTED' },
  access: 'UNKNOWN',
  citations: [26],
  source: {
    paper: {
      location: 'Section II-A',
      quote: 'many LLMs, such as InstructGPT [19], Sparrow [26], and ChatGPT [1]',
    },
  },
  reason: 'Section II-A names Sparrow among the LLMs',
};

describe('the typed client with an API key: a curation session', () => {
  let server: RunningServer & { config: Config };
  let url: string;
  let alice: AtlasClient;
  let rita: AtlasClient;
  let anonymous: AtlasClient;
  let aliceKey: string;

  beforeAll(async () => {
    server = await startOneProcess(tempConfig({ DATA_DIR: dataWithoutSparrow() }));
    url = `${server.url}/graphql`;
    aliceKey = await keyOf(server.config, 'alice', 'curator');
    alice = createAtlasClient(url, { apiKey: aliceKey });
    rita = createAtlasClient(url, { apiKey: await keyOf(server.config, 'rita', 'reviewer') });
    anonymous = createAtlasClient(url);
  });
  afterAll(() => server?.stop());

  it('sends the key as Authorization: Bearer, over the headers the config gives', async () => {
    expect((await alice.request(VIEWER)).viewer).toEqual({
      name: 'alice',
      role: 'CURATOR',
      authenticated: true,
    });
    expect((await anonymous.request(VIEWER)).viewer).toMatchObject({
      name: 'anonymous',
      authenticated: false,
    });
    const seen: Headers[] = [];
    const withHeaders = createAtlasClient(url, {
      apiKey: aliceKey,
      headers: { 'x-request-id': 'r-1', authorization: 'Bearer not-this-one' },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    expect((await withHeaders.request(VIEWER)).viewer.name).toBe('alice');
    expect(seen[0].get('authorization')).toBe(`Bearer ${aliceKey}`);
    expect(seen[0].get('x-request-id')).toBe('r-1');
  });

  it('throws on a GraphQL error: a write without a key', async () => {
    const failure = await anonymous.proposeModel(SPARROW).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClientError);
    expect((failure as ClientError).response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrongKey = createAtlasClient(url, { apiKey: 'lam_0000000000000000_not-a-key' });
    expect(await wrongKey.search('esm').catch((e: unknown) => (e as ClientError).response.status)).toBe(401);
  });

  it('proposes, is reviewed, and reads the model and its history; refused inputs come back as userErrors', async () => {
    const refused = await alice.proposeModel({
      ...SPARROW,
      source: { paper: { location: 'Section II-A', quote: 'Sparrow is the best model' } },
    });
    expect(refused.proposal).toBeNull();
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'source', 'quote'], code: 'INVALID' }),
    ]);

    const proposed = await alice.proposeModel(SPARROW);
    expect(proposed.userErrors).toEqual([]);
    expect(proposed.proposal).toMatchObject({
      status: 'OPEN',
      author: 'alice',
      title: 'Create model sparrow',
    });
    expect(proposed.change).toMatchObject({ op: 'CREATE', slug: 'sparrow', baseVersion: 0, seq: null });
    expect(proposed.model).toBeNull();
    const id = proposed.proposal!.id;
    expect((await alice.proposals()).map((p) => p.number)).toEqual([proposed.proposal!.number]);
    expect(await anonymous.modelHistory('sparrow')).toBeNull();

    const comment = await alice.commentOnProposal({ proposal: id, body: 'Section II-A, second paragraph' });
    expect(comment.userErrors).toEqual([]);
    expect(comment.proposal?.reviews).toEqual([
      expect.objectContaining({
        author: 'alice',
        verdict: 'COMMENT',
        body: 'Section II-A, second paragraph',
      }),
    ]);
    // never one's own: a GraphQL error, thrown
    await expect(alice.approveProposal({ proposal: id, body: 'mine' })).rejects.toBeInstanceOf(ClientError);

    const approved = await rita.approveProposal({ proposal: id, body: 'as the paper says' });
    expect(approved.userErrors).toEqual([]);
    expect(approved.proposal).toMatchObject({ status: 'APPROVED', decidedBy: 'rita' });
    expect(approved.proposal?.changes[0]).toMatchObject({ seq: 1, approvedBy: 'rita' });

    const model = await anonymous.modelHistory('sparrow');
    expect(model).toMatchObject({ name: 'Sparrow', access: 'UNKNOWN', version: 1 });
    expect(model?.history).toEqual([
      expect.objectContaining({ op: 'CREATE', seq: 1, author: 'alice', approvedBy: 'rita' }),
    ]);
    expect(model?.history[0].fields).toContainEqual({ field: 'citations', before: null, after: [26] });
    expect((await anonymous.proposal(id))?.status).toBe('APPROVED');
    expect((await anonymous.proposals('APPROVED')).map((p) => p.id)).toEqual([id]);
    expect(await anonymous.proposals()).toEqual([]);
    expect((await anonymous.changes()).map((c) => [c.seq, c.slug])).toEqual([[1, 'sparrow']]);
    expect(await anonymous.changes(1)).toEqual([]);

    // a stale version is a userError with the model as it is now, not a throw
    const stale = await alice.updateModel({
      id: toGlobalId('Model', 'sparrow'),
      version: 7,
      access: 'CLOSED',
      source: SPARROW.source,
    });
    expect(stale.change).toBeNull();
    expect(stale.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'version'], code: 'STALE_VERSION' }),
    ]);
    expect(stale.model?.version).toBe(1);

    const opened = await alice.openProposal({ title: 'nothing yet' });
    const rejected = await rita.rejectProposal({ proposal: opened.proposal!.id, body: 'empty' });
    expect(rejected.proposal).toMatchObject({
      status: 'REJECTED',
      decidedBy: 'rita',
      decisionReason: 'empty',
    });
  });

  it('the command line sends LAM_ATLAS_API_KEY with --url', async () => {
    const source = await openAtlasSource(server.config, url, { LAM_ATLAS_API_KEY: aliceKey });
    expect((await source.client.request(VIEWER)).viewer.name).toBe('alice');
    const without = await openAtlasSource(server.config, url, {});
    expect((await without.client.request(VIEWER)).viewer.name).toBe('anonymous');
  });
});
