import type { Config } from '../../src/common/config';
import { toGlobalId } from '../../src/common/global-id';
import { keyOf } from '../helpers/api-keys';
import { tempConfig } from '../helpers/app';
import { type Loose, paperOnlyData } from '../helpers/curation';
import { postGraphQL, RunningServer, startOneProcess } from '../helpers/http';

/** The companion list as the repository holds it (data/companion), at the commit it was taken at. */
const LIST = 'https://github.com/Jianing-Qiu/Awesome-Healthcare-Foundation-Models/blob/fd36f54/README.md';
const companion = (line: number, section: string, quote: string) => ({
  external: {
    url: `${LIST}#L${line}`,
    title: 'Awesome-Healthcare-Foundation-Models',
    retrievedAt: '2026-12-02',
    commit: 'fd36f54',
    section,
    quote,
  },
});

const DR = toGlobalId('Dataset', 'google-dr-dev-dataset');
const STATEMENTS = `query ($id: ID!) { node(id: $id) { ... on Dataset { access version
  statements { field value preferred reason source { location quote url commit section } } } } }`;
const ADD = `mutation ($input: AddStatementInput!) { addStatement(input: $input) {
  proposal { id } change { fields { field before after } } userErrors { field message code } } }`;
const PREFER = `mutation ($input: PreferStatementInput!) { preferStatement(input: $input) {
  proposal { id } userErrors { field message code } } }`;
const APPROVE = `mutation ($input: ReviewProposalInput!) { approveProposal(input: $input) {
  proposal { status } userErrors { field message code } } }`;
const DISPUTED = `{ disputedFacts { entityId entityType slug field statements { value preferred source { location url } } } }`;

describe.each(['fused', 'planned'])('several sources per fact (%s)', (execution) => {
  let server: RunningServer & { config: Config };
  let curator: string;
  let reviewer: string;
  const as = async (key: string | null, query: string, variables: object = {}) =>
    (await postGraphQL<Loose>(server, { query, variables }, key ? { authorization: `Bearer ${key}` } : {}))
      .body!;
  const approve = async (proposal: Loose) =>
    (await as(reviewer, APPROVE, { input: { proposal: proposal.id, body: 'checked against both sources' } }))
      .data!.approveProposal;

  beforeAll(async () => {
    // the paper's graph: the curator adds what data/ holds from the companion list's import
    server = await startOneProcess(tempConfig({ EXECUTION: execution, DATA_DIR: paperOnlyData() }));
    curator = await keyOf(server.config, 'alice', 'curator');
    reviewer = await keyOf(server.config, 'rita', 'reviewer');
  });
  afterAll(() => server?.stop());

  it('keeps Table II and the companion list on the Google DR Dev. Dataset access, lists the disagreement, and lets the curator prefer one', async () => {
    expect((await as(null, DISPUTED)).data!.disputedFacts).toEqual([]);
    const added = (
      await as(curator, ADD, {
        input: {
          entity: DR,
          version: 1,
          field: 'access',
          value: 'ON_APPROVAL',
          source: companion(
            485,
            'Large-scale Datasets in Biomedical and Health Informatics > Private or Upon Approval',
            '| [Google DR Dev. Dataset](https://jamanetwork.com/journals/jama/fullarticle/2588763) | 239 K unique individuals, 1.6 M fundus images |',
          ),
          reason:
            'the companion list files it under "Private or Upon Approval"; the OA cell of Table II is empty',
        },
      })
    ).data!.addStatement;
    expect(added.userErrors).toEqual([]);
    expect((await approve(added.proposal)).userErrors).toEqual([]);

    const dataset = (await as(null, STATEMENTS, { id: DR })).data!.node;
    // the paper's reading stays what the dataset holds until a curator prefers another
    expect(dataset.access).toBe('OPEN');
    expect(dataset.version).toBe(2);
    expect(dataset.statements).toEqual([
      {
        field: 'access',
        value: 'OPEN',
        preferred: true,
        reason: null,
        source: {
          location: 'Table II',
          quote:
            '| Google DR Dev.Dataset | 239 K unique individuals, 1.6 M fundus images | fundusimage | diabetic retinopathy grading |',
          url: null,
          commit: null,
          section: null,
        },
      },
      expect.objectContaining({
        field: 'access',
        value: 'ON_APPROVAL',
        preferred: false,
        source: expect.objectContaining({ url: `${LIST}#L485`, commit: 'fd36f54' }) as unknown,
      }),
    ]);
    expect((await as(null, DISPUTED)).data!.disputedFacts).toEqual([
      {
        entityId: DR,
        entityType: 'Dataset',
        slug: 'google-dr-dev-dataset',
        field: 'access',
        statements: [
          { value: 'OPEN', preferred: true, source: { location: 'Table II', url: null } },
          {
            value: 'ON_APPROVAL',
            preferred: false,
            source: expect.objectContaining({ url: `${LIST}#L485` }) as unknown,
          },
        ],
      },
    ]);

    const preferred = (
      await as(curator, PREFER, {
        input: {
          entity: DR,
          version: 2,
          field: 'access',
          statement: 1,
          reason: 'access is granted on request',
        },
      })
    ).data!.preferStatement;
    expect(preferred.userErrors).toEqual([]);
    expect((await approve(preferred.proposal)).userErrors).toEqual([]);
    const after = (await as(null, STATEMENTS, { id: DR })).data!.node;
    expect(after.access).toBe('ON_APPROVAL');
    expect((after.statements as unknown as Loose[]).map((s) => [s.value, s.preferred])).toEqual([
      ['OPEN', false],
      ['ON_APPROVAL', true],
    ]);
    // still disputed: both statements are kept
    expect((await as(null, DISPUTED)).data!.disputedFacts).toHaveLength(1);
  });

  it('refuses a statement whose value the field cannot hold, and one about a field the record lacks', async () => {
    const version = (await as(null, STATEMENTS, { id: DR })).data!.node.version;
    const wrong = (
      await as(curator, ADD, {
        input: {
          entity: DR,
          version: 3,
          field: 'access',
          value: 'SOMETIMES',
          source: companion(485, 'x', 'y'),
        },
      })
    ).data!.addStatement;
    expect(wrong.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'value'], code: 'INVALID' }),
    ]);
    const unknown = (
      await as(curator, ADD, {
        input: { entity: DR, version, field: 'colour', value: 'blue', source: companion(485, 'x', 'y') },
      })
    ).data!.addStatement;
    expect(unknown.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'field'], code: 'INVALID' }),
    ]);
  });

  it('creates a model from the companion list with it as the source', async () => {
    const created = (
      await as(
        curator,
        `mutation ($input: CreateModelInput!) { createModel(input: $input) { proposal { id } userErrors { field message code } } }`,
        {
          input: {
            slug: 'clinicalmamba',
            name: 'ClinicalMamba',
            type: 'LLM',
            parameters: { value: null, display: '', bound: 'NOT_REPORTED' },
            access: 'UNKNOWN',
            source: companion(
              120,
              'Large Language Models > Healthcare Domain',
              'ClinicalMamba: A Generative Clinical Language Model on Longitudinal Clinical Notes  [[Paper]](https://arxiv.org/abs/2403.05795)',
            ),
          },
        },
      )
    ).data!.createModel;
    expect(created.userErrors).toEqual([]);
    expect((await approve(created.proposal)).userErrors).toEqual([]);
    const model = (
      await as(
        null,
        `{ node(id: "${toGlobalId('Model', 'clinicalmamba')}") { ... on Model { name source { location url title commit section retrievedAt } } } }`,
      )
    ).data!.node;
    expect(model).toEqual({
      name: 'ClinicalMamba',
      source: {
        location: 'Awesome-Healthcare-Foundation-Models > Large Language Models > Healthcare Domain',
        url: `${LIST}#L120`,
        title: 'Awesome-Healthcare-Foundation-Models',
        commit: 'fd36f54',
        section: 'Large Language Models > Healthcare Domain',
        retrievedAt: '2026-12-02',
      },
    });
  });
});
