import DataLoader from 'dataloader';
import { applyChanges, RecordChange } from '../../data/apply-changes';
import { readPaper } from '../../data/paper';
import { DataKind, MAX_CITATION, SurveyData } from '../../data/schema';
import { DataIssue, DataValidationError, loadSurveyData, validateSurveyData } from '../../data/validate';
import { Change, ChangeOp } from './change.entity';
import { CurationJournal } from './journal';
import type { Proposal } from './proposal.entity';
import type { Review } from './review.entity';

/**
 * The data/ file of each type curators may write. A mitigation is not here: it is written as a change of
 * the risk record it is nested in (see write-record.ts).
 */
export const CURATED_KINDS: Record<string, DataKind> = {
  Task: 'tasks',
  Metric: 'metrics',
  Model: 'models',
  Dataset: 'datasets',
  Result: 'results',
  Comparison: 'comparisons',
  Risk: 'risks',
  Citation: 'citations',
};

/** A journal change as the change of a record of data/ it makes. */
export function recordChange(change: Change): RecordChange {
  return {
    op: change.op,
    kind: CURATED_KINDS[change.entityType],
    key: change.slug,
    after: change.afterJson ? (JSON.parse(change.afterJson) as object) : null,
  };
}

/**
 * What the subgraphs need to take curators' writes: the journal, the graph as it stands (data/ with the
 * applied changes), the checks data/ gets, and a way to bring this process's stores up to the journal.
 */
export class Curation {
  private base: SurveyData | null = null;
  private paper: string | null = null;
  private current: { head: number; graph: SurveyData } | null = null;
  /**
   * The seq of the last change the open stores were built with (null: not known, all of the journal).
   * While an approval's rebuild runs, the journal is ahead of the stores: the versions and histories
   * readers see stop here, so an entity never shows a version its data does not have yet.
   */
  visibleHead: number | null = null;

  constructor(
    readonly journal: CurationJournal,
    private readonly dataDir: string,
    /** rebuilds and reopens the stores after an approval */
    readonly sync: () => Promise<void>,
  ) {}

  /** data/ as it was read when this process started, before any curated change */
  baseGraph(): SurveyData {
    return (this.base ??= loadSurveyData(this.dataDir));
  }

  /** The graph now: data/ with every applied change, kept until the journal moves on. */
  async graph(): Promise<SurveyData> {
    const head = await this.journal.head();
    if (this.current?.head === head) return this.current.graph;
    const applied = await this.journal.applied();
    const graph = applyChanges(this.baseGraph(), applied.map(recordChange));
    this.current = { head, graph };
    return graph;
  }

  /** The problems data/'s checks find in a graph: none for one that could be data/. */
  check(graph: SurveyData): DataIssue[] {
    this.paper ??= readPaper(this.dataDir);
    try {
      validateSurveyData(graph, MAX_CITATION, this.paper);
      return [];
    } catch (err) {
      if (err instanceof DataValidationError) return err.issues;
      throw err;
    }
  }
}

/** An entity's version: 1 as data/ has it (0 before it was created), plus one per applied change. */
export function versionAfter(history: readonly Pick<Change, 'op'>[]): number {
  return history.length + (history[0]?.op === ChangeOp.CREATE ? 0 : 1);
}

/** The per-request loaders of what the journal knows of entities: their versions and histories. */
export interface CurationLoaders {
  history: DataLoader<string, Change[]>;
  version: DataLoader<string, number>;
  /** changes by id: the references other subgraphs answer with */
  change: DataLoader<string, Change | null>;
  /** proposals, their changes and their reviews by proposal number: a list of proposals reads each once */
  proposal: DataLoader<number, Proposal | null>;
  proposalChanges: DataLoader<number, Change[]>;
  proposalReviews: DataLoader<number, Review[]>;
}

const loaders = new WeakMap<object, CurationLoaders>();

/** One set per request context, so a list of models reads the journal once. */
export function curationLoaders(ctx: { curation?: Curation | null }): CurationLoaders {
  let found = loaders.get(ctx);
  if (!found) {
    const journal = ctx.curation?.journal;
    const history = new DataLoader<string, Change[]>(async (ids) => {
      if (!journal) return ids.map(() => []);
      const by = await journal.historyOf(ids);
      const upTo = ctx.curation?.visibleHead ?? null;
      return ids.map((id) => (by.get(id) ?? []).filter((c) => upTo === null || c.seq! <= upTo));
    });
    const version = new DataLoader<string, number>(async (ids) => {
      const histories = await history.loadMany(ids);
      return histories.map((h) => (h instanceof Error ? h : versionAfter(h)));
    });
    const change = new DataLoader<string, Change | null>(async (ids) => {
      const rows = journal ? await journal.changesById(ids) : [];
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    });
    const proposal = new DataLoader<number, Proposal | null>(async (numbers) => {
      const rows = journal ? await journal.proposalsByNumber(numbers) : [];
      return numbers.map((n) => rows.find((r) => r.number === n) ?? null);
    });
    const proposalChanges = new DataLoader<number, Change[]>(async (numbers) => {
      const by = journal ? await journal.changesOf(numbers) : new Map<number, Change[]>();
      return numbers.map((n) => by.get(n) ?? []);
    });
    const proposalReviews = new DataLoader<number, Review[]>(async (numbers) => {
      const by = journal ? await journal.reviewsOf(numbers) : new Map<number, Review[]>();
      return numbers.map((n) => by.get(n) ?? []);
    });
    loaders.set(ctx, (found = { history, version, change, proposal, proposalChanges, proposalReviews }));
  }
  return found;
}
