import { EXECUTIONS, queryInProcess } from '../helpers/app';
import { Page } from '../helpers/graphql';

// The catalog's where / orderBy / backward paging through the gateway, fused and planned: the quantifiers
// over relations the literature and risks subgraphs own answer from the catalog's projection, and the
// related entities come from their owners.

type Slug = { slug: string };
const slugs = (page: { nodes: Slug[] }) => page.nodes.map((n) => n.slug);

describe.each(EXECUTIONS)('%s execution', (execution) => {
  const q = queryInProcess(execution);

  it('"models the paper cites only in Section III-D", with their citations from the literature subgraph', async () => {
    type Model = Slug & { citations: { number: number; mentions: { section: string }[] }[] };
    const { models } = await q.data<{ models: Page<Model> }>(
      `{ models(first: 100, where: { citations: { some: { section: { eq: "Section III-D" } }, all: { section: { eq: "Section III-D" } } } }) {
          totalCount nodes { slug citations { number mentions { section } } } } }`,
    );
    expect(models.totalCount).toBe(18);
    expect(slugs(models).slice(0, 4)).toEqual(['chatgpt', 'palm', 'instructgpt', 'bert']);
    // what the quantifier promised, checked on what the owner of the citations answers
    for (const m of models.nodes) {
      expect(m.citations.length).toBeGreaterThan(0);
      for (const c of m.citations) expect(c.mentions.map((x) => x.section)).toContain('Section III-D');
    }
  });

  it('models that are examples of a risk, with the risks from the risks subgraph', async () => {
    type Model = Slug & { risks: { slug: string }[] };
    const { models } = await q.data<{ models: Page<Model> }>(
      '{ models(where: { risks: { some: {} } }) { totalCount nodes { slug risks { slug } } } }',
    );
    expect(slugs(models)).toEqual(['chatgpt', 'med-palm-2', 'llama', 'gpt-3', 'dall-e', 'dall-e-2']);
    for (const m of models.nodes) expect(m.risks.length).toBeGreaterThan(0);
    const { models: none } = await q.data<{ models: Page<Model> }>(
      '{ models(first: 500, where: { risks: { none: {} } }) { totalCount nodes { slug risks { slug } } } }',
    );
    expect(none.totalCount).toBe(182 - 6); // the companion list names no risk
    expect(none.nodes.every((m) => m.risks.length === 0)).toBe(true);
  });

  it('closed datasets and the models trained on them', async () => {
    type Dataset = Slug & { access: string; usedToTrain: Page<Slug> };
    const { closed, notOpen } = await q.data<{ closed: Page<Dataset>; notOpen: Page<Dataset> }>(
      `{ closed: datasets(where: { access: { in: [CLOSED, ON_APPROVAL] } }) { totalCount nodes { slug access usedToTrain { totalCount nodes { slug } } } }
         notOpen: datasets(where: { NOT: { access: { eq: OPEN } }, usedToTrain: { some: { type: { isNull: false } } } }) {
           totalCount nodes { slug access usedToTrain(where: { type: { isNull: false } }) { totalCount nodes { slug } } } } }`,
    );
    expect(closed.nodes.map((d) => [d.slug, d.access, d.usedToTrain.totalCount])).toEqual([
      ['mount-sinai-ecg-data', 'CLOSED', 0],
      ['uf-health-idr-clinical-note-database', 'CLOSED', 0],
      ['clinical-practice-research-datalink', 'ON_APPROVAL', 0],
    ]);
    for (const d of notOpen.nodes) {
      expect(d.access).not.toBe('OPEN');
      expect(d.usedToTrain.totalCount).toBeGreaterThan(0);
    }
    expect(notOpen.nodes.find((d) => d.slug === 'era5')?.usedToTrain.nodes).toEqual([
      { slug: 'pangu-weather' },
    ]);
  });

  it('NOT with nulls, OR / AND, vacuous all and count', async () => {
    const res = await q.data<Record<string, Page<Slug>>>(
      `{ notLlm: models(where: { NOT: { type: { eq: LLM } } }) { totalCount nodes { slug } }
         either: models(where: { OR: [{ slug: { eq: "gpt-4" } }, { AND: [{ type: { eq: LVM } }, { access: { eq: CLOSED } }] }] }) { totalCount nodes { slug } }
         llmOnly: datasets(where: { usedToTrain: { all: { type: { eq: LLM } } } }) { totalCount nodes { slug } }
         twoSets: models(where: { trainedOn: { count: { gte: 2 } } }) { totalCount nodes { slug } } }`,
    );
    expect(res.notLlm.totalCount).toBe(130);
    expect(slugs(res.either)).toEqual(['gpt-4', 'heartbeit']);
    expect(res.llmOnly.totalCount).toBe(33);
    expect(slugs(res.twoSets)).toEqual(['prott5-xxl', 'ufold']);
  });

  it('orders by counts and score, nested too, and pages backwards', async () => {
    type Results = { nodes: { display: string; model: Slug }[] };
    const res = await q.data<{
      models: Page<Slug>;
      task: { results: Results };
      tasks: Page<Slug> & { pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean } };
    }>(
      `{ models(first: 2, orderBy: { field: RESULT_COUNT, direction: DESC }) { totalCount nodes { slug } }
         task(slug: "endoscopic-video-analysis") { results(first: 2, where: { metric: { slug: { eq: "f1-score" } } }, orderBy: { field: SCORE, direction: DESC }) { nodes { display model { slug } } } }
         tasks(last: 2) { totalCount nodes { slug } pageInfo { hasPreviousPage hasNextPage } } }`,
    );
    expect(slugs(res.models)).toEqual(['vcl', 'endo-fm']);
    expect(res.task.results.nodes).toEqual([
      { display: '90.7%', model: { slug: 'endo-fm' } },
      { display: '87.6%', model: { slug: 'vcl' } },
    ]);
    expect(slugs(res.tasks)).toEqual([
      'antibody-structure-prediction',
      'zero-shot-medical-image-classification',
    ]);
    expect(res.tasks.pageInfo).toEqual({ hasPreviousPage: true, hasNextPage: false });
  });

  it.each([
    [
      'a where nested too deep',
      `{ models(where: ${'{ NOT: '.repeat(14)}{ slug: { eq: "x" } }${' }'.repeat(14)}) { totalCount } }`,
    ],
    [
      'an "in" too long',
      `{ datasets(where: { slug: { in: [${Array.from({ length: 501 }, (_, i) => `"d${i}"`).join(', ')}] } }) { totalCount } }`,
    ],
    ['first and last together', '{ tasks(first: 2, last: 2) { totalCount } }'],
  ])('refuses %s with BAD_USER_INPUT', async (_, query) => {
    const res = await q(query);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
