import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR, EXECUTIONS, queryInProcess } from '../helpers/app';

const data = loadSurveyData(DATA_DIR);
type Ids = { id: string }[];
type Page = { nodes: { id: string }[] };
const ids = (rows: Ids) => rows.map((r) => r.id);
const slugs = (rows: { slug: string }[]) => rows.map((r) => r.slug);

// Each audit beside its `where` form (docs/api-guide.md#audits): the same entities, in the same order.
describe.each(EXECUTIONS)('the six audits and their where forms (%s execution)', (execution) => {
  const q = queryInProcess(execution);

  it('list the same entities, and the entities the data says', async () => {
    const got = await q.data<{
      audits: Record<string, Ids>;
      datasets: Page;
      closed: Page;
      unsized: Page;
      results: Page;
      risks: Ids;
      uncitedModels: Page;
      uncitedDatasets: Page;
      uncitedTasks: Page;
      uncitedRisks: Ids;
    }>(`{
      audits {
        datasetsWithoutOpenAccess { id } closedModels { id } modelsWithUnreportedSize { id }
        resultsOnRestrictedDatasets { id } risksWithoutMitigation { id } uncitedEntities { id }
      }
      datasets(first: 500, where: { NOT: { access: { eq: OPEN } } }) { nodes { id } }
      closed: models(first: 500, where: { NOT: { access: { eq: OPEN } } }) { nodes { id } }
      unsized: models(first: 500, where: { parameters: { bound: { eq: NOT_REPORTED } } }) { nodes { id } }
      results(first: 500, where: { dataset: { NOT: { access: { eq: OPEN } } } }) { nodes { id } }
      risks(where: { mitigations: { none: {} } }) { id }
      uncitedModels: models(first: 500, where: { citations: { none: {} } }) { nodes { id } }
      uncitedDatasets: datasets(first: 500, where: { citations: { none: {} } }) { nodes { id } }
      uncitedTasks: tasks(first: 500, where: { citations: { none: {} } }) { nodes { id } }
      uncitedRisks: risks(where: { citations: { none: {} } }) { id }
    }`);
    const a = got.audits;
    expect(ids(got.datasets.nodes)).toEqual(ids(a.datasetsWithoutOpenAccess));
    expect(ids(got.closed.nodes)).toEqual(ids(a.closedModels));
    expect(ids(got.unsized.nodes)).toEqual(ids(a.modelsWithUnreportedSize));
    expect(ids(got.results.nodes)).toEqual(ids(a.resultsOnRestrictedDatasets));
    expect(ids(got.risks)).toEqual(ids(a.risksWithoutMitigation));
    const uncited = [
      got.uncitedModels.nodes,
      got.uncitedDatasets.nodes,
      got.uncitedTasks.nodes,
      got.uncitedRisks,
    ];
    expect(new Set(uncited.flatMap(ids))).toEqual(new Set(ids(a.uncitedEntities)));

    // and what data/ says, so that the two cannot agree on a wrong answer
    expect(a.datasetsWithoutOpenAccess).toHaveLength(data.datasets.filter((d) => d.access !== 'OPEN').length);
    expect(a.closedModels).toHaveLength(data.models.filter((m) => m.access !== 'OPEN').length);
    expect(a.risksWithoutMitigation).toHaveLength(
      data.risks.filter((r) => r.mitigations.length === 0).length,
    );
    expect(got.uncitedModels.nodes).toHaveLength(data.models.filter((m) => m.citations.length === 0).length);
  });

  it('answers a question the audits could not: datasets not openly available and the models trained on them', async () => {
    const got = await q.data<{
      datasets: { nodes: { slug: string; usedToTrain: { nodes: { slug: string }[] } }[] };
    }>(`{
      datasets(first: 500, where: { NOT: { access: { eq: OPEN } }, usedToTrain: { some: {} } }) {
        nodes { slug usedToTrain { nodes { slug } } }
      }
    }`);
    // Table II's training data; none of the paper's CLOSED or ON_APPROVAL datasets trained a model in the graph
    expect(got.datasets.nodes.map((d) => [d.slug, slugs(d.usedToTrain.nodes)])).toEqual([
      ['imagenet', ['efficientnet-b4']],
      ['sa-1b', ['sam']],
      ['protein-data-bank', ['alphafold2']],
      ['uniref50', ['prott5-xxl']],
      ['uniref', ['esmfold']],
      ['rnastralign', ['ufold']],
      ['bprna-tr0', ['ufold']],
      ['flip-database', ['xtrimopglm', 'ankh']],
      ['coco', ['mask-rcnn']],
      ['totalsegmentator', ['nnu-net', 'stu-net']],
      ['pubmed', ['pubmedbert']],
      ['era5', ['pangu-weather']],
    ]);
  });
});
