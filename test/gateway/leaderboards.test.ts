import { EXECUTIONS, inProcessAtScales, measure, queryInProcess } from '../helpers/app';
import { BEATS_BY_TEN_PERCENT } from '../helpers/comparisons';
import { dataOf } from '../helpers/graphql';
import { expectStatementsOfSlices } from '../helpers/slices';

type Named = { name: string };
type Entry = {
  rank: number;
  result: { display: string; model: Named & { citations: { number: number }[] } };
};
type Board = {
  task: Named;
  metric: Named & { higherIsBetter: boolean };
  dataset: Named | null;
  entries: Entry[];
};
const BOARD = `task { name } metric { name higherIsBetter } dataset { name }
  entries { rank result { display model { name citations { number } } } }`;
const ranks = (b: Board | null) => b?.entries.map((e) => [e.rank, e.result.model.name, e.result.display]);

describe.each(EXECUTIONS)('leaderboards, comparisons and mitigations (%s execution)', (execution) => {
  const q = queryInProcess(execution);

  it("ranks a board in its metric's direction, with the models' citations from the literature subgraph", async () => {
    const { weather, esm } = await q.data<{ weather: Board; esm: Board }>(`{
      weather: leaderboard(task: "global-weather-forecast", metric: "rmse", dataset: "era5") { ${BOARD} }
      esm: leaderboard(task: "msa-free-protein-sequence-prediction", metric: "tm-score", dataset: "casp14") { ${BOARD} } }`);
    expect(weather).toMatchObject({
      task: { name: 'Global Weather Forecast' },
      metric: { name: 'RMSE', higherIsBetter: false },
      dataset: { name: 'ERA5' },
    });
    expect(ranks(weather)).toEqual([
      [1, 'Pangu-Weather', '296.7'],
      [2, 'Operational IFS', '333.7'],
    ]);
    expect(ranks(esm)).toEqual([
      [1, 'ESMfold', '0.68'],
      [2, 'AlphaFold2', '0.38'],
    ]);
    expect(esm.entries[0].result.model.citations).toContainEqual({ number: 84 });
  });

  it('lists the sixteen boards of Tables I and II in paper order, the board without a dataset last', async () => {
    const { leaderboards } = await q.data<{ leaderboards: Board[] }>(`{ leaderboards { ${BOARD} } }`);
    expect(leaderboards).toHaveLength(16);
    expect(leaderboards[0].task.name).toBe('MSA-free Protein Sequence Prediction');
    const last = leaderboards[15];
    expect([last.task.name, last.metric.name, last.dataset]).toEqual([
      'United States Medical Licensing Examination',
      'Accuracy',
      null,
    ]);
    expect(ranks(last)).toEqual([[1, 'Med-PaLM 2', 'over 86%']]);
    for (const board of leaderboards) {
      const ordered = board.entries.map((e) => e.rank);
      expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
    }
  });

  it('lists only the boards of the tasks a where selects (Bioinformatics: four boards, in paper order)', async () => {
    type Keys = { task: { slug: string }; metric: { slug: string }; dataset: { slug: string } | null };
    const { leaderboards } = await q.data<{ leaderboards: Keys[] }>(`{
      leaderboards(where: { sector: { slug: { eq: "bioinformatics" } } }) { task { slug } metric { slug } dataset { slug } } }`);
    expect(leaderboards.map((b) => [b.task.slug, b.metric.slug, b.dataset?.slug ?? null])).toEqual([
      ['msa-free-protein-sequence-prediction', 'tm-score', 'casp14'],
      ['rna-structure-prediction', 'f1-score', 'archiveii600'],
      ['gb1-fitness-prediction', 'spearman-score', 'flip-database'],
      ['antibody-structure-prediction', 'tm-score', null],
    ]);
  });

  it('answers "results where the large model beats the prior art by more than 10%" with relativeImprovement', async () => {
    type Comparison = { slug: string; relativeImprovement: number | null; challenger: { model: Named } };
    const { comparisons, esm } = await q.data<{ comparisons: Comparison[]; esm: Comparison }>(
      `{ comparisons { slug relativeImprovement challenger { model { name } } }
         esm: comparison(slug: "esmfold-vs-alphafold2-casp14-tm-score") { slug relativeImprovement challenger { model { name } } } }`,
    );
    expect(esm.relativeImprovement).toBeCloseTo(0.7895, 4);
    expect(esm.challenger.model.name).toBe('ESMfold');
    const pangu = comparisons.find((c) => c.challenger.model.name === 'Pangu-Weather');
    expect(pangu?.relativeImprovement).toBeCloseTo(0.1109, 4);
    expect(comparisons.filter((c) => (c.relativeImprovement ?? 0) > 0.1).map((c) => c.slug)).toEqual(
      BEATS_BY_TEN_PERCENT,
    );
  });

  it('gives every mitigation its risk, from a model across subgraphs too', async () => {
    type Risk = Named & { mitigations: (Named & { risk: Named })[] };
    const { risks, model } = await q.data<{ risks: Risk[]; model: { risks: Risk[] } }>(
      `{ risks { name mitigations { name risk { name } } } model(slug: "chatgpt") { risks { name mitigations { risk { name } } } } }`,
    );
    for (const r of [...risks, ...model.risks])
      for (const m of r.mitigations) expect(m.risk.name).toBe(r.name);
    const privacy = model.risks.find((r) => r.name === 'Privacy');
    expect(privacy?.mitigations).toEqual([{ risk: { name: 'Privacy' } }]);
  });

  it.each([
    ['{ models(filter: { sector: "Medical Imaging" }) { totalCount } }', 'filter.sector', 'medical-imaging'],
    ['{ results(filter: { model: "esm-fold" }) { totalCount } }', 'filter.model', 'esmfold'],
    ['{ datasets(filter: { sector: "public health" }) { totalCount } }', 'filter.sector', 'public-health'],
    [
      '{ leaderboard(task: "global-weather-forecast", metric: "rmse", dataset: "ERA5") { entries { rank } } }',
      'dataset',
      'era5',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the nearest slug', async (query, argument, nearest) => {
    const res = await q(query);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].message).toContain(`the nearest is "${nearest}"`);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument,
      nearest,
      serviceName: 'catalog',
    });
  });
});

describe.each(EXECUTIONS)('leaderboards at ten times the graph (%s execution)', (execution) => {
  const apps = inProcessAtScales(execution, [1, 10]);

  it('cost the same SQL statements and fetches whatever the number of boards', async () => {
    const query = `{ leaderboards { ${BOARD} } }`;
    const [real, tenfold] = apps();
    const small = await measure<{ leaderboards: Board[] }>(real, query);
    const large = await measure<{ leaderboards: Board[] }>(tenfold, query);
    expect(dataOf(large.response).leaderboards.length).toBeGreaterThan(
      dataOf(small.response).leaderboards.length,
    );
    expectStatementsOfSlices(execution, small.sql, { sql: large.sql, data: dataOf(large.response) });
    expect(large.fetches).toBe(small.fetches);
  });
});
