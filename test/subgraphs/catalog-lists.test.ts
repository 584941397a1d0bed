import { listCount } from '../../src/common/graph/aggregates';
import { RelationReader } from '../../src/common/relation-pages';
import { queryNamed } from '../../src/common/sqlite-reads';
import { seededConfig } from '../helpers/app';
import { dataOf } from '../helpers/graphql';
import { DirectSubgraph, directSubgraph, gid } from '../helpers/subgraph';

// The catalog's lists with `where`, `orderBy` and backward paging, on its schema executed directly: the
// answers are the paper's (data/), the SQL statements those of one statement per list.

let catalog: DirectSubgraph;
beforeAll(async () => {
  catalog = await directSubgraph(await seededConfig(), 'catalog');
});
afterAll(() => catalog?.close());

const data = async <T>(query: string, variables?: Record<string, unknown>) =>
  dataOf(await catalog.run<T>(query, variables));
type Slugs = { nodes: { slug: string }[]; totalCount: number };
const slugs = (page: { nodes: { slug: string }[] }) => page.nodes.map((n) => n.slug);

describe('where on the catalog lists', () => {
  it('answers the issue\'s question "models the paper cites only in Section III-D" (some and all)', async () => {
    const { models } = await data<{ models: Slugs }>(
      `{ models(first: 100, where: { citations: { some: { section: { eq: "Section III-D" } }, all: { section: { eq: "Section III-D" } } } }) { totalCount nodes { slug } } }`,
    );
    expect(models.totalCount).toBe(18);
    expect(slugs(models)).toEqual([
      'chatgpt',
      'palm',
      'instructgpt',
      'bert',
      'pubmedbert',
      'med-palm-2',
      'biobert',
      'gatortron-large',
      'clinicalbert',
      'biomegatron',
      'biomed-roberta',
      'bio-electra',
      'biolinkbert',
      'biogpt',
      'med-palm',
      'medalpaca',
      'gpt-3',
      'flan-palm',
    ]);
  });

  it('filters on relations another subgraph owns: models that are examples of a risk', async () => {
    const { models } = await data<{ models: Slugs }>(
      '{ models(where: { risks: { some: {} } }) { totalCount nodes { slug } } }',
    );
    expect(slugs(models)).toEqual(['chatgpt', 'med-palm-2', 'llama', 'gpt-3', 'dall-e', 'dall-e-2']);
  });

  it('"closed datasets and the models trained on them": none is CLOSED or ON_APPROVAL, twelve are not OPEN', async () => {
    const closed = await data<{ datasets: { nodes: { slug: string; usedToTrain: Slugs }[] } }>(
      '{ datasets(where: { access: { in: [CLOSED, ON_APPROVAL] } }) { nodes { slug usedToTrain { totalCount nodes { slug } } } } }',
    );
    expect(closed.datasets.nodes.map((d) => [d.slug, d.usedToTrain.totalCount])).toEqual([
      ['mount-sinai-ecg-data', 0],
      ['uf-health-idr-clinical-note-database', 0],
      ['clinical-practice-research-datalink', 0],
    ]);
    const notOpen = await data<{ datasets: { nodes: { slug: string; usedToTrain: Slugs }[] } }>(
      '{ datasets(where: { NOT: { access: { eq: OPEN } }, usedToTrain: { some: {} } }) { nodes { slug usedToTrain { nodes { slug } } } } }',
    );
    expect(notOpen.datasets.nodes).toHaveLength(12);
    expect(notOpen.datasets.nodes.slice(-3).map((d) => [d.slug, slugs(d.usedToTrain)])).toEqual([
      ['totalsegmentator', ['nnu-net', 'stu-net']],
      ['pubmed', ['pubmedbert']],
      ['era5', ['pangu-weather']],
    ]);
  });

  it('NOT matches exactly what its operand does not, nulls included', async () => {
    const counts = await data<Record<string, { totalCount: number }>>(
      `{ all: models { totalCount } llm: models(where: { type: { eq: LLM } }) { totalCount }
         notLlm: models(where: { NOT: { type: { eq: LLM } } }) { totalCount } untyped: models(where: { type: { isNull: true } }) { totalCount } }`,
    );
    expect(counts).toEqual({
      // the paper's 80 models and the companion list's 102
      all: { totalCount: 182 },
      llm: { totalCount: 52 },
      notLlm: { totalCount: 130 },
      untyped: { totalCount: 81 },
    });
  });

  it('OR and AND combine inputs; count counts the related entities', async () => {
    const { models } = await data<{ models: { nodes: { slug: string; type: string }[] } }>(
      '{ models(where: { OR: [{ slug: { eq: "gpt-4" } }, { AND: [{ type: { eq: LVM } }, { access: { eq: CLOSED } }] }] }) { nodes { slug type } } }',
    );
    expect(models.nodes).toEqual([
      { slug: 'gpt-4', type: 'LMM' },
      { slug: 'heartbeit', type: 'LVM' },
    ]);
    const two = await data<{ models: Slugs }>(
      '{ models(where: { trainedOn: { count: { gte: 2 } } }) { totalCount nodes { slug } } }',
    );
    expect(slugs(two.models)).toEqual(['prott5-xxl', 'ufold']);
  });

  it('all is true of an entity with no related ones (vacuous truth)', async () => {
    const counts = await data<Record<string, { totalCount: number }>>(
      `{ all: datasets { totalCount } llmOnly: datasets(where: { usedToTrain: { all: { type: { eq: LLM } } } }) { totalCount }
         untrained: datasets(where: { usedToTrain: { none: {} } }) { totalCount } trained: datasets(where: { usedToTrain: { some: {} } }) { totalCount } }`,
    );
    expect(counts).toEqual({
      // the paper's 42 datasets and the companion list's 2, which train no model of the graph
      all: { totalCount: 44 },
      llmOnly: { totalCount: 33 },
      untrained: { totalCount: 30 },
      trained: { totalCount: 14 },
    });
  });

  it('ANDs where with the v1 filter', async () => {
    const { models } = await data<{ models: Slugs }>(
      '{ models(filter: { type: [LMM] }, where: { access: { eq: CLOSED } }) { nodes { slug } } }',
    );
    expect(slugs(models)).toContain('gpt-4');
    const { results } = await data<{ results: Slugs & { nodes: { display: string }[] } }>(
      '{ results(filter: { task: "global-weather-forecast" }, where: { model: { slug: { eq: "pangu-weather" } } }) { totalCount nodes { display } } }',
    );
    expect(results.nodes).toEqual([{ display: '296.7' }]);
  });

  it('takes where on the plain lists: sectors, metrics, comparisons', async () => {
    const res = await data<{
      sectors: { slug: string }[];
      metrics: { slug: string }[];
      comparisons: { slug: string }[];
    }>(
      `{ sectors(where: { section: { eq: "III-D" } }) { slug } metrics(where: { higherIsBetter: false }) { slug }
         comparisons(where: { relativeImprovement: { gt: 0.1 }, metric: { higherIsBetter: false } }) { slug } }`,
    );
    expect(res).toEqual({
      sectors: [{ slug: 'medical-informatics' }],
      metrics: [{ slug: 'rmse' }],
      comparisons: [{ slug: 'pangu-weather-vs-operational-ifs-era5-rmse' }],
    });
  });

  it('filters nested connections, totalCount counting what where selects', async () => {
    const { sector } = await data<{ sector: { models: Slugs & { nodes: { slug: string }[] } } }>(
      '{ sector(slug: "medical-imaging") { models(where: { access: { eq: OPEN } }, orderBy: { field: PARAMETERS, direction: DESC }, first: 3) { totalCount nodes { slug } } } }',
    );
    expect(sector.models.totalCount).toBe(4);
    expect(slugs(sector.models)).toEqual(['stu-net', 'sam', 'nnu-net']);
  });

  it.each([
    [
      'nesting too deep',
      `{ models(where: ${'{ NOT: '.repeat(14)}{ slug: { eq: "x" } }${' }'.repeat(14)}) { totalCount } }`,
    ],
    [
      'too many tests',
      `{ models(where: { OR: [${Array.from({ length: 101 }, (_, i) => `{ slug: { eq: "m${i}" } }`).join(', ')}] }) { totalCount } }`,
    ],
    [
      'an "in" too long',
      `{ tasks(where: { slug: { in: [${Array.from({ length: 501 }, (_, i) => `"t${i}"`).join(', ')}] } }) { totalCount } }`,
    ],
    [
      'a chain of five relations (results, dataset, evaluations, model, results)',
      '{ models(where: { results: { some: { dataset: { evaluations: { some: { model: { results: { some: { dataset: { slug: { eq: "casp14" } } } } } } } } } } }) { totalCount } }',
    ],
    [
      'a nested where too deep',
      `{ sectors { models(where: ${'{ NOT: '.repeat(14)}{ slug: { eq: "x" } }${' }'.repeat(14)}) { totalCount } } }`,
    ],
  ])('refuses %s as BAD_USER_INPUT', async (_, query) => {
    const res = await catalog.run(query);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(
      /"where" may nest|"where" may hold|"in" may list|"where" may go through/,
    );
  });

  it('takes a chain of four relations', async () => {
    // the models evaluated on a dataset AlphaFold2 was evaluated on: CASP14
    const { models } = await data<{ models: Slugs }>(
      '{ models(where: { results: { some: { dataset: { evaluations: { some: { model: { slug: { eq: "alphafold2" } } } } } } } }) { nodes { slug } totalCount } }',
    );
    expect(slugs(models)).toEqual(['alphafold2', 'esmfold']);
  });
});

describe('orderBy on the catalog connections', () => {
  it('orders tasks by name (lowercased) and by result count, ties in paper order', async () => {
    const res = await data<{ byName: Slugs; byResults: Slugs }>(
      `{ byName: tasks(first: 3, orderBy: { field: NAME, direction: DESC }) { nodes { slug } totalCount }
         byResults: tasks(first: 4, orderBy: { field: RESULT_COUNT, direction: DESC }) { nodes { slug } totalCount } }`,
    );
    expect(slugs(res.byName)).toEqual([
      'zero-shot-medical-segmentation',
      'zero-shot-medical-image-classification',
      'united-states-medical-licensing-examination',
    ]);
    expect(slugs(res.byResults)).toEqual([
      'endoscopic-video-analysis',
      'electrocardiogram-based-diagnosis',
      'united-states-medical-licensing-examination',
      'msa-free-protein-sequence-prediction',
    ]);
  });

  it('orders models by result count and citation count', async () => {
    const res = await data<{ results: Slugs; citations: Slugs }>(
      `{ results: models(first: 2, orderBy: { field: RESULT_COUNT, direction: DESC }) { nodes { slug } totalCount }
         citations: models(first: 3, where: { type: { eq: LMM } }, orderBy: { field: CITATION_COUNT, direction: DESC }) { nodes { slug } totalCount } }`,
    );
    expect(slugs(res.results)).toEqual(['vcl', 'endo-fm']);
    expect(slugs(res.citations)).toEqual(['gpt-4', 'clip', 'imagebind']);
  });

  it('orders datasets by size (unreported last) and by how many models train on them', async () => {
    const res = await data<{
      size: Slugs;
      trained: Slugs;
      smallest: { nodes: { size: { value: number | null } }[] };
    }>(
      `{ size: datasets(first: 3, orderBy: { field: SIZE, direction: DESC }) { nodes { slug } totalCount }
         trained: datasets(first: 2, orderBy: { field: USED_TO_TRAIN_COUNT, direction: DESC }) { nodes { slug } totalCount }
         smallest: datasets(first: 500, orderBy: { field: SIZE, direction: ASC }) { nodes { size { value } } } }`,
    );
    expect(slugs(res.size)).toEqual(['laion-5b', 'ig-3-6b', 'ig-3-5b']);
    expect(slugs(res.trained)).toEqual(['flip-database', 'totalsegmentator']);
    const values = res.smallest.nodes.map((n) => n.size.value);
    const firstNull = values.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(values.slice(firstNull).every((v) => v === null)).toBe(true);
  });

  it('orders results by value and by score: SCORE DESC puts the best first, RMSE lowest', async () => {
    const res = await data<{ rmse: { nodes: { display: string }[] }; tm: { nodes: { display: string }[] } }>(
      `{ rmse: results(where: { metric: { slug: { eq: "rmse" } } }, orderBy: { field: SCORE, direction: DESC }) { nodes { display } }
         tm: results(where: { metric: { slug: { eq: "rmse" } } }, orderBy: { field: VALUE, direction: DESC }) { nodes { display } } }`,
    );
    expect(res.rmse.nodes).toEqual([{ display: '296.7' }, { display: '333.7' }]);
    expect(res.tm.nodes).toEqual([{ display: '333.7' }, { display: '296.7' }]);
  });

  it('orders comparisons by improvement and relative improvement', async () => {
    const res = await data<{ abs: { slug: string }[]; rel: { slug: string; improvement: number }[] }>(
      `{ abs: comparisons(orderBy: { field: IMPROVEMENT, direction: DESC }) { slug }
         rel: comparisons(where: { relativeImprovement: { gt: 0.5 } }, orderBy: { field: RELATIVE_IMPROVEMENT, direction: DESC }) { slug improvement } }`,
    );
    expect(res.abs.slice(0, 2).map((c) => c.slug)).toEqual([
      'med-palm-2-vs-pubmedbert-medqa-accuracy',
      'pangu-weather-vs-operational-ifs-era5-rmse',
    ]);
    // ESMfold: 0.38 -> 0.68 is 79% better, ahead of Pangu-Weather's 11% though its improvement is 0.3
    expect(res.rel.map((c) => c.slug)).toContain('esmfold-vs-alphafold2-casp14-tm-score');
    expect(res.rel.map((c) => c.slug)).not.toContain('pangu-weather-vs-operational-ifs-era5-rmse');
  });

  it("orders nested connections: a task's F1 results best first, a dataset's trainers by size", async () => {
    const res = await data<{
      task: { results: { totalCount: number; nodes: { display: string; model: { slug: string } }[] } };
      dataset: { usedToTrain: Slugs };
    }>(
      `{ task(slug: "endoscopic-video-analysis") { results(where: { metric: { slug: { eq: "f1-score" } } }, orderBy: { field: SCORE, direction: DESC }) { totalCount nodes { display model { slug } } } }
         dataset(slug: "totalsegmentator") { usedToTrain(orderBy: { field: PARAMETERS, direction: DESC }) { totalCount nodes { slug } } } }`,
    );
    expect(res.task.results.totalCount).toBe(4);
    expect(res.task.results.nodes.map((n) => `${n.model.slug} ${n.display}`)).toEqual([
      'endo-fm 90.7%',
      'vcl 87.6%',
      'endo-fm 84.1%',
      'vcl 78.1%',
    ]);
    expect(slugs(res.dataset.usedToTrain)).toEqual(['stu-net', 'nnu-net']);
  });

  it('pages an ordered nested connection by its cursors, and refuses them for another order', async () => {
    const query = `query($after: String, $o: ModelOrder) { sector(slug: "medical-informatics") {
      models(first: 5, after: $after, where: { type: { eq: LLM } }, orderBy: $o) { totalCount nodes { name } pageInfo { hasNextPage endCursor } } } }`;
    const order = { field: 'NAME', direction: 'ASC' };
    type Models = {
      sector: {
        models: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      };
    };
    const names: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { sector }: Models = await data<Models>(query, { after, o: order });
      names.push(...sector.models.nodes.map((n) => n.name));
      if (!sector.models.pageInfo.hasNextPage) break;
      after = sector.models.pageInfo.endCursor;
    }
    expect(names).toHaveLength(21);
    const lower = names.map((n) => n.toLowerCase());
    expect(lower).toEqual([...lower].sort());
    const other = await catalog.run(query, { after, o: { field: 'PARAMETERS', direction: 'ASC' } });
    expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('backward paging on the root connections', () => {
  type Paged = Slugs & {
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
  };
  const PAGE = '{ totalCount nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }';

  it('reads the last page, then the page before a cursor, in order', async () => {
    const { tasks: last } = await data<{ tasks: Paged }>(`{ tasks(last: 3) ${PAGE} }`);
    expect(slugs(last)).toEqual([
      'endoscopic-video-analysis',
      'antibody-structure-prediction',
      'zero-shot-medical-image-classification',
    ]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const { tasks: all } = await data<{ tasks: Paged }>(`{ tasks ${PAGE} }`);
    const { tasks: before } = await data<{ tasks: Paged }>(
      `query($c: String) { tasks(last: 2, before: $c) ${PAGE} }`,
      { c: last.pageInfo.startCursor },
    );
    expect(slugs(before)).toEqual(slugs(all).slice(8, 10));
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('takes the cursors of one direction in the other, in every order', async () => {
    const order = '{ field: PARAMETERS, direction: DESC }';
    const { models: forward } = await data<{ models: Paged }>(
      `{ models(first: 6, orderBy: ${order}) ${PAGE} }`,
    );
    const { models: back } = await data<{ models: Paged }>(
      `query($c: String) { models(last: 3, before: $c, orderBy: ${order}) ${PAGE} }`,
      { c: forward.pageInfo.endCursor },
    );
    expect(slugs(back)).toEqual(slugs(forward).slice(2, 5));
    const { models: again } = await data<{ models: Paged }>(
      `query($c: String) { models(first: 1, after: $c, orderBy: ${order}) ${PAGE} }`,
      { c: back.pageInfo.endCursor },
    );
    expect(slugs(again)).toEqual(slugs(forward).slice(5, 6));
    const { results } = await data<{ results: Paged }>(
      `{ results(last: 2, orderBy: { field: SCORE, direction: DESC }, where: { metric: { slug: { eq: "f1-score" } } }) ${PAGE} }`,
    );
    expect(results.totalCount).toBe(8);
    const { datasets } = await data<{ datasets: Paged }>(
      `{ datasets(last: 2, orderBy: { field: USED_TO_TRAIN_COUNT, direction: DESC }) ${PAGE} }`,
    );
    expect(datasets.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('refuses first and last together as BAD_USER_INPUT', async () => {
    const res = await catalog.run('{ models(first: 2, last: 2) { totalCount } }');
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('nested where and orderBy stay batched', () => {
  it('costs the same statements for one parent as for seven', async () => {
    const nested = `models(first: 2, where: { citations: { some: {} } }, orderBy: { field: CITATION_COUNT, direction: DESC }) { totalCount nodes { slug } }`;
    const one = await catalog.run(`{ sectors(where: { slug: { eq: "medical-imaging" } }) { ${nested} } }`);
    const seven = await catalog.run<{ sectors: { models: Slugs }[] }>(`{ sectors { ${nested} } }`);
    expect(dataOf(seven).sectors).toHaveLength(7);
    // sectors, one page, the models by id, one count
    expect(seven.sql).toBe(4);
    expect(one.sql).toBe(seven.sql);
  });

  it('gives each nested list a scope that reads its ids, for one parent and for many', async () => {
    const ds = catalog.store.dataSource;
    const reader = new RelationReader(
      ds,
      { table: 'model_sectors', parentColumn: 'sectorId', childColumn: 'modelId' },
      { table: 'models', type: 'Model' },
    );
    const where = { access: { eq: 'OPEN' } };
    const imaging = gid('Sector', 'medical-imaging');
    const scope = reader.scope(imaging, where);
    expect(await listCount(scope)).toBe(4);
    const { sql, params, key } = scope.perParent!;
    const rows = await queryNamed(ds, sql, {
      ...params,
      parents: [imaging, gid('Sector', 'bioinformatics')],
    });
    expect(rows.filter((r) => r.parent === imaging)).toHaveLength(4);
    expect(key).toBe(reader.scope(gid('Sector', 'bioinformatics'), where).perParent!.key);
    expect(key).not.toBe(reader.scope(imaging, null).perParent!.key);
  });
});
