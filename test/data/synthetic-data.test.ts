import { InProcessApp, createInProcessApp } from '../../src/app/in-process';
import { buildStores } from '../../src/data/seed';
import { readPaper } from '../../src/data/paper';
import type { SurveyData } from '../../src/data/schema';
import {
  CITATIONS_PER_COPY,
  RESULTS_PER_COPY,
  scaleSurveyData,
  SYNTHETIC_NOTE,
} from '../../src/data/synthetic';
import { DataValidationError, loadSurveyData, validateSurveyData } from '../../src/data/validate';
import { DATA_DIR, gatewayQuery, tempConfig } from '../helpers/app';
import { dataOf } from '../helpers/graphql';
import * as match from '../helpers/match';

const SCALE = 3;
let real: SurveyData;
let scaled: SurveyData;
let paper: string;
beforeAll(() => {
  real = loadSurveyData(DATA_DIR);
  scaled = scaleSurveyData(real, SCALE);
  paper = readPaper(DATA_DIR);
});

const KINDS = ['tasks', 'datasets', 'models', 'comparisons', 'risks'] as const;

describe('the synthetic graph', () => {
  it("has the issue's proportions: per copy every entity, 1000 results and 100 references", () => {
    for (const kind of KINDS) expect(scaled[kind]).toHaveLength(real[kind].length * SCALE);
    expect(scaled.results).toHaveLength(real.results.length + (SCALE - 1) * RESULTS_PER_COPY);
    expect(scaled.citations).toHaveLength(real.citations.length + (SCALE - 1) * CITATIONS_PER_COPY);
    expect(scaled.sectors).toEqual(real.sectors);
    expect(scaled.metrics).toEqual(real.metrics);
    // so that scale 1000 is about 80k models, 1M results and 100k references
    expect(real.models.length * 1000).toBeGreaterThan(70_000);
    expect(RESULTS_PER_COPY * 999).toBeGreaterThan(990_000);
    expect(CITATIONS_PER_COPY * 999).toBeGreaterThan(99_000);
  });

  it('keeps copy 0 as the real data, unchanged, and marks every other record as synthetic', () => {
    for (const kind of [...KINDS, 'results', 'citations'] as const) {
      const rows = scaled[kind] as { notes?: string }[];
      expect(rows.slice(0, real[kind].length)).toEqual(real[kind]);
      expect(rows.slice(real[kind].length).every((r) => r.notes === SYNTHETIC_NOTE)).toBe(true);
    }
    expect(scaleSurveyData(real, 1)).toEqual(real);
  });

  it('passes the checks of data/: shapes, unique keys, references, citation numbers 1..n, quotes', () => {
    expect(() => validateSurveyData(scaled, scaled.citations.length, paper)).not.toThrow();
    expect(() => validateSurveyData(real, real.citations.length, paper)).not.toThrow();
  });

  it('fails those checks when a reference does not resolve or a number is taken twice', () => {
    const broken = {
      ...scaled,
      results: scaled.results.map((r, i) =>
        i === scaled.results.length - 1 ? { ...r, model: 'no-such-model' } : r,
      ),
    };
    expect(() => validateSurveyData(broken, scaled.citations.length, paper)).toThrow(
      /unknown model "no-such-model"/,
    );
    const twice = { ...scaled, citations: [...scaled.citations.slice(0, -1), { ...scaled.citations[0] }] };
    expect(() => validateSurveyData(twice, scaled.citations.length, paper)).toThrow(DataValidationError);
  });

  it('tells its results apart: no two share model, task, dataset, metric and setting', () => {
    const keys = scaled.results.map((r) => [r.model, r.task, r.dataset, r.metric, r.setting].join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    const synthetic = scaled.results.slice(real.results.length + (SCALE - 1) * real.results.length);
    expect(new Set(synthetic.map((r) => r.model)).size).toBeGreaterThan(real.models.length);
    expect(new Set(synthetic.map((r) => r.metric))).toEqual(new Set(real.metrics.map((m) => m.slug)));
  });

  it('gives every added reference a mention in an existing section and an entity it supports', () => {
    const sections = new Set(real.citations.flatMap((c) => c.mentions.map((m) => m.section)));
    const cited = new Set(scaled.results.flatMap((r) => r.citations));
    for (const c of scaled.citations.slice(real.citations.length)) {
      expect(c.mentions.length).toBeGreaterThan(0);
      expect(
        c.mentions.every((m) => sections.has(m.section) && paper.includes(m.sentence.slice(0, 40))),
      ).toBe(true);
      expect(cited.has(c.number)).toBe(true);
    }
  });

  it('is the same graph every time', () => {
    expect(scaleSurveyData(real, SCALE)).toEqual(scaled);
  });
});

describe('the stores built from it', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    const config = tempConfig();
    await buildStores(config, scaled);
    app = await createInProcessApp(config);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serve every model, result and reference, linked across the subgraphs', async () => {
    const added = scaled.citations[scaled.citations.length - 1].number;
    type Counts = { models: { totalCount: number }; citations: { totalCount: number } };
    const res = await gatewayQuery<Counts & { citation: { supports: unknown[] } }>(
      app,
      `{ models(first: 1) { totalCount } citations(first: 1) { totalCount }
         citation(number: ${added}) { number notes mentions { section } supports { __typename ... on Result { setting notes model { name } } } } }`,
    );
    const data = dataOf(res);
    expect(data.models.totalCount).toBe(scaled.models.length);
    expect(data.citations.totalCount).toBe(scaled.citations.length);
    const citation = data.citation;
    expect(citation).toMatchObject({ number: added, notes: SYNTHETIC_NOTE });
    expect(citation.supports).toEqual([
      {
        __typename: 'Result',
        setting: match.stringMatching(/^synthetic run \d+$/),
        notes: SYNTHETIC_NOTE,
        model: { name: match.stringMatching(/\(copy 2\)$/) },
      },
    ]);
  });

  it('counts each filtered list on its own, the second time as the first', async () => {
    const count = async (metric: string | null) => {
      const filter = metric ? `, filter: { metric: "${metric}" }` : '';
      const res = await gatewayQuery<{ results: { totalCount: number } }>(
        app,
        `{ results(first: 1${filter}) { totalCount } }`,
      );
      return dataOf(res).results.totalCount;
    };
    for (let round = 0; round < 2; round++) {
      expect(await count(null)).toBe(scaled.results.length);
      for (const metric of ['f1-score', 'rmse'])
        expect(await count(metric)).toBe(scaled.results.filter((r) => r.metric === metric).length);
    }
  });
});
