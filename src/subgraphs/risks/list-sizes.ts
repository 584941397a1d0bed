import { listSize } from '../../common/federation';

/**
 * The most items each of this subgraph's lists holds, declared with @listSize so that the gateway's cost
 * limit counts what a list can hold. Each is the largest the list is in data/ (the paper's graph), where
 * the record named holds it; test/subgraphs/list-sizes.test.ts checks them against the seeded stores. A
 * synthetic graph (`npm run data:synthetic`) grows the lists marked "grows": their costs are then
 * estimates below what the graph holds.
 */
export const RISKS_LIST_SIZES = {
  /** the ten risks of Section IV (data/risks.json); grows */
  risks: listSize(10),
  /** privacy */
  riskModels: listSize(2),
  /** data */
  riskDatasets: listSize(12),
  /** no risk names a sector in data/; a list of distinct sectors holds at most the seven */
  riskSectors: listSize(7),
  /** reliability */
  riskMitigations: listSize(7),
  /** computation */
  riskFigures: listSize(4),
  /** verification-framework */
  mitigationCitations: listSize(1),
  /** Model.risks: chatgpt */
  modelRisks: listSize(3),
  /** Dataset.risks: big-fantastic-database */
  datasetRisks: listSize(1),
  /** Sector.risks: no risk names a sector in data/ */
  sectorRisks: listSize(0),
  /** Audits.risksWithoutMitigation: the whole list; grows */
  risksWithoutMitigation: listSize(3),
} as const;
