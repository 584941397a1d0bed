import { InProcessApp } from '../../src/app/in-process';
import { EXECUTIONS, gatewayQuery, queryInProcess, startInProcess } from '../helpers/app';

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

describe('models(orderBy:) on a scaled graph', () => {
  const SCALE = 6; // 480 models: ties in size across copies, and pages that end inside a tie
  const PAGE = 37;
  const ORDERS = [
    { field: 'NAME', direction: 'ASC' },
    { field: 'NAME', direction: 'DESC' },
    { field: 'PARAMETERS', direction: 'ASC' },
    { field: 'PARAMETERS', direction: 'DESC' },
  ] as const;
  type Row = { slug: string; name: string; parameters: { value: number | null } };
  let app: InProcessApp;
  let byPosition: Row[];

  beforeAll(async () => {
    app = await startInProcess(SCALE);
    byPosition = (
      await gatewayQuery(app, `{ models(first: 500) { nodes { slug name parameters { value } } } }`)
    ).data.models.nodes;
  });
  afterAll(() => app?.close());

  // what each ordering means, independently of the SQL: its key, then the list's own order (position)
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  function expected(order: (typeof ORDERS)[number]): string[] {
    const sign = order.direction === 'ASC' ? 1 : -1;
    const key = (m: Row) =>
      order.field === 'NAME' ? m.name.toLowerCase() : (m.parameters.value ?? sign * Infinity);
    return byPosition
      .map((m, position) => ({ m, position }))
      .sort((a, b) => sign * compare(key(a.m), key(b.m)) || a.position - b.position)
      .map(({ m }) => m.slug);
  }

  /** The query plan of a statement as the store ran it: one line per step. */
  async function planOf({ sql, params }: { sql: string; params: unknown[] }): Promise<string[]> {
    const rows: { detail: string }[] = await app.stores.catalog.dataSource.query(
      `EXPLAIN QUERY PLAN ${sql}`,
      params,
    );
    return rows.map((r) => r.detail);
  }

  async function pageAll(orderBy: object): Promise<{ slugs: string[]; cursors: (string | null)[] }> {
    const slugs: string[] = [];
    const cursors: (string | null)[] = [null];
    for (;;) {
      const res = await gatewayQuery(
        app,
        `query($after: String, $o: ModelOrder) { models(first: ${PAGE}, after: $after, orderBy: $o) { nodes { slug } pageInfo { hasNextPage endCursor } } }`,
        {
          after: cursors[cursors.length - 1],
          o: orderBy,
        },
      );
      expect(res.errors).toBeUndefined();
      slugs.push(...res.data.models.nodes.map((n: { slug: string }) => n.slug));
      if (!res.data.models.pageInfo.hasNextPage) return { slugs, cursors };
      cursors.push(res.data.models.pageInfo.endCursor);
    }
  }

  it.each(ORDERS)(
    'pages through every model exactly once by cursor, ordered by $field $direction',
    async (order) => {
      expect(byPosition).toHaveLength(80 * SCALE);
      const { slugs, cursors } = await pageAll(order);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(slugs).toEqual(expected(order));
      expect(cursors).toHaveLength(Math.ceil(slugs.length / PAGE));
    },
  );

  // SQLite only: PostgreSQL plans small tables by cost, so its plans at this size say little
  (process.env.TEST_DATABASE_URL ? it.skip : it).each(ORDERS)(
    'reads every page ordered by $field $direction from its index, first or after a cursor, without sorting',
    async (order) => {
      const { counter } = app.stores.catalog;
      const pages: { sql: string; params: unknown[] }[] = (counter.recorded = []);
      try {
        await pageAll(order);
      } finally {
        counter.recorded = null;
      }
      const field = order.field === 'NAME' ? 'name' : 'size';
      const own = `USING INDEX IDX_models_${field}_${order.direction.toLowerCase()}`;
      // the rows that share the cursor's first key are in position order in either index of the field
      const either = `USING INDEX IDX_models_${field}_(asc|desc)`;
      const shapes = {
        // one line each, so no "USE TEMP B-TREE FOR ORDER BY"; after a cursor, seeks (SEARCH), not scans
        first: new RegExp(`^SCAN m ${own}$`),
        sharedKey: new RegExp(`^SEARCH m ${either} \\(<expr>=\\? AND position>\\?\\)$`),
        pastKey: new RegExp(`^SEARCH m ${own} \\(<expr>[<>]\\?\\)$`),
      };
      const seen = new Set<string>();
      for (const statement of pages.filter((st) => /FROM "models" "m"/.test(st.sql))) {
        const plan = await planOf(statement);
        expect(plan).toHaveLength(1);
        const shape = Object.entries(shapes).find(([, re]) => re.test(plan[0]));
        expect([plan[0], shape?.[0]]).toEqual([plan[0], expect.any(String)]);
        seen.add(shape![0]);
      }
      expect([...seen].sort()).toEqual(['first', 'pastKey', 'sharedKey']);
    },
  );
});
