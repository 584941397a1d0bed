import * as fs from 'fs';
import * as path from 'path';
import { loadSurveyData } from '../../src/data/validate';
import {
  AtlasClient,
  AtlasUnreachableError,
  ClientError,
  createAtlasClient,
  ModelPageDocument,
  SearchDocument,
} from '../../src/client';
import { DATA_DIR } from '../helpers/app';
import { EXAMPLE_VARIABLES } from '../../src/gateway/playground';
import { RunningServer, startOneProcess, closedPort } from '../helpers/http';
import * as match from '../helpers/match';
import { typeErrorsOf } from '../helpers/typecheck';

const data = loadSurveyData(DATA_DIR);
const MANIFEST = path.resolve(__dirname, '../../persisted-documents.json');

let server: RunningServer;
let client: AtlasClient;

beforeAll(async () => {
  server = await startOneProcess();
  client = createAtlasClient(`${server.url}/graphql`);
});

afterAll(async () => {
  await server?.stop();
});

describe('typed client (createAtlasClient) against `npm start` mode', () => {
  it('audits: every audit agrees with data/, and names the restricted datasets', async () => {
    const audits = await client.audits();
    const notOpen = data.datasets.filter((d) => d.access !== 'OPEN').map((d) => d.name);
    expect(audits.datasetsWithoutOpenAccess.map((d) => d.name).sort()).toEqual([...notOpen].sort());
    const byName = new Map(audits.datasetsWithoutOpenAccess.map((d) => [d.name, d]));
    expect(byName.get('Mount Sinai ECG Data')).toMatchObject({
      access: 'CLOSED',
      sector: { name: 'Medical Diagnosis' },
    });
    expect(byName.get('UF Health IDR Clinical Note Database')?.access).toBe('CLOSED');
    expect(byName.get('Clinical Practice Research Datalink')?.access).toBe('ON_APPROVAL');

    expect(audits.closedModels.map((m) => m.slug).sort()).toEqual(
      data.models
        .filter((m) => m.access !== 'OPEN')
        .map((m) => m.slug)
        .sort(),
    );
    expect(audits.closedModels.find((m) => m.slug === 'xtrimopglm')).toMatchObject({
      access: 'CLOSED',
      parameters: { display: '100B' },
    });

    expect(audits.modelsWithUnreportedSize.every((m) => m.parameters.bound === 'NOT_REPORTED')).toBe(true);
    expect(audits.modelsWithUnreportedSize.find((m) => m.slug === 'rna-fm')).toMatchObject({
      access: 'OPEN',
      parameters: { display: 'N/R' },
    });

    const esmfold = audits.resultsOnRestrictedDatasets.find((r) => r.model.slug === 'esmfold');
    expect(esmfold).toMatchObject({
      display: '0.68',
      metric: { name: 'TM Score' },
      dataset: { name: 'CASP14' },
    });
    expect(
      audits.resultsOnRestrictedDatasets.every((r) => r.dataset !== null && r.dataset.access !== 'OPEN'),
    ).toBe(true);

    expect(audits.risksWithoutMitigation.map((r) => r.slug)).toEqual(
      data.risks.filter((r) => r.mitigations.length === 0).map((r) => r.slug),
    );
    expect(
      audits.uncitedEntities.some((e) => e.__typename === 'Dataset' && e.name === 'Mount Sinai ECG Data'),
    ).toBe(true);
  });

  it('modelPage: ESMfold with its 15B parameters, its CASP14 result, its reference and its source', async () => {
    const model = await client.modelPage('esmfold');
    expect(model).toMatchObject({
      name: 'ESMfold',
      type: 'LLM',
      access: 'OPEN',
      parameters: { value: 15e9, display: '15B', bound: 'EXACT' },
    });
    expect(model?.trainedOn.map((d) => d.slug)).toEqual(['uniref']);
    expect(model?.results).toEqual([
      match.objectContaining({
        display: '0.68',
        value: 0.68,
        metric: match.objectContaining({ name: 'TM Score', higherIsBetter: true }),
        dataset: match.objectContaining({ name: 'CASP14' }),
        task: {
          slug: 'msa-free-protein-sequence-prediction',
          name: 'MSA-free Protein Sequence Prediction',
          sector: { slug: 'bioinformatics', name: 'Bioinformatics' },
        },
      }),
    ]);
    expect(model?.citations).toContainEqual({ number: 84, label: 'ESMfold' });
    expect(model?.source.location).toBe('Table I');
    expect(await client.modelPage('no-such-model')).toBeNull();
  });

  it('datasetPage: who trains and who evaluates on a dataset', async () => {
    const uniref = await client.datasetPage('uniref');
    expect(uniref?.usedToTrain.nodes.map((m) => m.slug)).toEqual(
      data.models.filter((m) => m.trainedOn.includes('uniref')).map((m) => m.slug),
    );
    const casp = await client.datasetPage('casp14');
    const scores = casp?.evaluations.nodes.map((r) => `${r.model.name} ${r.metric.name} ${r.display}`).sort();
    expect(scores).toEqual(['AlphaFold2 TM Score 0.38', 'ESMfold TM Score 0.68']);
    expect(casp?.evaluations.totalCount).toBe(data.results.filter((r) => r.dataset === 'casp14').length);
  });

  it('citationSupports: reference [84] is ESMfold and is cited in Section III-A', async () => {
    const citation = await client.citationSupports(84);
    expect(citation?.label).toBe('ESMfold');
    expect(citation?.supports).toContainEqual(
      expect.objectContaining({ __typename: 'Model', slug: 'esmfold', name: 'ESMfold' }),
    );
    expect(citation?.mentions.map((m) => m.section)).toContain('Section III-A');
  });

  it('sectorOverview: Bioinformatics with its tasks, models and datasets', async () => {
    const sector = await client.sectorOverview('bioinformatics');
    expect(sector).toMatchObject({ name: 'Bioinformatics', section: 'III-A' });
    expect(sector?.tasks.nodes.map((t) => t.name)).toContain('MSA-free Protein Sequence Prediction');
    expect(sector?.models.nodes.map((m) => m.name)).toEqual(
      expect.arrayContaining(['ESMfold', 'AlphaFold2']),
    );
    expect(sector?.datasets.nodes.map((d) => d.name)).toContain('CASP14');
    expect(sector?.models.totalCount).toBe(
      data.models.filter((m) => m.sectors.includes('bioinformatics')).length,
    );
  });

  it('search: "esm" finds the model and its reference', async () => {
    const hits = await client.search('esm', 10);
    expect(hits[0]).toMatchObject({ __typename: 'Model', slug: 'esmfold' });
    expect(hits).toContainEqual(
      expect.objectContaining({ __typename: 'Citation', number: 84, label: 'ESMfold' }),
    );
  });

  it('request: runs any generated document with typed variables', async () => {
    const { model } = await client.request(ModelPageDocument, { slug: 'sam' });
    expect(model?.parameters).toEqual({ value: 636e6, display: '>636M', bound: 'AT_LEAST' });
  });

  it('request: a missing or mistyped variable, or a misread answer, does not compile', () => {
    const file = path.join(__dirname, 'request-types.ts');
    const withoutDirectives = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => (line.trim().startsWith('// @ts-expect-error') ? '' : line))
      .join('\n');
    expect(typeErrorsOf(file, withoutDirectives)).toEqual([
      'TS2554 line 9: Expected 2 arguments, but got 1.',
      "TS2322 line 11: Type 'number' is not assignable to type 'string'.",
      "TS2322 line 14: Type 'string | undefined' is not assignable to type 'number | undefined'. " +
        "  Type 'string' is not assignable to type 'number'.",
    ]);
  });

  it('rejects a GraphQL error with ClientError and an unreachable server with AtlasUnreachableError', async () => {
    const error = await client
      .request(SearchDocument, { query: 'esm', first: 100_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    const port = await closedPort();
    const offline = createAtlasClient(`http://127.0.0.1:${port}/graphql`);
    const failure = await offline.search('esm').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AtlasUnreachableError);
    expect((failure as Error).message).toBe(
      `cannot reach the lam-atlas API at http://127.0.0.1:${port}/graphql (connect ECONNREFUSED 127.0.0.1:${port})`,
    );
  });

  it('every document of the persisted-documents manifest runs without errors', async () => {
    const variables: Record<string, Record<string, unknown>> = {
      // the playground's variables for the operations that need some (Leaderboard, ...)
      ...EXAMPLE_VARIABLES,
      ModelPage: { slug: 'esmfold' },
      DatasetPage: { slug: 'casp14' },
      CitationSupports: { number: 84 },
      SectorOverview: { slug: 'medical-imaging' },
      Search: { query: 'med' },
    };
    const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
    // the reads: the saved writes run in test/client/curation-client.test.ts, with keys
    for (const document of Object.values(manifest).filter((d) => /(?:^| )query \w/.test(d))) {
      const name = /(?:^| )query (\w+)/.exec(document)?.[1] ?? '';
      const response = await server.client.rawRequest<Record<string, unknown>>(document, variables[name]);
      expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
      // no proposal exists on this server: proposal(id:) finds none
      if (name !== 'Proposal') expect(Object.values(response.data).every((v) => v !== null)).toBe(true);
    }
  });
});
