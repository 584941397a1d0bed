import { EXECUTIONS, queryInProcess } from '../helpers/app';

describe.each(EXECUTIONS)('%s execution', (execution) => {
  const q = queryInProcess(execution);

  describe("the gateway in one process, over the paper's data", () => {
    it('answers the nested model query with the numbers of Table I and references from all three subgraphs', async () => {
      const res =
        await q(`{ models(first: 100) { totalCount nodes { slug name type parameters { value display bound } access
        results { value display metric { name higherIsBetter } dataset { name access } task { name sector { name } } }
        citations { number label } risks { name } } } }`);
      expect(res.errors).toBeUndefined();
      const models = res.data.models.nodes as any[];
      expect(res.data.models.totalCount).toBe(models.length);
      const esm = models.find((m) => m.slug === 'esmfold');
      expect(esm).toMatchObject({
        type: 'LLM',
        parameters: { value: 15e9, display: '15B', bound: 'EXACT' },
        access: 'OPEN',
      });
      expect(esm.results).toEqual([
        expect.objectContaining({
          value: 0.68,
          display: '0.68',
          metric: { name: expect.stringMatching(/TM/), higherIsBetter: true },
          dataset: expect.objectContaining({ name: 'CASP14' }),
        }),
      ]);
      expect(esm.results[0].task.sector.name).toBe('Bioinformatics');
      expect(esm.citations).toContainEqual({ number: 84, label: 'ESMfold' });
      const sam = models.find((m) => m.slug === 'sam');
      expect(sam.parameters).toEqual({ value: 636e6, display: '>636M', bound: 'AT_LEAST' });
      const rnafm = models.find((m) => m.slug === 'rna-fm');
      expect(rnafm.parameters).toEqual({ value: null, display: 'N/R', bound: 'NOT_REPORTED' });
      expect(models.find((m) => m.slug === 'gpt-3').risks.map((r: any) => r.name)).toContain(
        'Sustainability',
      );
      expect(models.find((m) => m.slug === 'xtrimopglm').access).toBe('CLOSED');
    });

    it('computes improvements signed so that positive is better, RMSE included', async () => {
      const res = await q(
        `{ comparisons { task { slug } metric { slug higherIsBetter } dataset { slug } baseline { model { slug } value } challenger { model { slug } value } improvement } }`,
      );
      expect(res.errors).toBeUndefined();
      const bySlugs = (b: string, c: string) =>
        res.data.comparisons.find((x: any) => x.baseline.model.slug === b && x.challenger.model.slug === c);
      expect(bySlugs('alphafold2', 'esmfold')).toMatchObject({
        metric: { slug: 'tm-score' },
        improvement: 0.3,
      });
      const weather = bySlugs('operational-ifs', 'pangu-weather');
      expect(weather).toMatchObject({
        metric: { slug: 'rmse', higherIsBetter: false },
        baseline: { value: 333.7 },
        challenger: { value: 296.7 },
        improvement: 37,
      });
      for (const c of res.data.comparisons) {
        const raw = c.challenger.value - c.baseline.value;
        expect(c.improvement).toBeCloseTo(c.metric.higherIsBetter ? raw : -raw, 9);
      }
    });

    it('returns null for unknown slugs and numbers, never an error', async () => {
      const res =
        await q(`{ model(slug: "nope") { id } dataset(slug: "nope") { id } task(slug: "x") { id } sector(slug: "x") { id }
        metric(slug: "x") { id } risk(slug: "x") { id } citation(number: 999) { id } }`);
      expect(res.errors).toBeUndefined();
      expect(Object.values(res.data).every((v) => v === null)).toBe(true);
    });

    it('filters models by the access of their training data, type, sector, size and name', async () => {
      const all = await q(
        `{ models(first: 500) { nodes { slug type access parameters { value } trainedOn { access } } } }`,
      );
      const models = all.data.models.nodes as any[];
      const closedData = await q(
        `{ models(first: 500, filter: { trainedOnAccess: [CLOSED, ON_APPROVAL] }) { totalCount nodes { slug } } }`,
      );
      const expected = models
        .filter((m) => m.trainedOn.some((d: any) => ['CLOSED', 'ON_APPROVAL'].includes(d.access)))
        .map((m) => m.slug);
      expect(closedData.data.models.nodes.map((m: any) => m.slug)).toEqual(expected);
      expect(closedData.data.models.totalCount).toBe(expected.length);

      const lvm = await q(`{ models(first: 500, filter: { type: [LVM] }) { nodes { slug type } } }`);
      expect(lvm.data.models.nodes.map((m: any) => m.slug)).toEqual(
        models.filter((m) => m.type === 'LVM').map((m) => m.slug),
      );
      expect(lvm.data.models.nodes.map((m: any) => m.slug)).toEqual(
        expect.arrayContaining(['sam', 'heartbeit', 'stu-net', 'pangu-weather', 'endo-fm']),
      );

      const big = await q(
        `{ models(first: 500, filter: { minParameters: 1e11 }) { nodes { slug parameters { value } } } }`,
      );
      expect(big.data.models.nodes.map((m: any) => m.slug)).toEqual(
        expect.arrayContaining(['xtrimopglm', 'gpt-3-5']),
      );
      expect(big.data.models.nodes.every((m: any) => m.parameters.value >= 1e11)).toBe(true);

      const search = await q(`{ models(filter: { search: "esmFOLD" }) { nodes { slug } } }`);
      expect(search.data.models.nodes.map((m: any) => m.slug)).toEqual(['esmfold']);

      const sector = await q(
        `{ models(first: 500, filter: { sector: "public-health" }) { nodes { slug } } }`,
      );
      expect(sector.data.models.nodes.map((m: any) => m.slug)).toEqual(
        expect.arrayContaining(['operational-ifs', 'pangu-weather']),
      );
    });

    it('orders models by size and by name, with unreported sizes last', async () => {
      const desc = await q(
        `{ models(first: 500, orderBy: { field: PARAMETERS, direction: DESC }) { nodes { parameters { value } } } }`,
      );
      const values = desc.data.models.nodes.map((m: any) => m.parameters.value);
      const reported = values.filter((v: number | null) => v !== null);
      expect(reported).toEqual([...reported].sort((a, b) => b - a));
      expect(values.slice(reported.length).every((v: unknown) => v === null)).toBe(true);
      const byName = await q(
        `{ models(first: 500, orderBy: { field: NAME, direction: ASC }) { nodes { name } } }`,
      );
      const names = byName.data.models.nodes.map((m: any) => m.name.toLowerCase());
      expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('filters datasets by access, modality and sector, and results by model', async () => {
      const restricted = await q(
        `{ datasets(first: 500, filter: { access: [CLOSED, ON_APPROVAL] }) { nodes { slug access } } }`,
      );
      expect(restricted.data.datasets.nodes.map((d: any) => d.slug)).toEqual(
        expect.arrayContaining([
          'mount-sinai-ecg-data',
          'uf-health-idr-clinical-note-database',
          'clinical-practice-research-datalink',
        ]),
      );
      expect(
        restricted.data.datasets.nodes.find((d: any) => d.slug === 'clinical-practice-research-datalink')
          .access,
      ).toBe('ON_APPROVAL');
      const ecg = await q(`{ datasets(filter: { modality: "ecg" }) { nodes { slug modalities } } }`);
      expect(ecg.data.datasets.nodes.map((d: any) => d.slug)).toContain('mount-sinai-ecg-data');
      const results = await q(
        `{ results(filter: { model: "endo-fm" }) { totalCount nodes { display setting dataset { slug } metric { slug } } } }`,
      );
      expect(results.data.results.nodes.map((r: any) => [r.dataset.slug, r.metric.slug, r.display])).toEqual([
        ['polypdiag', 'f1-score', '90.7%'],
        ['cvc-12k', 'dice', '73.9%'],
        ['kumc', 'f1-score', '84.1%'],
      ]);
    });

    it('serves the audits, the uncited entities computed across subgraphs', async () => {
      const res =
        await q(`{ audits { datasetsWithoutOpenAccess { slug access } closedModels { slug access } modelsWithUnreportedSize { slug parameters { bound } }
        resultsOnRestrictedDatasets { dataset { access } } risksWithoutMitigation { slug mitigations { name } }
        uncitedEntities { __typename id ... on Model { slug citations { number } } } } }`);
      expect(res.errors).toBeUndefined();
      const a = res.data.audits;
      expect(a.datasetsWithoutOpenAccess.length).toBeGreaterThan(0);
      expect(a.datasetsWithoutOpenAccess.every((d: any) => d.access !== 'OPEN')).toBe(true);
      expect(a.closedModels.every((m: any) => m.access !== 'OPEN')).toBe(true);
      expect(a.closedModels.map((m: any) => m.slug)).toEqual(
        expect.arrayContaining(['gpt-4', 'med-palm-2', 'operational-ifs']),
      );
      expect(a.modelsWithUnreportedSize.map((m: any) => m.slug)).toEqual(
        expect.arrayContaining(['rna-fm', 'med-palm-2', 'gpt-4']),
      );
      expect(a.resultsOnRestrictedDatasets.every((r: any) => r.dataset.access !== 'OPEN')).toBe(true);
      expect(a.risksWithoutMitigation.every((r: any) => r.mitigations.length === 0)).toBe(true);
      expect(a.uncitedEntities.length).toBeGreaterThan(0);
      const uncitedModels = a.uncitedEntities.filter((e: any) => e.__typename === 'Model');
      expect(uncitedModels.every((m: any) => m.citations.length === 0)).toBe(true);
      expect(uncitedModels.map((m: any) => m.slug)).not.toContain('esmfold');
    });

    it('searches every type case-insensitively, exact names first', async () => {
      const res = await q(
        `{ search(query: "sam") { __typename ... on Model { slug name } ... on Citation { number } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.search[0]).toMatchObject({ __typename: 'Model', slug: 'sam' });
      const risk = await q(`{ search(query: "PRIVACY") { __typename ... on Risk { slug } } }`);
      expect(risk.data.search[0]).toEqual({ __typename: 'Risk', slug: 'privacy' });
      const sector = await q(`{ search(query: "robotics", first: 5) { __typename ... on Sector { slug } } }`);
      expect(sector.data.search).toContainEqual({ __typename: 'Sector', slug: 'medical-robotics' });
      const alias = await q(`{ search(query: "cprd") { __typename ... on Dataset { slug } } }`);
      expect(alias.data.search[0]).toEqual({
        __typename: 'Dataset',
        slug: 'clinical-practice-research-datalink',
      });
      const empty = await q(`{ search(query: "   ") { __typename } }`);
      expect(empty.errors?.[0].message).toMatch(/must not be empty/);
    });

    it('traverses citations in both directions', async () => {
      const res = await q(
        `{ citation(number: 84) { label mentions { section sentence } supports { __typename ... on Model { slug citations { number } } } } }`,
      );
      expect(res.data.citation.label).toBe('ESMfold');
      expect(res.data.citation.mentions[0]).toMatchObject({
        section: 'Section III-A',
        sentence: expect.stringContaining('0.68 vs 0.38'),
      });
      expect(res.data.citation.supports).toContainEqual({
        __typename: 'Model',
        slug: 'esmfold',
        citations: expect.arrayContaining([{ number: 84 }]),
      });
      const sector = await q(`{ sector(slug: "bioinformatics") { citations { number } } }`);
      expect(sector.data.sector.citations.map((c: any) => c.number)).toEqual(
        expect.arrayContaining([78, 84, 87, 89]),
      );
      const filtered = await q(`{ citations(filter: { section: "V-B" }) { nodes { number } } }`);
      expect(filtered.data.citations.nodes.map((c: any) => c.number)).toEqual(
        expect.arrayContaining([189, 190, 191]),
      );
      const all = await q(
        `{ citations { totalCount } supporting: citations(filter: { supportsSomething: true }) { totalCount nodes { supports { __typename } } } }`,
      );
      expect(all.data.citations.totalCount).toBe(191);
      expect(all.data.supporting.nodes.every((c: any) => c.supports.length > 0)).toBe(true);
    });
  });
});
