import { EXECUTIONS, queryInProcess } from '../helpers/app';
import { bySlug, Page } from '../helpers/graphql';
import * as match from '../helpers/match';

type Slugged = { slug: string };
type Named = { name: string };
type Numbered = { number: number };

describe.each(EXECUTIONS)('%s execution', (execution) => {
  const q = queryInProcess(execution);

  describe("the gateway in one process, over the paper's data", () => {
    it('answers the nested model query with the numbers of Table I and references from all three subgraphs', async () => {
      type Result = { value: number; display: string; task: { name: string; sector: Named } };
      type Model = Slugged & {
        parameters: { value: number | null; display: string; bound: string };
        access: string;
        results: Result[];
        citations: (Numbered & { label: string | null })[];
        risks: Named[];
      };
      const { models } = await q.data<{ models: Page<Model> }>(
        `{ models(first: 100) { totalCount nodes { slug name type parameters { value display bound } access
        results { value display metric { name higherIsBetter } dataset { name access } task { name sector { name } } }
        citations { number label } risks { name } } } }`,
      );
      // the paper's models and the companion list's: the first page holds those of Table I
      expect([models.totalCount, models.nodes.length]).toEqual([182, 100]);
      const esm = bySlug(models.nodes, 'esmfold');
      expect(esm).toMatchObject({
        type: 'LLM',
        parameters: { value: 15e9, display: '15B', bound: 'EXACT' },
        access: 'OPEN',
      });
      expect(esm.results).toEqual([
        match.objectContaining({
          value: 0.68,
          display: '0.68',
          metric: { name: match.stringMatching(/TM/), higherIsBetter: true },
          dataset: match.objectContaining({ name: 'CASP14' }),
        }),
      ]);
      expect(esm.results[0].task.sector.name).toBe('Bioinformatics');
      expect(esm.citations).toContainEqual({ number: 84, label: 'ESMfold' });
      expect(bySlug(models.nodes, 'sam').parameters).toEqual({
        value: 636e6,
        display: '>636M',
        bound: 'AT_LEAST',
      });
      expect(bySlug(models.nodes, 'rna-fm').parameters).toEqual({
        value: null,
        display: 'N/R',
        bound: 'NOT_REPORTED',
      });
      expect(bySlug(models.nodes, 'gpt-3').risks.map((r) => r.name)).toContain('Sustainability');
      expect(bySlug(models.nodes, 'xtrimopglm').access).toBe('CLOSED');
    });

    it('computes improvements signed so that positive is better, RMSE included', async () => {
      type Side = { model: Slugged; value: number };
      type Comparison = {
        metric: Slugged & { higherIsBetter: boolean };
        baseline: Side;
        challenger: Side;
        improvement: number;
      };
      const { comparisons } = await q.data<{ comparisons: Comparison[] }>(
        `{ comparisons { task { slug } metric { slug higherIsBetter } dataset { slug } baseline { model { slug } value } challenger { model { slug } value } improvement } }`,
      );
      const bySlugs = (b: string, c: string) =>
        comparisons.find((x) => x.baseline.model.slug === b && x.challenger.model.slug === c);
      expect(bySlugs('alphafold2', 'esmfold')).toMatchObject({
        metric: { slug: 'tm-score' },
        improvement: 0.3,
      });
      expect(bySlugs('operational-ifs', 'pangu-weather')).toMatchObject({
        metric: { slug: 'rmse', higherIsBetter: false },
        baseline: { value: 333.7 },
        challenger: { value: 296.7 },
        improvement: 37,
      });
      for (const c of comparisons) {
        const raw = c.challenger.value - c.baseline.value;
        expect(c.improvement).toBeCloseTo(c.metric.higherIsBetter ? raw : -raw, 9);
      }
    });

    it('returns null for unknown slugs and numbers, never an error', async () => {
      const data = await q.data<Record<string, unknown>>(
        `{ model(slug: "nope") { id } dataset(slug: "nope") { id } task(slug: "x") { id } sector(slug: "x") { id }
        metric(slug: "x") { id } risk(slug: "x") { id } citation(number: 999) { id } }`,
      );
      expect(data).toEqual({
        model: null,
        dataset: null,
        task: null,
        sector: null,
        metric: null,
        risk: null,
        citation: null,
      });
    });

    it('filters models by the access of their training data, type, sector, size and name', async () => {
      type Model = Slugged & { type: string | null; trainedOn: { access: string }[] };
      const slugs = async (query: string) =>
        (await q.data<{ models: Page<Slugged> }>(query)).models.nodes.map((m) => m.slug);
      const all = await q.data<{ models: Page<Model> }>(
        `{ models(first: 500) { nodes { slug type access parameters { value } trainedOn { access } } } }`,
      );
      const models = all.models.nodes;
      const closedData = await q.data<{ models: Page<Slugged> }>(
        `{ models(first: 500, filter: { trainedOnAccess: [CLOSED, ON_APPROVAL] }) { totalCount nodes { slug } } }`,
      );
      const expected = models
        .filter((m) => m.trainedOn.some((d) => ['CLOSED', 'ON_APPROVAL'].includes(d.access)))
        .map((m) => m.slug);
      expect(closedData.models.nodes.map((m) => m.slug)).toEqual(expected);
      expect(closedData.models.totalCount).toBe(expected.length);

      const lvm = await slugs(`{ models(first: 500, filter: { type: [LVM] }) { nodes { slug type } } }`);
      expect(lvm).toEqual(models.filter((m) => m.type === 'LVM').map((m) => m.slug));
      expect(lvm).toEqual(
        expect.arrayContaining(['sam', 'heartbeit', 'stu-net', 'pangu-weather', 'endo-fm']),
      );

      const big = await q.data<{ models: Page<Slugged & { parameters: { value: number } }> }>(
        `{ models(first: 500, filter: { minParameters: 1e11 }) { nodes { slug parameters { value } } } }`,
      );
      expect(big.models.nodes.map((m) => m.slug)).toEqual(expect.arrayContaining(['xtrimopglm', 'gpt-3-5']));
      expect(big.models.nodes.every((m) => m.parameters.value >= 1e11)).toBe(true);

      expect(await slugs(`{ models(filter: { search: "esmFOLD" }) { nodes { slug } } }`)).toEqual([
        'esmfold',
      ]);
      expect(
        await slugs(`{ models(first: 500, filter: { sector: "public-health" }) { nodes { slug } } }`),
      ).toEqual(expect.arrayContaining(['operational-ifs', 'pangu-weather']));
    });

    it('orders models by size and by name, with unreported sizes last', async () => {
      const desc = await q.data<{ models: Page<{ parameters: { value: number | null } }> }>(
        `{ models(first: 500, orderBy: { field: PARAMETERS, direction: DESC }) { nodes { parameters { value } } } }`,
      );
      const values = desc.models.nodes.map((m) => m.parameters.value);
      const reported = values.filter((v): v is number => v !== null);
      expect(reported).toEqual([...reported].sort((a, b) => b - a));
      expect(values.slice(reported.length).every((v) => v === null)).toBe(true);
      const byName = await q.data<{ models: Page<Named> }>(
        `{ models(first: 500, orderBy: { field: NAME, direction: ASC }) { nodes { name } } }`,
      );
      const names = byName.models.nodes.map((m) => m.name.toLowerCase());
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('filters datasets by access, modality and sector, and results by model', async () => {
      const restricted = await q.data<{ datasets: Page<Slugged & { access: string }> }>(
        `{ datasets(first: 500, filter: { access: [CLOSED, ON_APPROVAL] }) { nodes { slug access } } }`,
      );
      expect(restricted.datasets.nodes.map((d) => d.slug)).toEqual(
        expect.arrayContaining([
          'mount-sinai-ecg-data',
          'uf-health-idr-clinical-note-database',
          'clinical-practice-research-datalink',
        ]),
      );
      expect(bySlug(restricted.datasets.nodes, 'clinical-practice-research-datalink').access).toBe(
        'ON_APPROVAL',
      );
      const ecg = await q.data<{ datasets: Page<Slugged> }>(
        `{ datasets(filter: { modality: "ecg" }) { nodes { slug modalities } } }`,
      );
      expect(ecg.datasets.nodes.map((d) => d.slug)).toContain('mount-sinai-ecg-data');
      type Result = { display: string; dataset: Slugged; metric: Slugged };
      const { results } = await q.data<{ results: Page<Result> }>(
        `{ results(filter: { model: "endo-fm" }) { totalCount nodes { display setting dataset { slug } metric { slug } } } }`,
      );
      expect(results.nodes.map((r) => [r.dataset.slug, r.metric.slug, r.display])).toEqual([
        ['polypdiag', 'f1-score', '90.7%'],
        ['cvc-12k', 'dice', '73.9%'],
        ['kumc', 'f1-score', '84.1%'],
      ]);
    });

    it('serves the audits, the uncited entities computed across subgraphs', async () => {
      type Access = Slugged & { access: string };
      type Audits = {
        datasetsWithoutOpenAccess: Access[];
        closedModels: Access[];
        modelsWithUnreportedSize: Slugged[];
        resultsOnRestrictedDatasets: { dataset: { access: string } }[];
        risksWithoutMitigation: (Slugged & { mitigations: Named[] })[];
        uncitedEntities: ({ __typename: string; id: string } & Partial<
          Slugged & { citations: Numbered[] }
        >)[];
      };
      const { audits: a } = await q.data<{ audits: Audits }>(
        `{ audits { datasetsWithoutOpenAccess { slug access } closedModels { slug access } modelsWithUnreportedSize { slug parameters { bound } }
        resultsOnRestrictedDatasets { dataset { access } } risksWithoutMitigation { slug mitigations { name } }
        uncitedEntities { __typename id ... on Model { slug citations { number } } } } }`,
      );
      expect(a.datasetsWithoutOpenAccess.map((d) => d.slug)).toEqual(
        expect.arrayContaining([
          'mount-sinai-ecg-data',
          'uf-health-idr-clinical-note-database',
          'clinical-practice-research-datalink',
        ]),
      );
      expect(a.datasetsWithoutOpenAccess.every((d) => d.access !== 'OPEN')).toBe(true);
      expect(a.closedModels.every((m) => m.access !== 'OPEN')).toBe(true);
      expect(a.closedModels.map((m) => m.slug)).toEqual(
        expect.arrayContaining(['gpt-4', 'med-palm-2', 'operational-ifs']),
      );
      expect(a.modelsWithUnreportedSize.map((m) => m.slug)).toEqual(
        expect.arrayContaining(['rna-fm', 'med-palm-2', 'gpt-4']),
      );
      expect(a.resultsOnRestrictedDatasets.every((r) => r.dataset.access !== 'OPEN')).toBe(true);
      expect(a.risksWithoutMitigation.every((r) => r.mitigations.length === 0)).toBe(true);
      const uncitedModels = a.uncitedEntities.filter((e) => e.__typename === 'Model');
      expect(uncitedModels.length).toBeGreaterThan(0);
      expect(uncitedModels.every((m) => m.citations?.length === 0)).toBe(true);
      expect(uncitedModels.map((m) => m.slug)).not.toContain('esmfold');
    });

    it('searches every type case-insensitively, exact names first', async () => {
      type Hits = { search: ({ __typename: string } & Partial<Slugged>)[] };
      const sam = await q.data<Hits>(
        `{ search(query: "sam") { __typename ... on Model { slug name } ... on Citation { number } } }`,
      );
      expect(sam.search[0]).toMatchObject({ __typename: 'Model', slug: 'sam' });
      const risk = await q.data<Hits>(`{ search(query: "PRIVACY") { __typename ... on Risk { slug } } }`);
      expect(risk.search[0]).toEqual({ __typename: 'Risk', slug: 'privacy' });
      const sector = await q.data<Hits>(
        `{ search(query: "robotics", first: 5) { __typename ... on Sector { slug } } }`,
      );
      expect(sector.search).toContainEqual({ __typename: 'Sector', slug: 'medical-robotics' });
      const alias = await q.data<Hits>(`{ search(query: "cprd") { __typename ... on Dataset { slug } } }`);
      expect(alias.search[0]).toEqual({
        __typename: 'Dataset',
        slug: 'clinical-practice-research-datalink',
      });
      const empty = await q(`{ search(query: "   ") { __typename } }`);
      expect(empty.errors?.[0].message).toMatch(/must not be empty/);
    });

    it('traverses citations in both directions', async () => {
      type Citation = {
        label: string;
        mentions: { section: string; sentence: string }[];
        supports: unknown[];
      };
      const { citation } = await q.data<{ citation: Citation }>(
        `{ citation(number: 84) { label mentions { section sentence } supports { __typename ... on Model { slug citations { number } } } } }`,
      );
      expect(citation.label).toBe('ESMfold');
      expect(citation.mentions[0]).toMatchObject({
        section: 'Section III-A',
        sentence: match.stringContaining('0.68 vs 0.38'),
      });
      expect(citation.supports).toContainEqual({
        __typename: 'Model',
        slug: 'esmfold',
        citations: match.arrayContaining([{ number: 84 }]),
      });
      const { sector } = await q.data<{ sector: { citations: Numbered[] } }>(
        `{ sector(slug: "bioinformatics") { citations { number } } }`,
      );
      expect(sector.citations.map((c) => c.number)).toEqual(expect.arrayContaining([78, 84, 87, 89]));
      const filtered = await q.data<{ citations: Page<Numbered> }>(
        `{ citations(filter: { section: "V-B" }) { nodes { number } } }`,
      );
      expect(filtered.citations.nodes.map((c) => c.number)).toEqual(expect.arrayContaining([189, 190, 191]));
      const all = await q.data<{ citations: Page<never>; supporting: Page<{ supports: unknown[] }> }>(
        `{ citations { totalCount } supporting: citations(filter: { supportsSomething: true }) { totalCount nodes { supports { __typename } } } }`,
      );
      expect(all.citations.totalCount).toBe(191);
      expect(all.supporting.nodes.every((c) => c.supports.length > 0)).toBe(true);
    });
  });
});
