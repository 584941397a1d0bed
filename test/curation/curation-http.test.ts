import type { Config } from '../../src/common/config';
import { toGlobalId } from '../../src/common/global-id';
import { keyOf } from '../helpers/api-keys';
import { dataWithoutSparrow, type Loose } from '../helpers/curation';
import { tempConfig } from '../helpers/app';
import { IDENTITY_HEADER, signIdentity } from '../../src/common/identity';
import { postGraphQL, RunningServer, startOneProcess, startSeparateServices } from '../helpers/http';

const SECRET = 'a-shared-secret-of-the-gateway-and-its-subgraphs';

const CREATE = `mutation ($input: CreateModelInput!) {
  createModel(input: $input) {
    proposal { id number status title author }
    change { op entityType slug baseVersion fields { field before after } }
    model { id }
    userErrors { field message code }
  }
}`;
const APPROVE = `mutation ($input: ReviewProposalInput!) {
  approveProposal(input: $input) { proposal { status decidedBy } userErrors { field message code } }
}`;
const MODEL = `query ($id: ID!) {
  node(id: $id) { ... on Model { name type access version source { location quote }
    history { op seq author approvedBy reason fields { field before after } proposalNumber } } }
}`;

const SPARROW_INPUT = {
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

describe.each(['fused', 'planned'])('curation over HTTP, one process (%s)', (execution) => {
  let server: RunningServer & { config: Config };
  let curator: string;
  let reviewer: string;
  let reader: string;
  const as = (key: string | null, query: string, variables: object) =>
    postGraphQL<Loose>(server, { query, variables }, key ? { authorization: `Bearer ${key}` } : {});

  beforeAll(async () => {
    const dir = dataWithoutSparrow();
    server = await startOneProcess(tempConfig({ EXECUTION: execution, DATA_DIR: dir }));
    curator = await keyOf(server.config, 'alice', 'curator');
    reviewer = await keyOf(server.config, 'rita', 'reviewer');
    reader = await keyOf(server.config, 'reed', 'reader');
  });
  afterAll(() => server?.stop());

  it('refuses writes without a key of the right role, and records nothing', async () => {
    const anonymous = await as(null, CREATE, { input: SPARROW_INPUT });
    expect(anonymous.body?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asReader = await as(reader, CREATE, { input: SPARROW_INPUT });
    expect(asReader.body?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const proposals = await as(curator, '{ proposals { number } }', {});
    expect(proposals.body!.data!.proposals).toEqual([]);
  });

  it('takes a new model as a proposal, applies it on approval, and keeps its history', async () => {
    const id = toGlobalId('Model', 'sparrow');
    expect((await as(null, MODEL, { id })).body!.data!.node).toBeNull();
    const created = (await as(curator, CREATE, { input: SPARROW_INPUT })).body!.data!.createModel;
    expect(created.userErrors).toEqual([]);
    expect(created.proposal).toMatchObject({
      status: 'OPEN',
      title: 'Create model sparrow',
      author: 'alice',
    });
    expect(created.change).toMatchObject({
      op: 'CREATE',
      entityType: 'Model',
      slug: 'sparrow',
      baseVersion: 0,
    });
    expect(created.model).toBeNull();
    // not in the graph before approval
    expect((await as(null, MODEL, { id })).body!.data!.node).toBeNull();

    const own = await as(curator, APPROVE, { input: { proposal: created.proposal.id, body: 'mine' } });
    expect(own.body?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const approved = (
      await as(reviewer, APPROVE, { input: { proposal: created.proposal.id, body: 'as the paper says' } })
    ).body!.data!.approveProposal;
    expect(approved).toEqual({ proposal: { status: 'APPROVED', decidedBy: 'rita' }, userErrors: [] });

    const model = (await as(null, MODEL, { id })).body!.data!.node;
    expect(model).toMatchObject({
      name: 'Sparrow',
      type: 'LLM',
      access: 'UNKNOWN',
      version: 1,
      source: {
        location: 'Section II-A',
        quote: 'many LLMs, such as InstructGPT [19], Sparrow [26], and ChatGPT [1]',
      },
    });
    expect(model.history).toHaveLength(1);
    expect(model.history[0]).toMatchObject({ op: 'CREATE', seq: 1, author: 'alice', approvedBy: 'rita' });
    expect(model.history[0].fields).toContainEqual({ field: 'citations', before: null, after: [26] });
  });

  it('refuses a stale version with the current one, and a write data/ would refuse, naming the field', async () => {
    const id = toGlobalId('Model', 'sparrow');
    const UPDATE = `mutation ($input: UpdateModelInput!) { updateModel(input: $input) { change { slug } model { version } userErrors { field message code } } }`;
    const stale = (
      await as(curator, UPDATE, {
        input: { id, version: 7, access: 'CLOSED', source: SPARROW_INPUT.source },
      })
    ).body!.data!.updateModel;
    expect(stale.change).toBeNull();
    expect(stale.userErrors).toEqual([
      {
        field: ['input', 'version'],
        message: 'stale version 7: the Model is at version 1',
        code: 'STALE_VERSION',
      },
    ]);
    expect(stale.model).toEqual({ version: 1 });
    const badQuote = (
      await as(curator, UPDATE, {
        input: {
          id,
          version: 1,
          source: { paper: { location: 'Section II-A', quote: 'Sparrow is the best model' } },
        },
      })
    ).body!.data!.updateModel;
    expect(badQuote.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'source', 'quote'], code: 'INVALID' }),
    ]);
    const unknownDataset = (
      await as(curator, UPDATE, {
        input: {
          id,
          version: 1,
          trainedOn: [toGlobalId('Dataset', 'no-such-dataset')],
          source: SPARROW_INPUT.source,
        },
      })
    ).body!.data!.updateModel;
    expect(unknownDataset.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'trainedOn'], code: 'INVALID' }),
    ]);
    const duplicate = (await as(curator, CREATE, { input: SPARROW_INPUT })).body!.data!.createModel;
    expect(duplicate.userErrors).toEqual([
      {
        field: ['input', 'slug'],
        message: 'a Model with the slug "sparrow" exists already',
        code: 'DUPLICATE',
      },
    ]);
  });
});

describe('curation over HTTP, separate services', () => {
  let services: Awaited<ReturnType<typeof startSeparateServices>>;
  const as = (key: string | null, query: string, variables: object) =>
    postGraphQL<Loose>(services, { query, variables }, key ? { authorization: `Bearer ${key}` } : {});
  beforeAll(async () => {
    const dir = dataWithoutSparrow();
    services = await startSeparateServices({ env: { SUBGRAPH_SECRET: SECRET, DATA_DIR: dir } });
  });
  afterAll(() => services?.stop());

  it('refuses a write sent straight to a subgraph with a forged identity', async () => {
    const forged = signIdentity(
      { sub: 'mallory', role: 'admin', iat: Date.now() },
      'not the secret, 32 chars long..',
    );
    const res = await postGraphQL<Loose>(
      { url: services.subgraphs.catalog.url.replace(/\/graphql\/?$/, '') },
      { query: CREATE, variables: { input: SPARROW_INPUT } },
      { [IDENTITY_HEADER]: forged },
    );
    expect(res.status).toBe(401);
    expect(res.body?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('applies an approved proposal in every service: the literature search finds the new model', async () => {
    const curator = await keyOf(services.config, 'alice', 'curator');
    const reviewer = await keyOf(services.config, 'rita', 'reviewer');
    const created = (await as(curator, CREATE, { input: SPARROW_INPUT })).body!.data!.createModel;
    expect(created.userErrors).toEqual([]);
    const approved = (await as(reviewer, APPROVE, { input: { proposal: created.proposal.id, body: 'ok' } }))
      .body!.data!.approveProposal;
    expect(approved.userErrors).toEqual([]);
    // the catalog service rebuilt the stores; the literature service reopens its own when it sees that
    const SEARCH = '{ search(query: "Sparrow", first: 5) { __typename ... on Model { slug } } }';
    let hits: Loose = {};
    for (let attempt = 0; attempt < 50; attempt++) {
      hits = (await as(null, SEARCH, {})).body!.data!.search;
      if (JSON.stringify(hits).includes('sparrow')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(hits).toEqual(expect.arrayContaining([{ __typename: 'Model', slug: 'sparrow' }]));
    expect((await as(null, MODEL, { id: toGlobalId('Model', 'sparrow') })).body!.data!.node).toMatchObject({
      name: 'Sparrow',
      version: 1,
    });
  });
});
