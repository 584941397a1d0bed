import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  buildSchema,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import type { Config } from '../../src/common/config';
import { toGlobalId } from '../../src/common/global-id';
import { loadCuratedData } from '../../src/data/curated-data';
import type { SurveyData } from '../../src/data/schema';
import { keyOf } from '../helpers/api-keys';
import type { Loose } from '../helpers/curation';
import { DATA_DIR, tempConfig } from '../helpers/app';
import { postGraphQL, RunningServer, startOneProcess } from '../helpers/http';

type Row = Record<string, unknown>;

const read = (kind: string, dir = DATA_DIR) =>
  JSON.parse(fs.readFileSync(path.join(dir, `${kind}.json`), 'utf8')) as Row[];
const PAPER = Object.fromEntries(
  ['tasks', 'metrics', 'results', 'comparisons', 'risks', 'citations', 'models'].map((k) => [k, read(k)]),
) as Record<string, Row[]>;
const bySlug = (kind: string, slug: string) => PAPER[kind].find((r) => r.slug === slug)!;
const mitigation = (slug: string) =>
  PAPER.risks.flatMap((r) => r.mitigations as Row[]).find((m) => m.slug === slug)!;
const citation = (n: number) => PAPER.citations.find((c) => c.number === n)!;

/**
 * data/ with what the tests add back with the paper's values: [84] left out of ESMfold's citations and
 * [191] out of the verification framework's, and the label of [84] left out.
 */
function dataToRestore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-data-'));
  fs.cpSync(DATA_DIR, dir, { recursive: true });
  const write = (kind: string, rows: Row[]) =>
    fs.writeFileSync(path.join(dir, `${kind}.json`), JSON.stringify(rows, null, 2) + '\n');
  const models = read('models', dir);
  models.find((m) => m.slug === 'esmfold')!.citations = [];
  write('models', models);
  const risks = read('risks', dir);
  for (const r of risks)
    for (const m of r.mitigations as Row[]) if (m.slug === 'verification-framework') m.citations = [];
  write('risks', risks);
  const citations = read('citations', dir);
  const c84 = citations.find((c) => c.number === 84)!;
  c84.label = null;
  delete c84.aliases;
  write('citations', citations);
  return dir;
}

const SCHEMA = buildSchema(fs.readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));

/** The least input of a type that GraphQL accepts: every required field, each with some value. */
function leastValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return leastValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, leastValue(f.type)]),
    );
  if (isScalarType(type))
    return { Int: 1, Float: 1, Boolean: true, ID: toGlobalId('Model', 'esmfold') }[type.name] ?? 'x';
  return null;
}

const MUTATIONS = Object.values(SCHEMA.getMutationType()!.getFields()).map((f) => ({
  name: f.name,
  query: `mutation ($input: ${String(f.args[0].type)}) { ${f.name}(input: $input) { __typename } }`,
  input: leastValue(f.args[0].type),
}));

/** A write, answering with what every payload has. */
const write = (name: string, inputType: string, entity?: string) =>
  `mutation ($input: ${inputType}!) { ${name}(input: $input) {
    proposal { id number status title }
    change { op entityType slug baseVersion fields { field } }
    ${entity ? `${entity} { id version }` : ''}
    userErrors { field message code }
  } }`;

const paperSource = (r: Row) => ({ paper: r.source });
const ids = (type: string, slugs: unknown) => (slugs as string[]).map((s) => toGlobalId(type, s));

/** The create inputs of records of data/: their values, with ids where the record has slugs. */
const CREATES: { name: string; type: string; input: () => Row }[] = [
  {
    name: 'createTask',
    type: 'CreateTaskInput',
    input: () => {
      const t = bySlug('tasks', 'zero-shot-medical-image-classification');
      return { ...t, sector: toGlobalId('Sector', t.sector as string), source: paperSource(t) };
    },
  },
  {
    name: 'createMetric',
    type: 'CreateMetricInput',
    input: () => {
      const m = bySlug('metrics', 'precision');
      return { ...m, source: paperSource(m) };
    },
  },
  {
    name: 'createResult',
    type: 'CreateResultInput',
    input: () => {
      const r = bySlug('results', 'medclip-zero-shot-covid-19-detection-accuracy');
      return {
        ...r,
        model: toGlobalId('Model', r.model as string),
        task: toGlobalId('Task', r.task as string),
        dataset: r.dataset === null ? null : toGlobalId('Dataset', r.dataset as string),
        metric: toGlobalId('Metric', r.metric as string),
        source: paperSource(r),
      };
    },
  },
  {
    name: 'createComparison',
    type: 'CreateComparisonInput',
    input: () => {
      const c = bySlug('comparisons', 'rna-fm-vs-ufold-archiveii600-f1-score');
      return {
        ...c,
        baseline: toGlobalId('Result', c.baseline as string),
        challenger: toGlobalId('Result', c.challenger as string),
        source: paperSource(c),
      };
    },
  },
  {
    name: 'createRisk',
    type: 'CreateRiskInput',
    input: () => {
      const r = bySlug('risks', 'computation');
      // its mitigations are written on their own
      const rest = Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'mitigations'));
      return {
        ...rest,
        models: ids('Model', r.models),
        datasets: ids('Dataset', r.datasets),
        sectors: ids('Sector', r.sectors),
        figures: (r.figures as Row[]).map((f) => ({ ...f, source: paperSource(f) })),
        source: paperSource(r),
      };
    },
  },
  {
    name: 'createMitigation',
    type: 'CreateMitigationInput',
    input: () => {
      const m = mitigation('refusal-fine-tuning');
      return { ...m, risk: toGlobalId('Risk', 'privacy'), source: paperSource(m) };
    },
  },
];

/** What the creates above retire first, dependents before what they depend on. */
const RETIRES = [
  ['retireComparison', 'Comparison', 'rna-fm-vs-ufold-archiveii600-f1-score'],
  ['retireResult', 'Result', 'medclip-zero-shot-covid-19-detection-accuracy'],
  ['retireTask', 'Task', 'zero-shot-medical-image-classification'],
  ['retireMetric', 'Metric', 'precision'],
  ['retireRisk', 'Risk', 'computation'],
  ['retireMitigation', 'Mitigation', 'refusal-fine-tuning'],
] as const;

const APPROVE = `mutation ($input: ReviewProposalInput!) {
  approveProposal(input: $input) { proposal { status } userErrors { field message code } }
}`;

describe.each(['fused', 'planned'])(
  'more kinds of curated writes over HTTP, one process (%s)',
  (execution) => {
    let server: RunningServer & { config: Config };
    let curator: string;
    let reviewer: string;
    let reader: string;
    const as = (key: string | null, query: string, variables: object = {}) =>
      postGraphQL<Loose>(server, { query, variables }, key ? { authorization: `Bearer ${key}` } : {});
    const data = async (key: string, query: string, variables: object = {}) => {
      const res = await as(key, query, variables);
      expect(res.body?.errors).toBeUndefined();
      return res.body!.data!;
    };
    const approve = async (proposal: string) =>
      (await data(reviewer, APPROVE, { input: { proposal, body: 'as the paper says' } })).approveProposal;
    const curated = (): Promise<SurveyData> => loadCuratedData(server.config);

    beforeAll(async () => {
      server = await startOneProcess(tempConfig({ EXECUTION: execution, DATA_DIR: dataToRestore() }));
      curator = await keyOf(server.config, 'alice', 'curator');
      reviewer = await keyOf(server.config, 'rita', 'reviewer');
      reader = await keyOf(server.config, 'reed', 'reader');
    });
    afterAll(() => server?.stop());

    it('refuses every mutation without a key (UNAUTHENTICATED) and with a reader key (FORBIDDEN)', async () => {
      expect(MUTATIONS.map((m) => m.name)).toEqual(
        expect.arrayContaining(['createTask', 'retireMitigation', 'addCitationSupport', 'updateCitation']),
      );
      for (const m of MUTATIONS) {
        const anonymous = await as(null, m.query, { input: m.input });
        expect([m.name, anonymous.body?.errors?.[0]?.extensions?.code]).toEqual([m.name, 'UNAUTHENTICATED']);
        const asReader = await as(reader, m.query, { input: m.input });
        expect([m.name, asReader.body?.errors?.[0]?.extensions?.code]).toEqual([m.name, 'FORBIDDEN']);
      }
      expect((await data(curator, '{ proposals { number } }')).proposals).toEqual([]);
    });

    it('retires a task, metric, result, comparison, risk and mitigation and re-creates each with its data/ values, in one proposal', async () => {
      let proposal: string | undefined;
      for (const [name, type, slug] of RETIRES) {
        const input = { id: toGlobalId(type, slug), version: 1, reason: 'to re-create it', proposal };
        const answer = (await data(curator, write(name, 'RetireInput'), { input }))[name];
        expect([name, answer.userErrors]).toEqual([name, []]);
        proposal ??= answer.proposal.id as unknown as string;
      }
      for (const c of CREATES) {
        const answer = (await data(curator, write(c.name, c.type), { input: { ...c.input(), proposal } }))[
          c.name
        ];
        expect([c.name, answer.userErrors]).toEqual([c.name, []]);
        // a mitigation's writes are changes of its risk's record
        expect([c.name, answer.change.op]).toEqual([
          c.name,
          c.name === 'createMitigation' ? 'UPDATE' : 'CREATE',
        ]);
      }
      const mitigationChange = (await data(curator, '{ proposals { changes { entityType op slug } } }'))
        .proposals[0].changes;
      expect(mitigationChange).toContainEqual({ entityType: 'Risk', op: 'UPDATE', slug: 'privacy' });
      expect(await approve(proposal!)).toEqual({ proposal: { status: 'APPROVED' }, userErrors: [] });

      // the graph holds every record as data/ has it, key order included
      const graph = await curated();
      const find = (kind: keyof SurveyData, slug: string) =>
        (graph[kind] as Row[]).find((r) => r.slug === slug);
      for (const [kind, slug] of [
        ['tasks', 'zero-shot-medical-image-classification'],
        ['metrics', 'precision'],
        ['results', 'medclip-zero-shot-covid-19-detection-accuracy'],
        ['comparisons', 'rna-fm-vs-ufold-archiveii600-f1-score'],
        ['risks', 'computation'],
      ] as const)
        expect(JSON.stringify(find(kind, slug))).toEqual(JSON.stringify(bySlug(kind, slug)));
      const privacy = find('risks', 'privacy')!;
      expect(JSON.stringify(privacy)).toEqual(JSON.stringify(bySlug('risks', 'privacy')));

      // and the API answers with them, each at version 3 (data/'s, retired, re-created)
      const answer = await data(
        reviewer,
        `{ task(slug: "zero-shot-medical-image-classification") { name sector { slug } version history { op } }
         metric(slug: "precision") { name higherIsBetter version }
         risk(slug: "computation") { name version figures { label value display } models { id }
           history { op proposalNumber fields { field } } }
         privacy: risk(slug: "privacy") { version mitigations { slug name version citations { number }
           history { op entityType } } } }`,
      );
      expect(answer.task).toEqual({
        name: 'Zero-shot Medical Image Classification',
        sector: { slug: 'medical-imaging' },
        version: 3,
        history: [{ op: 'RETIRE' }, { op: 'CREATE' }],
      });
      expect(answer.metric).toEqual({ name: 'Precision', higherIsBetter: true, version: 3 });
      expect(answer.risk.figures).toContainEqual({
        label: 'LLaMa training time',
        value: 21,
        display: 'about 21 days',
      });
      expect(answer.risk.models).toEqual([{ id: toGlobalId('Model', 'llama') }]);
      expect((answer.risk.history[1].fields as unknown as Loose[]).map((f) => f.field)).toContain('figures');
      expect(answer.privacy.mitigations).toEqual([
        {
          slug: 'refusal-fine-tuning',
          name: mitigation('refusal-fine-tuning').name,
          version: 3,
          citations: [{ number: 166 }],
          history: [
            { op: 'UPDATE', entityType: 'Risk' },
            { op: 'UPDATE', entityType: 'Risk' },
          ],
        },
      ]);
    });

    it("adds a reference's support of a model and of a mitigation, and a reference's label, as data/ has them", async () => {
      const versions = await data(
        curator,
        `{ model(slug: "esmfold") { version citations { number } }
         risk(slug: "reliability") { mitigations { slug version } } }`,
      );
      expect(versions.model.citations).toEqual([]);
      const framework = (versions.risk.mitigations as unknown as Loose[]).find(
        (m) => (m.slug as unknown) === 'verification-framework',
      )!;
      const SUPPORT = write('addCitationSupport', 'CitationSupportInput', 'citation');
      const toModel = (
        await data(curator, SUPPORT, {
          input: {
            citation: toGlobalId('Citation', 84),
            entity: toGlobalId('Model', 'esmfold'),
            version: versions.model.version,
            reason: 'Table I cites [84] for ESMfold',
          },
        })
      ).addCitationSupport;
      expect(toModel.userErrors).toEqual([]);
      expect(toModel.change).toMatchObject({ op: 'UPDATE', entityType: 'Model', slug: 'esmfold' });
      expect(toModel.change.fields).toEqual([{ field: 'citations' }]);
      expect(toModel.proposal).toMatchObject({ status: 'OPEN', title: 'Add citation [84] to model esmfold' });
      const proposal = toModel.proposal.id as unknown as string;
      const toMitigation = (
        await data(curator, SUPPORT, {
          input: {
            citation: toGlobalId('Citation', 191),
            entity: toGlobalId('Mitigation', 'verification-framework'),
            version: framework.version,
            proposal,
          },
        })
      ).addCitationSupport;
      expect(toMitigation.userErrors).toEqual([]);
      expect(toMitigation.change).toMatchObject({ op: 'UPDATE', entityType: 'Risk', slug: 'reliability' });
      const c84 = citation(84);
      const label = (
        await data(curator, write('updateCitation', 'UpdateCitationInput', 'citation'), {
          input: {
            id: toGlobalId('Citation', 84),
            version: 1,
            label: c84.label,
            aliases: c84.aliases,
            proposal,
          },
        })
      ).updateCitation;
      expect(label.userErrors).toEqual([]);
      expect(label.change).toMatchObject({ op: 'UPDATE', entityType: 'Citation', slug: '84' });
      expect(await approve(proposal)).toEqual({ proposal: { status: 'APPROVED' }, userErrors: [] });

      const graph = await curated();
      expect(JSON.stringify(graph.models.find((m) => m.slug === 'esmfold'))).toEqual(
        JSON.stringify(bySlug('models', 'esmfold')),
      );
      expect(JSON.stringify(graph.risks.find((r) => r.slug === 'reliability'))).toEqual(
        JSON.stringify(bySlug('risks', 'reliability')),
      );
      expect(JSON.stringify(graph.citations.find((c) => c.number === 84))).toEqual(JSON.stringify(c84));
      const after = await data(
        reader,
        `{ model(slug: "esmfold") { version citations { number label } }
         citation(number: 84) { label version supports { id } history { op slug } } }`,
      );
      expect(after.model).toEqual({ version: 2, citations: [{ number: 84, label: 'ESMfold' }] });
      expect(after.citation).toEqual({
        label: 'ESMfold',
        version: 2,
        supports: [{ id: toGlobalId('Model', 'esmfold') }],
        history: [{ op: 'UPDATE', slug: '84' }],
      });
    });

    it('refuses a stale version and an unknown reference with a userError naming the field', async () => {
      const paper = { paper: { location: 'Section IV', quote: 'Computation' } };
      const cases: { name: string; type: string; input: Row; field: string[]; code: string }[] = [
        {
          name: 'updateTask',
          type: 'UpdateTaskInput',
          input: {
            id: toGlobalId('Task', 'msa-free-protein-sequence-prediction'),
            version: 9,
            source: paper,
          },
          field: ['input', 'version'],
          code: 'STALE_VERSION',
        },
        {
          name: 'updateMetric',
          type: 'UpdateMetricInput',
          input: { id: toGlobalId('Metric', 'tm-score'), version: 9, source: paper },
          field: ['input', 'version'],
          code: 'STALE_VERSION',
        },
        {
          name: 'createResult',
          type: 'CreateResultInput',
          input: {
            ...CREATES[2].input(),
            slug: 'a-new-result',
            model: toGlobalId('Model', 'no-such-model'),
          },
          field: ['input', 'model'],
          code: 'INVALID',
        },
        {
          name: 'updateComparison',
          type: 'UpdateComparisonInput',
          input: {
            id: toGlobalId('Comparison', 'esmfold-vs-alphafold2-casp14-tm-score'),
            version: 1,
            challenger: toGlobalId('Result', 'no-such-result'),
            source: paperSource(bySlug('comparisons', 'esmfold-vs-alphafold2-casp14-tm-score')),
          },
          field: ['input', 'challenger'],
          code: 'INVALID',
        },
        {
          name: 'updateRisk',
          type: 'UpdateRiskInput',
          input: {
            id: toGlobalId('Risk', 'data'),
            version: 1,
            models: [toGlobalId('Model', 'no-such-model')],
            source: paperSource(bySlug('risks', 'data')),
          },
          field: ['input', 'models'],
          code: 'INVALID',
        },
        {
          name: 'updateRisk',
          type: 'UpdateRiskInput',
          input: {
            id: toGlobalId('Risk', 'sustainability'),
            version: 1,
            figures: [
              {
                label: 'x',
                value: 1,
                display: '1',
                source: { paper: { location: 'Section IV', quote: 'not in it at all' } },
              },
            ],
            source: paperSource(bySlug('risks', 'sustainability')),
          },
          field: ['input', 'figures', '0', 'source', 'quote'],
          code: 'INVALID',
        },
        {
          name: 'createMitigation',
          type: 'CreateMitigationInput',
          input: { ...CREATES[5].input(), slug: 'another', risk: toGlobalId('Risk', 'no-such-risk') },
          field: ['input', 'risk'],
          code: 'NOT_FOUND',
        },
        {
          name: 'updateMitigation',
          type: 'UpdateMitigationInput',
          input: {
            id: toGlobalId('Mitigation', 'content-filtering'),
            version: 1,
            source: { paper: { location: 'Section V-B', quote: 'a quote the paper does not have' } },
          },
          field: ['input', 'source', 'quote'],
          code: 'INVALID',
        },
        {
          name: 'retireMitigation',
          type: 'RetireInput',
          input: { id: toGlobalId('Mitigation', 'content-filtering'), version: 5 },
          field: ['input', 'version'],
          code: 'STALE_VERSION',
        },
        {
          name: 'createCitation',
          type: 'CreateCitationInput',
          input: { number: 192, label: 'A reference the paper has not' },
          field: ['input', 'number'],
          code: 'INVALID',
        },
        {
          name: 'updateCitation',
          type: 'UpdateCitationInput',
          input: { id: toGlobalId('Citation', 5), version: 4 },
          field: ['input', 'version'],
          code: 'STALE_VERSION',
        },
        {
          name: 'addCitationSupport',
          type: 'CitationSupportInput',
          input: {
            citation: toGlobalId('Citation', 5),
            entity: toGlobalId('Model', 'no-such-model'),
            version: 1,
          },
          field: ['input', 'entity'],
          code: 'NOT_FOUND',
        },
        {
          name: 'addCitationSupport',
          type: 'CitationSupportInput',
          input: {
            citation: toGlobalId('Citation', 999),
            entity: toGlobalId('Model', 'chatgpt'),
            version: 1,
          },
          field: ['input', 'citation'],
          code: 'NOT_FOUND',
        },
        {
          name: 'addCitationSupport',
          type: 'CitationSupportInput',
          input: { citation: toGlobalId('Citation', 5), entity: toGlobalId('Model', 'chatgpt'), version: 3 },
          field: ['input', 'version'],
          code: 'STALE_VERSION',
        },
        {
          name: 'removeCitationSupport',
          type: 'CitationSupportInput',
          input: { citation: toGlobalId('Citation', 5), entity: toGlobalId('Model', 'chatgpt'), version: 1 },
          field: ['input', 'citation'],
          code: 'NOT_FOUND',
        },
      ];
      for (const c of cases) {
        const answer = (await data(curator, write(c.name, c.type), { input: c.input }))[c.name];
        expect([c.name, answer.change]).toEqual([c.name, null]);
        expect([c.name, answer.userErrors]).toEqual([
          c.name,
          [expect.objectContaining({ field: c.field, code: c.code })],
        ]);
      }
    });
  },
);
