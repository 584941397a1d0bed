import { deepCursor, log, nodeIds, richestDataset } from './setup';
import { Target } from './targets';
import * as W from './workloads';

/** A workload, the targets it runs on, and the POST body it sends to each. */
export interface Spec {
  workload: string;
  targets: string[];
  /** the body, or a promise of it where building it reads the target (a deep page's cursor) */
  body(target: Target): string | Promise<string>;
}

const GATEWAYS = ['one-process', 'one-process-planned', 'separate-services', 'apollo-gateway'];
const PEERS = ['one-process', 'one-process-planned', 'apollo-gateway'];
const PAGING = ['one-process', 'one-process@1x'];

const gql = (query: string, variables?: Record<string, unknown>) => W.body({ query, variables, name: '' });

/** The POST body of an operation with no variables, for workloads outside the specs (the audits). */
export const operationBody = (query: string) => gql(query);

/**
 * The workloads of a run. Their variables are read from the one-process gateway first: 100 real
 * node ids and the dataset with the richest page; at scale, also the model pages of each order.
 */
export async function workloadSpecs(one: Target, scale: number): Promise<Spec[]> {
  const ids = await nodeIds(one);
  const slug = await richestDataset(one);
  log(`dataset page: "${slug}"; nodes: ${ids.length} ids`);
  const specs: Spec[] = [
    {
      workload: 'models nested',
      targets: [
        'one-process',
        'one-process-planned',
        'one-process-planned-rust',
        'separate-services',
        'separate-services-rust',
        'floor',
        'apollo-gateway',
      ],
      body: (t) => (t.name === 'floor' ? JSON.stringify({ first: 100 }) : gql(W.NESTED_MODELS)),
    },
    {
      workload: 'models nested (catalog fields)',
      targets: ['one-process', 'catalog-direct'],
      body: () => gql(W.NESTED_MODELS_CATALOG),
    },
    { workload: 'dataset page', targets: GATEWAYS, body: () => gql(W.DATASET_PAGE, { slug }) },
    { workload: 'audits (all six)', targets: GATEWAYS, body: () => gql(W.ALL_AUDITS) },
    // separate-services runs the three multi-subgraph workloads only, to keep the default run near 3 minutes
    { workload: 'search "med"', targets: PEERS, body: () => gql(W.SEARCH) },
    { workload: 'nodes x100', targets: PEERS, body: () => gql(W.NODES, { ids }) },
    ...Object.entries(W.V2_WORKLOADS)
      .filter(([workload]) => scale === 1 || !W.NOT_AT_SCALE.includes(workload))
      .map(([workload, query]) => ({
        workload,
        targets: scale > 1 ? PAGING : PEERS,
        body: () => gql(query),
      })),
  ];
  return scale > 1 ? [...specs, ...scaleSpecs()] : specs;
}

/** At scale: first and deep model pages in each order, and the counts of results, against scale 1. */
function scaleSpecs(): Spec[] {
  const specs: Spec[] = [];
  for (const [suffix, orderBy] of Object.entries(W.MODEL_ORDERS)) {
    specs.push({
      workload: `models page first${suffix}`,
      targets: PAGING,
      body: () => gql(W.MODELS_PAGE, { after: null, orderBy }),
    });
    specs.push({
      workload: `models page deep${suffix}`,
      targets: PAGING,
      body: async (t) => {
        const { after, total } = await deepCursor(t, orderBy);
        log(`${t.name}: deep page${suffix} after row ${total - W.PAGE_SIZE} of ${total}`);
        return gql(W.MODELS_PAGE, { after, orderBy });
      },
    });
  }
  for (const [workload, query] of Object.entries(W.AUDIT_WHERE_PAGES))
    specs.push({ workload, targets: PAGING, body: () => gql(query) });
  specs.push({ workload: 'results count', targets: PAGING, body: () => gql(W.RESULTS_COUNT) });
  specs.push({
    workload: 'results count (one metric)',
    targets: PAGING,
    body: () => gql(W.RESULTS_COUNT_ONE_METRIC),
  });
  return specs;
}

/** The workloads whose p50 at scale N is compared with scale 1. */
export const SCALE_WORKLOADS = [
  ...Object.keys(W.MODEL_ORDERS).flatMap((suffix) => [
    `models page first${suffix}`,
    `models page deep${suffix}`,
  ]),
  'results count',
  'results count (one metric)',
  ...Object.keys(W.V2_WORKLOADS).filter((w) => !W.NOT_AT_SCALE.includes(w)),
  ...Object.keys(W.AUDIT_WHERE_PAGES),
];
