import { listSize } from '../../common/federation';

/**
 * The most items each of this subgraph's unpaged lists holds, declared with @listSize so that the
 * gateway's cost limit counts what a list can hold. Each is the largest the list is in data/ (the paper's
 * graph), where the record named holds it; test/subgraphs/list-sizes.test.ts checks them against the
 * seeded stores. A synthetic graph (`npm run data:synthetic`) keeps the sectors and metrics but grows the
 * lists marked "grows": their costs are then estimates below what the graph holds.
 */
export const CATALOG_LIST_SIZES = {
  /** the seven sectors of Section III (data/sectors.json) */
  sectors: listSize(7),
  /** data/metrics.json */
  metrics: listSize(9),
  /** data/comparisons.json; grows */
  comparisons: listSize(15),
  /** a model's distinct sectors (model_sectors is keyed by model and sector): at most the seven */
  modelSectors: listSize(7),
  /** prott5-xxl */
  modelTrainedOn: listSize(2),
  /** vcl; grows */
  modelResults: listSize(3),
  /** endoscopic-video-analysis */
  taskComparisons: listSize(3),
  /** one a (task, metric, dataset) of data/results.json; grows */
  leaderboards: listSize(16),
  /** electrocardiogram-based-diagnosis on AUROC and Morningside Hospital Data; grows */
  leaderboardEntries: listSize(4),
  /** XAggregate.groupBy: the most groups of any of its fields. The sectors and the null group */
  modelGroups: listSize(8),
  /** modality; grows */
  datasetGroups: listSize(21),
  /** the seven sectors */
  taskGroups: listSize(7),
  /** model; grows */
  resultGroups: listSize(23),
  /** Audits: the whole list, in data/; each grows */
  datasetsWithoutOpenAccess: listSize(32),
  closedModels: listSize(166),
  modelsWithUnreportedSize: listSize(157),
  resultsOnRestrictedDatasets: listSize(28),
} as const;
