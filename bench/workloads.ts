/** The operations the benchmark sends: each a POST body for /graphql, built once at start-up. */

export interface Workload {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const QUANTITY = 'value display bound';

/** The nested model query: catalog fields plus citations (literature) and risks (risks). */
export const NESTED_MODELS = `{ models(first: 100) { totalCount nodes { name type parameters { ${QUANTITY} } access results { value display metric { name higherIsBetter } dataset { name access } task { name sector { name } } } citations { number label } risks { name } } } }`;

/** The same query without the fields other subgraphs contribute: what the catalog subgraph answers alone. */
export const NESTED_MODELS_CATALOG = NESTED_MODELS.replace(' citations { number label } risks { name }', '');

export const DATASET_PAGE = `query DatasetPage($slug: String!) {
  dataset(slug: $slug) {
    name access scale purpose modalities size { display } sector { name }
    usedToTrain(first: 50) { totalCount nodes { name type parameters { display } citations { number label } } }
    evaluations(first: 50) { totalCount nodes { display metric { name higherIsBetter } model { name } task { name } } }
    citations { number label mentions { section } }
    risks { name mitigations { name } }
  }
}`;

/** Each audit of `Audits` with the fields a report prints; measured one by one for their cost. */
export const AUDIT_FIELDS: Record<string, string> = {
  datasetsWithoutOpenAccess: 'datasetsWithoutOpenAccess { name access }',
  closedModels: 'closedModels { name access }',
  modelsWithUnreportedSize: 'modelsWithUnreportedSize { name parameters { display } }',
  resultsOnRestrictedDatasets:
    'resultsOnRestrictedDatasets { display model { name } dataset { name access } }',
  uncitedEntities: 'uncitedEntities { __typename id }',
  risksWithoutMitigation: 'risksWithoutMitigation { name }',
};

/** All six audits in one operation: the load workload. */
export const ALL_AUDITS = `{ audits { ${Object.values(AUDIT_FIELDS).join(' ')} } }`;

export const auditQuery = (field: string) => `{ audits { ${AUDIT_FIELDS[field]} } }`;

const HIT_FIELDS = ['Model', 'Dataset', 'Task', 'Metric', 'Risk', 'Sector']
  .map((t) => `... on ${t} { id name }`)
  .join(' ');

export const SEARCH = `{ search(query: "med") { __typename ${HIT_FIELDS} ... on Citation { id number label } } }`;

export const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { __typename id ${HIT_FIELDS} ... on Citation { number label } } }`;

/** Ids of several types for the `nodes` workload, read through the API. */
export const NODE_ID_SOURCES =
  '{ models(first: 40) { nodes { id } } datasets(first: 30) { nodes { id } } tasks(first: 10) { nodes { id } } citations(first: 20) { nodes { id } } }';

/** A dataset with the most to show on its page: users, evaluations, risks and citations. */
export const DATASET_CANDIDATES =
  '{ datasets(first: 500) { nodes { slug usedToTrain { totalCount } evaluations { totalCount } risks { name } citations { number } } } }';

export const PAGE_SIZE = 50;

/** One page of the model list, first or after a cursor: the cost of keyset pagination. */
export const MODELS_PAGE = `query ModelsPage($after: String, $orderBy: ModelOrder) { models(first: ${PAGE_SIZE}, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } nodes { name type access parameters { display } } } }`;

/** The model list's orders measured at scale, by the suffix of their workload names: position, and orders by an expression. */
export const MODEL_ORDERS: Record<string, { field: string; direction: string } | null> = {
  '': null,
  ' (NAME ASC)': { field: 'NAME', direction: 'ASC' },
  ' (NAME DESC)': { field: 'NAME', direction: 'DESC' },
  ' (PARAMETERS DESC)': { field: 'PARAMETERS', direction: 'DESC' },
};

/** The cost of totalCount over every result, and over the results of one metric (an indexed WHERE). */
export const RESULTS_COUNT = '{ results(first: 1) { totalCount } }';
export const RESULTS_COUNT_ONE_METRIC =
  '{ results(first: 1, filter: { metric: "f1-score" }) { totalCount } }';

export const MODEL_CURSORS =
  'query Cursors($after: String, $orderBy: ModelOrder) { models(first: 500, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage } edges { cursor } } }';

/**
 * Version 2, by workload name: three `where` lists with quantifiers over relations another subgraph owns,
 * an aggregate, a leaderboard, text search and a traversal (a mitigation's id: base64 of "Mitigation:refusal-fine-tuning").
 */
export const V2_WORKLOADS: Record<string, string> = {
  'where: restricted datasets that trained a model':
    '{ datasets(first: 50, where: { NOT: { access: { eq: OPEN } }, usedToTrain: { some: {} } }) { nodes { name access usedToTrain { nodes { name } } } } }',
  'where: models cited in Section III-D':
    '{ models(first: 50, where: { citations: { some: { section: { eq: "Section III-D" } } } }) { nodes { name } } }',
  'where: models with a result on a restricted dataset':
    '{ models(first: 50, where: { results: { some: { dataset: { NOT: { access: { eq: OPEN } } } } } }) { nodes { name } } }',
  'aggregate: models per type and access':
    '{ models { aggregate { count parameters { count min max avg } byType: groupBy(field: TYPE) { key count } byAccess: groupBy(field: ACCESS) { key count } } } }',
  leaderboard:
    '{ leaderboard(task: "msa-free-protein-sequence-prediction", metric: "tm-score", dataset: "casp14") { entries { rank result { display model { name } } } } }',
  'searchText "hallucination"':
    '{ searchText(query: "hallucination", first: 20) { edges { score field snippet node { id } } } }',
  'neighbors depth 2': `{ neighbors(id: "${Buffer.from('Mitigation:refusal-fine-tuning').toString('base64')}", depth: 2) { nodes { id } edges { relation } } }`,
};

/**
 * Not measured at scale: in a synthetic graph every copy of a model cites the paper's references and
 * every result has one of the paper's metrics, so two steps from almost anything reach thousands of
 * entities, past the traversal's bound (answered with BAD_USER_INPUT, docs/api-guide.md#traversal).
 */
export const NOT_AT_SCALE = ['neighbors depth 2'];

/** The first page of each audit's `where` form (docs/api-guide.md), measured at scale. */
export const AUDIT_WHERE_PAGES: Record<string, string> = {
  'audit where: datasets without open access':
    '{ datasets(first: 50, where: { NOT: { access: { eq: OPEN } } }) { nodes { name } } }',
  'audit where: closed models':
    '{ models(first: 50, where: { NOT: { access: { eq: OPEN } } }) { nodes { name } } }',
  'audit where: models with unreported size':
    '{ models(first: 50, where: { parameters: { bound: { eq: NOT_REPORTED } } }) { nodes { name } } }',
  'audit where: results on restricted datasets':
    '{ results(first: 50, where: { dataset: { NOT: { access: { eq: OPEN } } } }) { nodes { display } } }',
  'audit where: risks without mitigation': '{ risks(where: { mitigations: { none: {} } }) { name } }',
  'audit where: uncited models':
    '{ models(first: 50, where: { citations: { none: {} } }) { nodes { name } } }',
};

export function body(w: Workload): string {
  return JSON.stringify(w.variables ? { query: w.query, variables: w.variables } : { query: w.query });
}
