import * as path from 'path';
import { DataSource, EntityManager, In, IsNull, MoreThan, Not } from 'typeorm';
import { Config } from '../config';
import { isPostgres, openWritableStore, StoreTarget } from '../database';
import { badInput } from '../errors';
import { toGlobalId } from '../global-id';
import { Change, ChangeOp } from './change.entity';
import { Curation1796400000000 } from './curation.migration';
import { Proposal, ProposalStatus } from './proposal.entity';
import { Review, ReviewVerdict } from './review.entity';

export const JOURNAL_ENTITIES = [Proposal, Change, Review];

/** Where the journal lives: beside the stores in a file `npm run seed` never rebuilds, or a schema of its own. */
export function journalTarget(config: Config): StoreTarget {
  const [name, pg] = Object.entries(config.databases).find(([, d]) => d !== null) ?? [];
  if (name && pg) return { url: pg.url, schema: `${pg.schema.slice(0, -name.length)}curation` };
  return { file: path.join(config.storeDir, 'curation.sqlite') };
}

/** A change as a curator's mutation makes it, before the journal numbers it. */
export interface NewChange {
  op: ChangeOp;
  entityType: string;
  entityId: string;
  slug: string;
  baseVersion: number;
  before: object | null;
  after: object | null;
  reason: string | null;
}

const now = () => new Date().toISOString();
const MAX_LIST = 500;
/** The most changes one proposal holds, and reviews it takes: a change set to review, not a bulk load. */
export const MAX_CHANGES = 500;
export const MAX_REVIEWS = 200;

/**
 * The curation journal: proposals, their changes and reviews, and (through `seq`) the order approved
 * changes were applied in. It is the record of every curated fact: the stores are rebuilt from data/ with
 * the journal's applied changes replayed over it, so a restart, `npm run seed` or a change of data/ loses
 * none of them. Writes are serialised (one at a time in a process; a lock across processes).
 */
export class CurationJournal {
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly dataSource: DataSource,
    private readonly postgres: boolean,
  ) {}

  static async open(target: StoreTarget): Promise<CurationJournal> {
    const dataSource = await openWritableStore(target, JOURNAL_ENTITIES, [Curation1796400000000], 4);
    return new CurationJournal(dataSource, isPostgres(target));
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }

  /** One write transaction at a time: in this process by a queue, across processes by the database. */
  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const run = this.writing.then(() =>
      this.dataSource.transaction(async (m) => {
        if (this.postgres) await m.query('SELECT pg_advisory_xact_lock(7243001)');
        return work(m);
      }),
    );
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** The seq of the last applied change: 0 before any. */
  async head(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number | string | null }[]>(
      'SELECT MAX("seq") AS n FROM "curation_changes"',
    );
    return Number(row?.n ?? 0);
  }

  /** Every applied change, in the order it was applied. */
  applied(): Promise<Change[]> {
    return this.dataSource
      .getRepository(Change)
      .find({ where: { seq: Not(IsNull()) }, order: { seq: 'ASC' } });
  }

  /** Applied changes after `seq`, oldest first, at most `first`. */
  changesSince(seq: number, first: number): Promise<Change[]> {
    return this.dataSource
      .getRepository(Change)
      .find({ where: { seq: MoreThan(seq) }, order: { seq: 'ASC' }, take: Math.min(first, MAX_LIST) });
  }

  /** The applied changes of each entity, oldest first. */
  async historyOf(entityIds: readonly string[]): Promise<Map<string, Change[]>> {
    const rows = await this.dataSource
      .getRepository(Change)
      .find({ where: { entityId: In([...entityIds]), seq: Not(IsNull()) }, order: { seq: 'ASC' } });
    const byId = new Map<string, Change[]>(entityIds.map((id) => [id, []]));
    for (const r of rows) byId.get(r.entityId)?.push(r);
    return byId;
  }

  /** Changes by id (a reference from another subgraph), in no particular order. */
  changesById(ids: readonly string[]): Promise<Change[]> {
    return this.dataSource.getRepository(Change).find({ where: { id: In([...ids]) } });
  }

  proposal(number: number): Promise<Proposal | null> {
    return this.dataSource.getRepository(Proposal).findOneBy({ number });
  }

  proposalsByNumber(numbers: readonly number[]): Promise<Proposal[]> {
    return this.dataSource.getRepository(Proposal).findBy({ number: In([...numbers]) });
  }

  proposals(status: ProposalStatus | null, first: number): Promise<Proposal[]> {
    return this.dataSource.getRepository(Proposal).find({
      where: status ? { status } : {},
      order: { number: 'DESC' },
      take: Math.min(first, MAX_LIST),
    });
  }

  /** The changes of each proposal, in their order. */
  async changesOf(numbers: readonly number[]): Promise<Map<number, Change[]>> {
    const rows = await this.dataSource
      .getRepository(Change)
      .find({ where: { proposalNumber: In([...numbers]) }, order: { position: 'ASC' } });
    const by = new Map<number, Change[]>(numbers.map((n) => [n, []]));
    for (const r of rows) by.get(r.proposalNumber)?.push(r);
    return by;
  }

  async reviewsOf(numbers: readonly number[]): Promise<Map<number, Review[]>> {
    const rows = await this.dataSource
      .getRepository(Review)
      .find({ where: { proposalNumber: In([...numbers]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    const by = new Map<number, Review[]>(numbers.map((n) => [n, []]));
    for (const r of rows) by.get(r.proposalNumber)?.push(r);
    return by;
  }

  /** Opens a proposal, or adds to `number` (when it is open): the changes, validated by the caller. */
  propose(
    author: string,
    target: { number: number } | { title: string; description: string | null },
    changes: readonly NewChange[],
  ): Promise<{ proposal: Proposal; changes: Change[] }> {
    return this.write(async (m) => {
      let proposal: Proposal;
      if ('number' in target) {
        const found = await m.findOneBy(Proposal, { number: target.number });
        if (!found || found.status !== ProposalStatus.OPEN || found.author !== author)
          throw new Error('the proposal is not an open proposal of yours');
        proposal = found;
      } else {
        const number = (await countRows(m, 'curation_proposals')) + 1;
        proposal = {
          id: toGlobalId('Proposal', number),
          number,
          title: target.title,
          description: target.description,
          author,
          status: ProposalStatus.OPEN,
          createdAt: now(),
          decidedAt: null,
          decidedBy: null,
          decisionReason: null,
        };
        await m.insert(Proposal, proposal);
      }
      const position = await m.count(Change, { where: { proposalNumber: proposal.number } });
      let changeNumber = await countRows(m, 'curation_changes');
      const rows: Change[] = changes.map((c, i) =>
        Object.assign(new Change(), {
          id: toGlobalId('Change', ++changeNumber),
          proposalNumber: proposal.number,
          position: position + i + 1,
          op: c.op,
          entityType: c.entityType,
          entityId: c.entityId,
          slug: c.slug,
          baseVersion: c.baseVersion,
          beforeJson: c.before ? JSON.stringify(c.before) : null,
          afterJson: c.after ? JSON.stringify(c.after) : null,
          reason: c.reason,
          author,
          createdAt: now(),
          seq: null,
          appliedAt: null,
          approvedBy: null,
        }),
      );
      if (rows.length > 0) await m.getRepository(Change).insert(rows as never[]);
      return { proposal, changes: rows };
    });
  }

  /** A comment on an open or closed proposal. */
  comment(number: number, author: string, body: string): Promise<Review> {
    return this.write(async (m) => {
      if ((await m.count(Review, { where: { proposalNumber: number } })) >= MAX_REVIEWS)
        throw badInput(`a proposal takes at most ${MAX_REVIEWS} comments`);
      return addReview(m, number, author, ReviewVerdict.COMMENT, body);
    });
  }

  /**
   * Approves or rejects an open proposal in one transaction. On approval `check` sees the proposal's
   * changes in the same transaction (so no other approval slips in between) and returns the problems
   * that refuse it, if any; with none, the changes get the next seqs.
   */
  decide(
    number: number,
    reviewer: string,
    verdict: ReviewVerdict.APPROVE | ReviewVerdict.REJECT,
    reason: string,
    check: (changes: Change[], applied: Change[]) => Promise<string[]> | string[],
  ): Promise<{ proposal: Proposal; refused: string[] }> {
    return this.write(async (m) => {
      const proposal = await m.findOneBy(Proposal, { number });
      if (!proposal) throw new Error(`there is no proposal ${number}`);
      if (proposal.status !== ProposalStatus.OPEN)
        return { proposal, refused: [`it is ${proposal.status} already`] };
      const changes = await m.find(Change, { where: { proposalNumber: number }, order: { position: 'ASC' } });
      if (verdict === ReviewVerdict.APPROVE) {
        const applied = await m.find(Change, { where: { seq: Not(IsNull()) }, order: { seq: 'ASC' } });
        const refused = await check(changes, applied);
        if (refused.length > 0) return { proposal, refused };
        let seq = applied.length > 0 ? applied[applied.length - 1].seq! : 0;
        const at = now();
        for (const c of changes)
          await m.update(Change, { id: c.id }, { seq: ++seq, appliedAt: at, approvedBy: reviewer });
      }
      const decided: Partial<Proposal> = {
        status: verdict === ReviewVerdict.APPROVE ? ProposalStatus.APPROVED : ProposalStatus.REJECTED,
        decidedAt: now(),
        decidedBy: reviewer,
        decisionReason: reason,
      };
      await m.update(Proposal, { number }, decided);
      await addReview(m, number, reviewer, verdict, reason);
      return { proposal: Object.assign(proposal, decided), refused: [] };
    });
  }
}

/** Rows of a journal table: ids are numbered by it (rows are never deleted). */
async function countRows(m: EntityManager, table: string): Promise<number> {
  const [row] = await m.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM "${table}"`);
  return Number(row?.n ?? 0);
}

async function addReview(
  m: EntityManager,
  number: number,
  author: string,
  verdict: ReviewVerdict,
  body: string,
): Promise<Review> {
  const count = await countRows(m, 'curation_reviews');
  const review: Review = {
    id: toGlobalId('Review', count + 1),
    proposalNumber: number,
    author,
    verdict,
    body,
    createdAt: now(),
  };
  await m.insert(Review, review);
  return review;
}
