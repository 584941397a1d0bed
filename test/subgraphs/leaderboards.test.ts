import { ResultRecord } from '../../src/data/schema';
import { buildStores } from '../../src/data/seed';
import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR, tempConfig } from '../helpers/app';
import { BEATS_BY_TEN_PERCENT } from '../helpers/comparisons';
import { dataOf } from '../helpers/graphql';
import { DirectSubgraph, directSubgraph, seededSubgraph } from '../helpers/subgraph';

type Entry = { rank: number; result: { slug: string; display: string } };
type Board = {
  task: { slug: string };
  metric: { slug: string };
  dataset: { slug: string } | null;
  entries: Entry[];
};
const BOARD = 'task { slug } metric { slug } dataset { slug } entries { rank result { slug display } }';
const ranked = (board: Board | null) => board?.entries.map((e) => [e.rank, e.result.slug, e.result.display]);

describe('the catalog subgraph, executed directly: comparisons', () => {
  const catalog = seededSubgraph('catalog');

  it('gives each comparison its improvement relative to the baseline, comparable across metrics', async () => {
    type Comparison = { slug: string; improvement: number; relativeImprovement: number | null };
    const { comparisons, esm, none } = dataOf(
      await catalog.run<{ comparisons: Comparison[]; esm: Comparison; none: null }>(
        `{ comparisons { slug improvement relativeImprovement }
           esm: comparison(slug: "esmfold-vs-alphafold2-casp14-tm-score") { slug improvement relativeImprovement }
           none: comparison(slug: "esmfold-vs-nothing") { slug } }`,
      ),
    );
    // 0.38 -> 0.68: 0.3 / 0.38
    expect(esm).toEqual({
      slug: 'esmfold-vs-alphafold2-casp14-tm-score',
      improvement: 0.3,
      relativeImprovement: 0.789473684211,
    });
    expect(none).toBeNull();
    const pangu = comparisons.find((c) => c.slug === 'pangu-weather-vs-operational-ifs-era5-rmse');
    // RMSE 333.7 -> 296.7: 37 in the metric's own units, 11% of the baseline
    expect(pangu).toEqual({ slug: pangu?.slug, improvement: 37, relativeImprovement: 0.110878034162 });
    expect(comparisons.filter((c) => (c.relativeImprovement ?? 0) > 0.1).map((c) => c.slug)).toEqual(
      BEATS_BY_TEN_PERCENT,
    );
    // in the metric's own units, "> 10" would keep Pangu-Weather's 37 and drop ESMfold's 0.3
    expect(comparisons.filter((c) => c.improvement > 10).map((c) => c.slug)).not.toContain(esm.slug);
  });
});

describe('the catalog subgraph, executed directly: leaderboards', () => {
  const catalog = seededSubgraph('catalog');

  it('ranks one board best first in its metric direction: RMSE low first', async () => {
    const res = await catalog.run<{
      era5: Board;
      usmle: Board;
      noDataset: Board;
      none: null;
      noRmse: null;
    }>(`{
      era5: leaderboard(task: "global-weather-forecast", metric: "rmse", dataset: "era5") { ${BOARD} }
      usmle: leaderboard(task: "united-states-medical-licensing-examination", metric: "accuracy", dataset: "usmle-sample-exam") { ${BOARD} }
      noDataset: leaderboard(task: "united-states-medical-licensing-examination", metric: "accuracy") { ${BOARD} }
      none: leaderboard(task: "global-weather-forecast", metric: "accuracy") { entries { rank } }
      noRmse: leaderboard(task: "global-weather-forecast", metric: "rmse") { entries { rank } } }`);
    const { era5, usmle, noDataset, none, noRmse } = dataOf(res);
    expect(era5).toMatchObject({
      task: { slug: 'global-weather-forecast' },
      metric: { slug: 'rmse' },
      dataset: { slug: 'era5' },
    });
    expect(ranked(era5)).toEqual([
      [1, 'pangu-weather-era5-rmse', '296.7'],
      [2, 'operational-ifs-era5-rmse', '333.7'],
    ]);
    expect(ranked(usmle)).toEqual([
      [1, 'gpt-4-usmle-sample-exam-accuracy', '86.7%'],
      [2, 'gpt-3-5-usmle-sample-exam-accuracy', '58.8%'],
    ]);
    // without a dataset: the board of the results that name none (Section III-E's "over 86%")
    expect(noDataset.dataset).toBeNull();
    expect(ranked(noDataset)).toEqual([[1, 'med-palm-2-usmle-accuracy', 'over 86%']]);
    // known slugs, no result: null; ERA5's RMSE results all name their dataset
    expect(none).toBeNull();
    expect(noRmse).toBeNull();
  });

  it('lists every (task, metric, dataset) with results, in paper order, in one statement', async () => {
    const res = await catalog.run<{ leaderboards: Board[] }>(`{ leaderboards { ${BOARD} } }`);
    const boards = dataOf(res).leaderboards;
    expect(boards.map((b) => [b.task.slug, b.metric.slug, b.dataset?.slug ?? null])).toEqual([
      ['msa-free-protein-sequence-prediction', 'tm-score', 'casp14'],
      ['rna-structure-prediction', 'f1-score', 'archiveii600'],
      ['gb1-fitness-prediction', 'spearman-score', 'flip-database'],
      ['electrocardiogram-based-diagnosis', 'auroc', 'morningside-hospital-data'],
      ['zero-shot-medical-segmentation', 'dice', 'isic-2018'],
      ['medical-segmentation', 'dice', 'totalsegmentator'],
      ['medical-question-answering', 'accuracy', 'medqa'],
      ['clinical-concept-extraction', 'f1-score', '2018-n2c2'],
      ['united-states-medical-licensing-examination', 'accuracy', 'usmle-sample-exam'],
      ['global-weather-forecast', 'rmse', 'era5'],
      ['endoscopic-video-analysis', 'f1-score', 'polypdiag'],
      ['endoscopic-video-analysis', 'dice', 'cvc-12k'],
      ['endoscopic-video-analysis', 'f1-score', 'kumc'],
      ['antibody-structure-prediction', 'tm-score', null],
      ['zero-shot-medical-image-classification', 'accuracy', null],
      ['united-states-medical-licensing-examination', 'accuracy', null],
    ]);
    expect(ranked(boards[3])).toEqual([
      [1, 'heartbeit-morningside-hospital-data-auroc-1', '0.93'],
      [2, 'efficientnet-b4-morningside-hospital-data-auroc-1', '0.92'],
      [3, 'heartbeit-morningside-hospital-data-auroc-2', '0.80'],
      [4, 'efficientnet-b4-morningside-hospital-data-auroc-2', '0.77'],
    ]);
    expect(ranked(boards[0])).toEqual([
      [1, 'esmfold-casp14-tm-score', '0.68'],
      [2, 'alphafold2-casp14-tm-score', '0.38'],
    ]);
    // one ranking statement, then one per loader (tasks, metrics, datasets, results)
    expect(res.sql).toBe(5);
    expect((await catalog.run('{ leaderboards { entries { rank } } }')).sql).toBe(1);
  });
});

describe('the catalog subgraph, executed directly: unknown slugs', () => {
  const catalog = seededSubgraph('catalog');

  it.each([
    [
      'models(filter: { sector: "Medical Imaging" }) { totalCount }',
      'filter.sector',
      'Medical Imaging',
      'medical-imaging',
    ],
    [
      'datasets(filter: { sector: "bioinformatic" }) { totalCount }',
      'filter.sector',
      'bioinformatic',
      'bioinformatics',
    ],
    ['results(filter: { model: "esm-fold" }) { totalCount }', 'filter.model', 'esm-fold', 'esmfold'],
    [
      'results(filter: { metric: "TM-Score", task: "rna-structure-prediction" }) { totalCount }',
      'filter.metric',
      'TM-Score',
      'tm-score',
    ],
    ['results(filter: { dataset: "ERA-5" }) { totalCount }', 'filter.dataset', 'ERA-5', 'era5'],
    [
      'results(filter: { task: "global-weather-forcast" }) { totalCount }',
      'filter.task',
      'global-weather-forcast',
      'global-weather-forecast',
    ],
    [
      'leaderboard(task: "global-weather-forecast", metric: "RMSE", dataset: "era5") { entries { rank } }',
      'metric',
      'RMSE',
      'rmse',
    ],
    [
      'leaderboard(task: "weather", metric: "rmse") { entries { rank } }',
      'task',
      'weather',
      'global-weather-forecast',
    ],
    [
      'leaderboard(task: "global-weather-forecast", metric: "rmse", dataset: "casp-14") { entries { rank } }',
      'dataset',
      'casp-14',
      'casp14',
    ],
  ])('%s is BAD_USER_INPUT naming the slug and the nearest one', async (field, argument, slug, nearest) => {
    const res = await catalog.run(`{ ${field} }`);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].message).toContain(`"${slug}"`);
    expect(res.errors?.[0].message).toContain(`the nearest is "${nearest}"`);
    expect(res.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument, slug, nearest });
  });

  it('checks every slug of a request in one statement', async () => {
    const plain = await catalog.run<{ results: { totalCount: number } }>('{ results { nodes { value } } }');
    const filtered = await catalog.run<{ results: { nodes: { value: number }[] } }>(
      `{ results(filter: { model: "pangu-weather", task: "global-weather-forecast", dataset: "era5", metric: "rmse" }) { nodes { value } } }`,
    );
    expect(dataOf(filtered).results.nodes).toEqual([{ value: 296.7 }]);
    expect(filtered.sql).toBe(plain.sql + 1);
    const sectors = await catalog.run<{ models: { totalCount: number }; datasets: { totalCount: number } }>(
      `{ models(filter: { sector: "medical-imaging" }) { totalCount } datasets(filter: { sector: "medical-imaging" }) { totalCount } }`,
    );
    expect(dataOf(sectors).models.totalCount).toBeGreaterThan(0);
    // the sector slug is looked up once for both lists, then a page and a count each
    expect(sectors.sql).toBe(5);
  });
});

/** A result on a board of data/, made up to test ranks: the rank rule for bounds and ties. */
const extra = (
  base: ResultRecord,
  slug: string,
  model: string,
  value: number,
  bound: 'EXACT' | 'AT_LEAST',
): ResultRecord => ({
  ...base,
  slug,
  model,
  value,
  display: bound === 'AT_LEAST' ? `over ${value}%` : `${value}%`,
  bound,
  setting: null,
  citations: [],
});

describe('the catalog subgraph, executed directly: how bounds and ties rank', () => {
  let catalog: DirectSubgraph | undefined;
  beforeAll(async () => {
    const data = loadSurveyData(DATA_DIR);
    const usmle = data.results.find((r) => r.slug === 'med-palm-2-usmle-accuracy')!;
    const rmse = data.results.find((r) => r.slug === 'pangu-weather-era5-rmse')!;
    // beside Med-PaLM 2's "over 86%" (no dataset): an exact 86, an exact 85.9, another bound at 86, an exact 90
    data.results.push(
      extra(usmle, 'gpt-4-usmle-86', 'gpt-4', 86, 'EXACT'),
      extra(usmle, 'gpt-3-5-usmle-85-9', 'gpt-3-5', 85.9, 'EXACT'),
      extra(usmle, 'chatgpt-usmle-over-86', 'chatgpt', 86, 'AT_LEAST'),
      extra(usmle, 'med-palm-usmle-90', 'med-palm', 90, 'EXACT'),
      // on ERA5's RMSE (lower is better): a tie with Pangu-Weather's 296.7, and a bound at 100
      extra(rmse, 'operational-ifs-era5-tie', 'operational-ifs', 296.7, 'EXACT'),
      extra(rmse, 'pangu-weather-era5-bound', 'pangu-weather', 100, 'AT_LEAST'),
    );
    const config = tempConfig();
    await buildStores(config, data);
    catalog = await directSubgraph(config, 'catalog');
  });
  afterAll(() => catalog?.close());

  it('never ranks a bound above an exact value it is not shown to beat; equal values share a rank', async () => {
    const res = await catalog!.run<{ usmle: Board; era5: Board }>(`{
      usmle: leaderboard(task: "united-states-medical-licensing-examination", metric: "accuracy") { ${BOARD} }
      era5: leaderboard(task: "global-weather-forecast", metric: "rmse", dataset: "era5") { ${BOARD} } }`);
    const { usmle, era5 } = dataOf(res);
    // higher is better: ">86" beats 85.9 but not an exact 86; two bounds at 86 tie (1, 2, 3, 3, 5)
    expect(ranked(usmle)).toEqual([
      [1, 'med-palm-usmle-90', '90%'],
      [2, 'gpt-4-usmle-86', '86%'],
      [3, 'med-palm-2-usmle-accuracy', 'over 86%'],
      [3, 'chatgpt-usmle-over-86', 'over 86%'],
      [5, 'gpt-3-5-usmle-85-9', '85.9%'],
    ]);
    // lower is better: a lower bound is not shown to beat anything, so it ranks last; a tie shares 1
    expect(ranked(era5)).toEqual([
      [1, 'pangu-weather-era5-rmse', '296.7'],
      [1, 'operational-ifs-era5-tie', '296.7%'],
      [3, 'operational-ifs-era5-rmse', '333.7'],
      [4, 'pangu-weather-era5-bound', 'over 100%'],
    ]);
  });
});
