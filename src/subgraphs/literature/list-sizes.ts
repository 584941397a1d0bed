import { listSize } from '../../common/federation';

/**
 * The most items each of this subgraph's unpaged lists holds (`nodes` and `search` declare their own), declared with @listSize so that the
 * gateway's cost limit counts what a list can hold. Each is the largest the list is in data/ (the paper's
 * graph), where the record named holds it; test/subgraphs/list-sizes.test.ts checks them against the
 * seeded stores. A synthetic graph (`npm run data:synthetic`) grows the lists marked "grows": their costs
 * are then estimates below what the graph holds.
 */
export const LITERATURE_LIST_SIZES = {
  /** reference [4] */
  citationMentions: listSize(6),
  /** reference [10]; grows */
  citationSupports: listSize(3),
  /** X.citations, for each type a reference supports */
  citations: {
    /** pubmed */
    Dataset: listSize(2),
    /** med-bert */
    Model: listSize(2),
    /** no task has a reference in data/ */
    Task: listSize(0),
    /** every result with references has one */
    Result: listSize(1),
    /** no metric has a reference in data/ */
    Metric: listSize(0),
    /** privacy */
    Risk: listSize(8),
  },
  /** Sector.citations: those cited in the section of medical-informatics; grows */
  sectorCitations: listSize(28),
  /** CitationAggregate.groupBy: the sections references are mentioned in */
  citationGroups: listSize(14),
  /** Audits.uncitedEntities: the whole list; grows */
  uncitedEntities: listSize(160),
} as const;
