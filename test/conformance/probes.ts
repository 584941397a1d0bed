import * as fs from 'fs';
import * as path from 'path';
import {
  buildSchema,
  getNamedType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';
import { SUPERGRAPH_FILE } from '../helpers/routers';
import { entityPaths, supergraphFacts } from '../helpers/coverage';

const ROOT = path.resolve(__dirname, '../..');

/** The API schema clients see, and what the checked-in supergraph says about entities and @requires. */
export const API_SCHEMA: GraphQLSchema = buildSchema(
  fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'),
);
export const FACTS = supergraphFacts(parse(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')));
/**
 * every field returning an entity, an abstract type or a value object holding one, and every @requires
 * field: the probes must reach them all
 */
export const ENTITY_PATHS = entityPaths(API_SCHEMA, FACTS).filter(
  // reads only: a mutation's payload is probed by the curation tests, which write; so is the journal
  // (proposals, changes, histories), empty in the probes' stores
  (coordinate) =>
    !/^(Mutation|\w+Payload|Proposal)\./.test(coordinate) &&
    !/^Query\.(proposals?|changes)$|\.history$/.test(coordinate),
);

export interface Probe {
  /** what the probe asks, as a test name */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** the code of the error the reference router answers with (null: an error without a code); none: no error */
  error?: string | null;
  /** whether the probe selects every entity it answers with all its fields (the generated probes) */
  everyField?: boolean;
}

export const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString('base64');

// ---------------------------------------------------------------------------------------------------
// The saved operations: every document of the persisted-documents manifest (src/client/operations with
// fragments.graphql inlined, as clients send them), with real variables.

export const MANIFEST_FILE = path.join(ROOT, 'persisted-documents.json');
export const OPERATIONS_DIR = path.join(ROOT, 'src/client/operations');

/** The variables each saved operation is probed with: one probe per entry. */
export const SAVED_VARIABLES: Record<string, Record<string, unknown>[]> = {
  AuditClosedModels: [{}],
  AuditDatasetsWithoutOpenAccess: [{}],
  AuditModelsWithUnreportedSize: [{}],
  AuditResultsOnRestrictedDatasets: [{}],
  AuditRisksWithoutMitigation: [{}],
  AuditUncitedEntities: [{}],
  CitationSupports: [{ number: 84 }, { number: 87 }, { number: 10 }, { number: 32 }, { number: 191 }],
  DatasetPage: [
    { slug: 'casp14' },
    { slug: 'imagenet-1k' },
    { slug: 'uniref', first: 1 },
    { slug: 'no-such' },
  ],
  ModelPage: [{ slug: 'esmfold' }, { slug: 'chatgpt' }, { slug: 'rna-fm' }, { slug: 'med-palm-2' }],
  Search: [{ query: 'esm' }, { query: 'med', first: 100 }, { query: 'zzzz' }],
  BeatsPriorArt: [{ by: 0.1 }, { by: 0 }],
  Leaderboard: [
    { task: 'msa-free-protein-sequence-prediction', metric: 'tm-score', dataset: 'casp14' },
    { task: 'united-states-medical-licensing-examination', metric: 'accuracy' },
  ],
  ModelsCitedInSection: [{ section: 'Section III-D' }, { section: 'Section II-A' }],
  ModelsPerTypeAndAccess: [{}],
  Neighbors: [{ id: gid('Model', 'esmfold') }, { id: gid('Risk', 'privacy'), depth: 2 }],
  RestrictedDatasetsAndTheirModels: [{}],
  RisksWithClosedExamples: [{}],
  // the import's reads of the graph: a page of each
  SourcedModels: [{}, { first: 5 }],
  SourcedDatasets: [{}],
  SearchText: [{ query: 'hallucination' }, { query: 'chest x-ray', types: ['DATASET'] }],
  ExplorerSearch: [{ query: 'esm' }, { query: 'privacy', first: 5 }],
  ExplorerEntity: [
    gid('Model', 'esmfold'),
    gid('Dataset', 'casp14'),
    gid('Task', 'msa-free-protein-sequence-prediction'),
    gid('Metric', 'tm-score'),
    gid('Sector', 'bioinformatics'),
    gid('Result', 'esmfold-casp14-tm-score'),
    gid('Risk', 'privacy'),
    gid('Citation', 84),
  ].map((id) => ({ id })),
  ExplorerNeighbors: [
    { id: gid('Model', 'esmfold'), depth: 1 },
    { id: gid('Model', 'esmfold'), depth: 2, types: ['MODEL', 'DATASET'] },
  ],
  ExplorerPath: [{ from: gid('Model', 'gpt-4'), to: gid('Risk', 'privacy') }],
  ExplorerTableOne: [{}],
  ExplorerAggregates: [{}],
  ExplorerAuditsWhere: [{}],
  // the journal is empty here: the reads answer [] and null, and a model's history []
  Proposals: [{}, { status: 'APPROVED', first: 5 }],
  Proposal: [{ id: gid('Proposal', 1) }],
  Changes: [{}, { since: 3, first: 10 }],
  ModelHistory: [{ slug: 'esmfold' }],
  DatasetHistory: [{ slug: 'casp14' }],
  SectorOverview: JSON.parse(fs.readFileSync(path.join(ROOT, 'data/sectors.json'), 'utf8')) as {
    slug: string;
  }[],
};

export const operationName = (document: string) =>
  /(?:^| )(?:query|mutation) (\w+)/.exec(document)?.[1] ?? '';
export const MANIFEST = JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8')) as Record<string, string>;
/**
 * The saved operations the probes run: the reads. The saved writes (ProposeModel, ApproveProposal, ...)
 * are run by the curation tests (test/client/curation-client.test.ts, test/gateway/trusted-documents.test.ts).
 */
export const SAVED_READS = Object.values(MANIFEST).filter((document) => /(?:^| )query \w/.test(document));

function savedOperations(): Probe[] {
  return SAVED_READS.flatMap((query) => {
    const name = operationName(query);
    return (SAVED_VARIABLES[name] ?? []).map((v) => {
      const variables = name === 'SectorOverview' ? { slug: v.slug } : v;
      return { name: `${name} ${JSON.stringify(variables)}`, query, variables };
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Selections generated from the API schema, so that a new field is probed without anyone adding it here.

/** Fields a probe can select without arguments of its own choosing (none outside Query need any). */
const selectable = (field: GraphQLField<unknown, unknown>) =>
  !field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** A paged field is asked for a small page, keeping every probe far below the gateway's cost limit. */
const page = (field: GraphQLField<unknown, unknown>, size: number) =>
  field.args.some((a) => a.name === 'first') ? `(first: ${size})` : '';

type Expand = (type: GraphQLNamedType, seen: string[]) => string;

/**
 * The fields of an object type, each expanded by `expand` (`skip` left out). In a selection on several
 * object types, a field whose type differs between them (`clash`: Sector.models is a connection,
 * Risk.models a list) is aliased `<field>_<Type>`, as GraphQL requires.
 */
function fieldsOf(
  type: GraphQLObjectType,
  expand: Expand,
  size: number,
  seen: string[],
  clash?: Set<string>,
  skip?: Set<string>,
) {
  const fields = Object.values(type.getFields()).filter((f) => selectable(f) && !skip?.has(f.name));
  return fields
    .map((f) => {
      const alias = clash?.has(f.name) ? `${f.name}_${type.name}: ` : '';
      return `${alias}${f.name}${page(f, size)} ${expand(getNamedType(f.type), [...seen, type.name])}`.trim();
    })
    .join(' ');
}

/** Field names that the object types of an abstract type give different types. */
function clashes(types: readonly GraphQLObjectType[]): Set<string> {
  const typeOf = new Map<string, Set<string>>();
  for (const t of types)
    for (const f of Object.values(t.getFields()))
      typeOf.set(f.name, (typeOf.get(f.name) ?? new Set()).add(String(f.type)));
  return new Set([...typeOf].filter(([, set]) => set.size > 1).map(([name]) => name));
}

/**
 * A nested selection: leaves as they are, value objects field by field, and an entity (or an abstract
 * type) by `__typename id` only: reaching an entity from here is the business of its own probe.
 */
function nested(type: GraphQLNamedType, seen: string[] = []): string {
  if (isLeafType(type)) return '';
  if (isAbstractType(type)) return '{ __typename ... on Node { id } }';
  if (!isObjectType(type) || FACTS.entities.has(type.name)) return '{ __typename id }';
  if (seen.includes(type.name)) throw new Error(`value type ${type.name} nests itself`);
  // a nested connection by its count and first node: its edges and pages are probed where it is the field
  if (type.name.endsWith('Connection'))
    return `{ totalCount nodes ${nested(getNamedType(type.getFields().nodes.type))} }`;
  return `{ ${fieldsOf(type, nested, 1, seen)} }`;
}

/**
 * What a probe selects on the field it is about: an entity with every field (nested as above), an abstract
 * type with each of its object types so, and a value object (a connection, an edge, a comparison) with
 * every field, down to the entities in it.
 */
export function full(type: GraphQLNamedType, seen: string[] = []): string {
  if (isAbstractType(type)) {
    const types = API_SCHEMA.getPossibleTypes(type);
    const clash = clashes(types);
    return `{ __typename ${types.map((t) => `... on ${t.name} { __typename ${fieldsOf(t, nested, 1, [], clash)} }`).join(' ')} }`;
  }
  if (!isObjectType(type)) return nested(type);
  if (seen.includes(type.name)) throw new Error(`value type ${type.name} nests itself`);
  if (FACTS.entities.has(type.name)) return `{ __typename ${fieldsOf(type, nested, 1, [])} }`;
  // a connection's edges hold the same nodes: they have probes of their own (ModelConnection.edges, ...)
  const skip = type.name.endsWith('Connection') ? new Set(['edges']) : undefined;
  return `{ ${fieldsOf(type, full, 3, seen, undefined, skip)} }`;
}

// ---------------------------------------------------------------------------------------------------
// Every way of reaching an entity: for the fields of ENTITY_PATHS, probes reach objects of each field's
// parent type and select the field with every field of what it returns.

/**
 * How the probes reach objects of each parent type: the instances are chosen from data/ so that each of
 * their fields has something to answer (esmfold has results and training data, chatgpt has risks, ...).
 */
const REACH: Record<string, (inner: string) => string> = {
  Audits: (x) => `audits { ${x} }`,
  Model: (x) => `a: model(slug: "esmfold") { ${x} } b: model(slug: "chatgpt") { ${x} }`,
  Dataset: (x) =>
    ['big-fantastic-database', 'casp14']
      .map((slug, i) => `d${i}: dataset(slug: "${slug}") { ${x} }`)
      .join(' '),
  Sector: (x) => `sector(slug: "bioinformatics") { ${x} }`,
  Task: (x) => `task(slug: "msa-free-protein-sequence-prediction") { ${x} }`,
  Metric: (x) => `metric(slug: "tm-score") { ${x} }`,
  Result: (x) =>
    `a: results(first: 1, filter: { model: "esmfold" }) { nodes { ${x} } } ` +
    `b: results(first: 1, filter: { model: "xtrimopglm" }) { nodes { ${x} } }`,
  Risk: (x) => ['data', 'sustainability'].map((slug) => `${slug}: risk(slug: "${slug}") { ${x} }`).join(' '),
  // between them supporting a model, a result, a dataset and a risk
  Citation: (x) => [87, 32, 10].map((n) => `c${n}: citation(number: ${n}) { ${x} }`).join(' '),
  Comparison: (x) => `comparisons { ${x} }`,
  Mitigation: (x) => `risk(slug: "privacy") { mitigations { ${x} } }`,
  // the first board of the paper, and the USMLE board without a dataset
  Leaderboard: (x) =>
    `a: leaderboard(task: "msa-free-protein-sequence-prediction", metric: "tm-score", dataset: "casp14") { ${x} } ` +
    `b: leaderboard(task: "united-states-medical-licensing-examination", metric: "accuracy") { ${x} }`,
  LeaderboardEntry: (x) =>
    `leaderboard(task: "global-weather-forecast", metric: "rmse", dataset: "era5") { entries { ${x} } }`,
  ModelConnection: (x) => `models(first: 3) { ${x} }`,
  ModelEdge: (x) => `models(first: 3) { edges { ${x} } }`,
  DatasetConnection: (x) => `datasets(first: 3) { ${x} }`,
  DatasetEdge: (x) => `datasets(first: 3) { edges { ${x} } }`,
  TaskConnection: (x) => `tasks(first: 3) { ${x} }`,
  TaskEdge: (x) => `tasks(first: 3) { edges { ${x} } }`,
  ResultConnection: (x) => `results(first: 3) { ${x} }`,
  ResultEdge: (x) => `results(first: 3) { edges { ${x} } }`,
  Neighborhood: (x) => `neighbors(id: "${gid('Model', 'esmfold')}") { ${x} }`,
  GraphEdge: (x) => `path(from: "${gid('Model', 'esmfold')}", to: "${gid('Risk', 'privacy')}") { ${x} }`,
  CitationConnection: (x) => `citations(first: 3, filter: { supportsSomething: true }) { ${x} }`,
  CitationEdge: (x) => `citations(first: 3, filter: { supportsSomething: true }) { edges { ${x} } }`,
  TextSearchConnection: (x) => `searchText(query: "esmfold", first: 3) { ${x} }`,
  TextSearchEdge: (x) => `searchText(query: "esmfold", first: 3) { edges { ${x} } }`,
  ModelAggregate: (x) =>
    `models(where: { sectors: { some: { slug: { eq: "bioinformatics" } } } }) { aggregate { ${x} } }`,
  DatasetAggregate: (x) => `datasets { aggregate { ${x} } }`,
  TaskAggregate: (x) => `tasks { aggregate { ${x} } }`,
  ResultAggregate: (x) => `results(filter: { metric: "tm-score" }) { aggregate { ${x} } }`,
  CitationAggregate: (x) => `citations(where: { number: { lte: 20 } }) { aggregate { ${x} } }`,
  Stats: (x) => `models { aggregate { parameters { ${x} } } }`,
  GroupCount: (x) => `tasks { aggregate { groupBy(field: SECTOR) { ${x} } } }`,
};

/** Arguments of the root fields; node, nodes and search have probes of their own below. */
const QUERY_ARGS: Record<string, string> = {
  datasets: '(first: 5, filter: { sector: "bioinformatics" })',
  dataset: '(slug: "casp14")',
  metric: '(slug: "tm-score")',
  models: '(first: 5, orderBy: { field: PARAMETERS, direction: DESC })',
  model: '(slug: "esmfold")',
  results: '(first: 5, filter: { model: "esmfold" })',
  sector: '(slug: "public-health")',
  tasks: '(first: 5)',
  task: '(slug: "msa-free-protein-sequence-prediction")',
  citations: '(first: 5, filter: { section: "III-F" })',
  citation: '(number: 84)',
  risk: '(slug: "privacy")',
  comparison: '(slug: "esmfold-vs-alphafold2-casp14-tm-score")',
  leaderboard: '(task: "global-weather-forecast", metric: "rmse", dataset: "era5")',
  neighbors: `(id: "${gid('Model', 'esmfold')}")`,
  path: `(from: "${gid('Model', 'esmfold')}", to: "${gid('Risk', 'privacy')}")`,
  searchText: '(query: "esmfold", first: 5)',
};
const OWN_PROBES = new Set(['Query.node', 'Query.nodes', 'Query.search']);
/**
 * Value objects whose lists are sized by bounds far above what data/ holds (a neighborhood may hold 1000
 * entities): selected whole, their probes would be over the cost limit, so they select entities by id.
 */
const BY_ID = new Set(['Neighborhood']);
/** Parents whose fields are probed one by one: the audits' unpaged lists together are over the cost limit. */
const ONE_PER_FIELD = new Set(['Audits']);

/**
 * One probe per root field, one per @requires field, and one per other parent type with all its fields
 * that reach entities (fewer, larger operations: each request costs every router more than its size).
 */
function pathProbes(): Probe[] {
  const groups = new Map<string, string[]>();
  for (const coordinate of ENTITY_PATHS.filter((c) => !OWN_PROBES.has(c))) {
    const [parent] = coordinate.split('.');
    const alone = parent === 'Query' || ONE_PER_FIELD.has(parent) || FACTS.requires.has(coordinate);
    const key = alone ? coordinate : parent;
    groups.set(key, [...(groups.get(key) ?? []), coordinate]);
  }
  return [...groups.values()].map((coordinates) => {
    const parent = coordinates[0].split('.')[0];
    const type = API_SCHEMA.getType(parent);
    if (!isObjectType(type)) throw new Error(`${parent} is not an object type`);
    const byId = (named: GraphQLNamedType) => BY_ID.has(parent) || BY_ID.has(named.name);
    let everyField = true;
    const selections = coordinates.map((coordinate) => {
      const field = type.getFields()[coordinate.split('.')[1]];
      const args = parent === 'Query' ? (QUERY_ARGS[field.name] ?? page(field, 5)) : page(field, 5);
      const named = getNamedType(field.type);
      if (byId(named)) everyField = false;
      return `${field.name}${args} ${byId(named) ? nested(named) : full(named)}`;
    });
    const reach = parent === 'Query' ? (x: string) => x : REACH[parent];
    if (!reach)
      throw new Error(
        `no way to reach a ${parent} for the probe of ${coordinates.join(', ')}: add it to REACH`,
      );
    const owners = [...new Set(coordinates.flatMap((c) => FACTS.owners.get(c) ?? ['?']))].join(', ');
    const fields = coordinates.map((c) => c.split('.')[1]);
    const name = fields.length === 1 ? `${parent}.${fields[0]}` : `${parent}.{${fields.join(', ')}}`;
    return { name: `${name} (${owners})`, query: `{ ${reach(selections.join(' '))} }`, everyField };
  });
}

// ---------------------------------------------------------------------------------------------------
// node and nodes for an id of every type, and search with every member of SearchHit.

/** An id of each type implementing Node, with a real slug (or number) from data/. */
export const NODE_IDS: Record<string, string> = {
  Model: gid('Model', 'esmfold'),
  Dataset: gid('Dataset', 'casp14'),
  Task: gid('Task', 'msa-free-protein-sequence-prediction'),
  Metric: gid('Metric', 'tm-score'),
  Result: gid('Result', 'esmfold-casp14-tm-score'),
  Risk: gid('Risk', 'privacy'),
  Sector: gid('Sector', 'public-health'),
  Citation: gid('Citation', 84),
  Comparison: gid('Comparison', 'esmfold-vs-alphafold2-casp14-tm-score'),
  Mitigation: gid('Mitigation', 'refusal-fine-tuning'),
};

/** Search terms between them matching every member of SearchHit. */
export const SEARCH_TERMS = ['esmfold', 'casp14', 'msa-free', 'tm score', 'privacy', 'public health', '[87]'];

function nodeProbes(): Probe[] {
  const node = API_SCHEMA.getType('Node');
  if (!isInterfaceType(node)) throw new Error('the API has no Node interface');
  const types = API_SCHEMA.getPossibleTypes(node).map((t) => t.name);
  const missing = types.filter((t) => !NODE_IDS[t]);
  if (missing.length)
    throw new Error(`no id to probe node() with for ${missing.join(', ')}: add it to NODE_IDS`);
  const selection = full(node);
  const ids = [
    ...types.map((t) => NODE_IDS[t]),
    gid('Model', 'no-such-model'),
    gid('Dataset', 'privacy'),
    'garbage',
    NODE_IDS.Model,
  ];
  return [
    ...types.map((t) => ({
      name: `node(id: ${t})`,
      query: `query($id: ID!) { node(id: $id) ${selection} }`,
      variables: { id: NODE_IDS[t] },
      everyField: true,
    })),
    {
      name: 'nodes(ids: one of every type, unknown, wrongly typed, malformed and repeated ids)',
      query: `query($ids: [ID!]!) { nodes(ids: $ids) ${selection} }`,
      variables: { ids },
      everyField: true,
    },
    {
      name: 'node(id: unknown)',
      query: `{ node(id: "${gid('Sector', 'no-such-sector')}") { __typename id } }`,
    },
    ...SEARCH_TERMS.map((term) => ({
      name: `search(query: ${JSON.stringify(term)})`,
      query: `query($q: String!) { search(query: $q, first: 5) ${full(API_SCHEMA.getType('SearchHit')!)} }`,
      variables: { q: term },
      everyField: true,
    })),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Errors: each router must refuse the same operations, with the same message and code.

function errorProbes(): Probe[] {
  const tooMany = Array.from({ length: 501 }, (_, i) => gid('Model', `m${i}`));
  return [
    {
      name: 'unknown field: validation error',
      query: `{ model(slug: "esmfold") { slug nope } }`,
      error: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'unknown argument: validation error',
      query: `{ models(skip: 2) { totalCount } }`,
      error: 'GRAPHQL_VALIDATION_FAILED',
    },
    { name: 'syntax error', query: `{ model(slug: "esmfold") { slug }`, error: 'GRAPHQL_PARSE_FAILED' },
    {
      name: 'required variable not given',
      query: `query($slug: String!) { model(slug: $slug) { slug } }`,
      variables: {},
      error: 'BAD_USER_INPUT',
    },
    {
      name: 'variable of the wrong type',
      query: `query($n: Int!) { citation(number: $n) { label } }`,
      variables: { n: 'eighty-four' },
      error: 'BAD_USER_INPUT',
    },
    {
      name: 'bad cursor: BAD_USER_INPUT',
      query: `{ models(first: 2, after: "not-a-cursor") { nodes { slug } } }`,
      error: 'BAD_USER_INPUT',
    },
    {
      name: 'bad cursor of a literature list: BAD_USER_INPUT',
      query: `{ citations(after: "bm90IGpzb24=") { totalCount } }`,
      error: 'BAD_USER_INPUT',
    },
    {
      name: 'bad cursor in an entity fetch, beside a field that succeeds',
      query: `{ model(slug: "esmfold") { slug } node(id: "${gid('Dataset', 'uniref')}") { ... on Dataset { slug usedToTrain(after: "zzz") { totalCount } } } }`,
      error: 'BAD_USER_INPUT',
    },
    {
      name: 'first over 500: BAD_USER_INPUT',
      query: `{ datasets(first: 501) { totalCount } }`,
      error: 'BAD_USER_INPUT',
    },
    {
      name: 'search first over 100: BAD_USER_INPUT',
      query: `{ search(query: "med", first: 101) { __typename } }`,
      error: 'BAD_USER_INPUT',
    },
    {
      name: 'nodes over 500 ids: BAD_USER_INPUT',
      query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
      variables: { ids: tooMany },
      error: 'BAD_USER_INPUT',
    },
  ];
}

// ---------------------------------------------------------------------------------------------------
// Filters: `where` and `orderBy` answer from the subgraph that serves the list, under every router.

function whereProbes(): Probe[] {
  return [
    {
      name: 'where: models the paper cites only in Section III-D, with their citations',
      query: `query($s: String!) { models(first: 100, where: { citations: { some: { section: { eq: $s } }, all: { section: { eq: $s } } } }) {
        totalCount nodes { slug citations { number } risks { slug } } } }`,
      variables: { s: 'Section III-D' },
    },
    {
      name: 'where: datasets not OPEN with their trainers, nested where and orderBy, backward paging',
      query: `{ datasets(last: 5, where: { NOT: { access: { eq: OPEN } }, usedToTrain: { some: {} } }, orderBy: { field: USED_TO_TRAIN_COUNT, direction: DESC }) {
        totalCount nodes { slug access usedToTrain(where: { risks: { none: {} } }, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { slug } } } } }`,
    },
  ];
}

/** Every probe the routers are compared on. */
export const PROBES: Probe[] = [
  ...savedOperations(),
  ...pathProbes(),
  ...nodeProbes(),
  ...errorProbes(),
  ...whereProbes(),
];
