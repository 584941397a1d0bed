import { GraphQLError } from 'graphql';
import { applyChanges, RecordChange, recordKey } from '../../data/apply-changes';
import type { SurveyData } from '../../data/schema';
import type { DataIssue } from '../../data/validate';
import { toGlobalId } from '../global-id';
import type { Identity } from '../identity';
import { Change, ChangeOp } from './change.entity';
import { Curation, CURATED_KINDS, recordChange, versionAfter } from './curation';
import { MAX_CHANGES } from './journal';
import { Proposal, ProposalStatus } from './proposal.entity';
import { ReviewVerdict } from './review.entity';

/** A problem with a mutation's input, returned in its payload (GitHub's and Shopify's userErrors). */
export interface UserErrorValue {
  field: string[] | null;
  message: string;
  code: string;
}

const RANK = { reader: 0, curator: 1, reviewer: 2, admin: 3 } as const;

/**
 * Refuses a caller below `role`, as the subgraph sees the caller (the gateway's signed identity): a
 * subgraph reached directly checks again what the gateway checked.
 */
export function requireRole(identity: Identity | undefined, role: 'curator' | 'reviewer'): Identity {
  if (!identity || identity.sub === 'anonymous')
    throw new GraphQLError(`this mutation needs an API key with the ${role} role`, {
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
  if ((RANK[identity.role] ?? 0) < RANK[role])
    throw new GraphQLError(
      `this mutation needs the ${role} role; the key "${identity.sub}" is a ${identity.role}`,
      {
        extensions: { code: 'FORBIDDEN', http: { status: 403 } },
      },
    );
  return identity;
}

export function requireCuration(ctx: { curation?: Curation | null }): Curation {
  if (!ctx.curation)
    throw new GraphQLError('curation is not available on this server', {
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
  return ctx.curation;
}

/** One write a curator asks for, already turned into data/'s shape. */
export interface Write {
  op: ChangeOp;
  entityType: keyof typeof CURATED_KINDS;
  slug: string;
  /** the version the curator saw (updates and retirements); none: the current one (a nested record's write) */
  version?: number;
  /** the record after (creates and updates) */
  after?: object;
  reason: string | null;
  /** the input field a data/ field of the record comes from, where they differ (a nested record's) */
  inputField?: (field: string) => string;
}

/** Where a write goes: an open proposal of the caller's, or a new one. */
export type ProposalTarget = { number: number } | { title: string; description: string | null };

/** A data/ check's problem as a userError: the field of the input it names. */
function userErrorOf(issue: DataIssue, inputField = (f: string) => f): UserErrorValue {
  const field = issue.field ? ['input', ...inputField(issue.field).split('.')] : null;
  const record = issue.record ? ` (${issue.file} ${issue.record})` : '';
  return { field, message: `${issue.message}${record}`, code: 'INVALID' };
}

const keyOf = (w: Pick<Write, 'entityType' | 'slug'>) => toGlobalId(w.entityType, w.slug);

/**
 * The record of an entity in the graph with the proposal's earlier changes, the version the curator
 * sees (the applied history's), and the version its change is made against: with the proposal's earlier
 * changes of it, so that an approval, which replays them in order, finds each change's version current.
 */
async function currentOf(curation: Curation, graph: SurveyData, w: Write, earlier: readonly Change[]) {
  const kind = CURATED_KINDS[w.entityType];
  const record = (graph[kind] as object[]).find((r) => recordKey(kind, r) === w.slug) ?? null;
  const history = (await curation.journal.historyOf([keyOf(w)])).get(keyOf(w)) ?? [];
  const own = earlier.filter((c) => c.entityId === keyOf(w));
  return {
    record,
    version: record ? versionAfter(history) : 0,
    baseVersion: record ? versionAfter([...history, ...own]) : 0,
  };
}

/**
 * Checks a write against the graph as it stands with the proposal's earlier changes, and records it in
 * the proposal: nothing is recorded when anything is wrong. `plan` makes the write from that graph (so
 * a second change of a record in one proposal builds on the first), or returns why it cannot.
 */
export async function proposeWrite(
  curation: Curation,
  author: string,
  target: ProposalTarget,
  plan: (graph: SurveyData) => Write | UserErrorValue[],
): Promise<{ proposal?: Proposal; change?: Change; userErrors: UserErrorValue[] }> {
  const graph = await curation.graph();
  let pending: Change[] = [];
  if ('number' in target) {
    const proposal = await curation.journal.proposal(target.number);
    if (!proposal || proposal.author !== author || proposal.status !== ProposalStatus.OPEN)
      return {
        userErrors: [
          { field: ['input', 'proposal'], message: 'not an open proposal of yours', code: 'NOT_FOUND' },
        ],
      };
    pending = (await curation.journal.changesOf([target.number])).get(target.number) ?? [];
    if (pending.length >= MAX_CHANGES)
      return {
        userErrors: [
          {
            field: ['input', 'proposal'],
            message: `a proposal holds at most ${MAX_CHANGES} changes`,
            code: 'TOO_LARGE',
          },
        ],
      };
  }
  const before = applyChanges(graph, pending.map(recordChange));
  const write = plan(before);
  if (Array.isArray(write)) return { userErrors: write };
  const { record, version, baseVersion } = await currentOf(curation, before, write, pending);
  const errors: UserErrorValue[] = [];
  const keyName = CURATED_KINDS[write.entityType] === 'citations' ? 'number' : 'slug';
  if (write.op === ChangeOp.CREATE && record)
    errors.push({
      field: ['input', keyName],
      message: `a ${write.entityType} with the ${keyName} "${write.slug}" exists already`,
      code: 'DUPLICATE',
    });
  if (write.op !== ChangeOp.CREATE && !record)
    errors.push({
      field: ['input', 'id'],
      message: `there is no such ${write.entityType}`,
      code: 'NOT_FOUND',
    });
  if (write.op !== ChangeOp.CREATE && record && write.version !== undefined && write.version !== version)
    errors.push({
      field: ['input', 'version'],
      message: `stale version ${write.version}: the ${write.entityType} is at version ${version}`,
      code: 'STALE_VERSION',
    });
  if (errors.length > 0) return { userErrors: errors };
  const after = write.op === ChangeOp.RETIRE ? null : (write.after ?? null);
  const change: RecordChange = {
    op: write.op,
    kind: CURATED_KINDS[write.entityType],
    key: write.slug,
    after,
  };
  const issues = curation.check(applyChanges(before, [change]));
  if (issues.length > 0) return { userErrors: issues.map((i) => userErrorOf(i, write.inputField)) };
  const { proposal, changes } = await curation.journal.propose(author, target, [
    {
      op: write.op,
      entityType: write.entityType,
      entityId: keyOf(write),
      slug: write.slug,
      baseVersion,
      before: record,
      after,
      reason: write.reason,
    },
  ]);
  return { proposal, change: changes[0], userErrors: [] };
}

/**
 * Approves (applying every change of the proposal in one journal transaction, then bringing the stores up
 * to it) or rejects an open proposal. Refused, with userErrors, when a change was made against a version
 * that is no longer current or the graph with the changes fails data/'s checks.
 */
export async function decideProposal(
  curation: Curation,
  reviewer: string,
  number: number,
  verdict: ReviewVerdict.APPROVE | ReviewVerdict.REJECT,
  reason: string,
): Promise<{ proposal?: Proposal; userErrors: UserErrorValue[] }> {
  const found = await curation.journal.proposal(number);
  if (!found)
    return {
      userErrors: [{ field: ['input', 'proposal'], message: 'there is no such proposal', code: 'NOT_FOUND' }],
    };
  if (verdict === ReviewVerdict.APPROVE && found.author === reviewer)
    return {
      userErrors: [
        {
          field: ['input', 'proposal'],
          message: 'a reviewer cannot approve their own proposal',
          code: 'FORBIDDEN',
        },
      ],
    };
  let issues: UserErrorValue[] = [];
  const { proposal, refused } = await curation.journal.decide(
    number,
    reviewer,
    verdict,
    reason,
    (changes, applied) => {
      const staleness: string[] = [];
      const replay = [...applied];
      for (const c of changes) {
        const version = versionAfter(replay.filter((r) => r.entityId === c.entityId));
        if (c.op !== ChangeOp.CREATE && c.baseVersion !== version)
          staleness.push(
            `${c.entityType} ${c.slug} changed since: it is at version ${version}, the change was made against ${c.baseVersion}`,
          );
        replay.push(c);
      }
      if (staleness.length > 0) return staleness;
      const graph = applyChanges(curation.baseGraph(), [...applied, ...changes].map(recordChange));
      issues = curation.check(graph).map((i) => userErrorOf(i));
      return issues.map((i) => i.message);
    },
  );
  if (refused.length > 0)
    return {
      proposal,
      userErrors:
        issues.length > 0
          ? issues
          : refused.map((message) => ({ field: ['input', 'proposal'], message, code: 'CONFLICT' })),
    };
  if (verdict === ReviewVerdict.APPROVE) await curation.sync();
  return { proposal, userErrors: [] };
}
