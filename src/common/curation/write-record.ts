import { recordKey } from '../../data/apply-changes';
import { DATA_FILES, DataKind, SurveyData } from '../../data/schema';
import { fromGlobalId, toGlobalId } from '../global-id';
import type { Identity } from '../identity';
import { Change, ChangeOp } from './change.entity';
import { Curation, curationLoaders } from './curation';
import type { WriteInput } from './curation.types';
import { ProposalTarget, proposeWrite, requireCuration, requireRole, UserErrorValue, Write } from './propose';
import { FieldRule, MAX_TEXT, plain, recordFromInput, writableKeys } from './record-input';

/** What a write needs of a subgraph's request context: the caller and the journal. */
export interface CurationContext {
  identity?: Identity;
  curation?: Curation | null;
}

/** How a type's records are written (their keys in the order data/'s schema gives), and which hold ids. */
export interface RecordShape {
  /** the GraphQL type (a key of CURATED_KINDS) */
  type: string;
  kind: DataKind;
  rules: Record<string, FieldRule>;
  /** the input's fields in data/'s shape before they become the record (a nested list's sources) */
  prepare?: (fields: Record<string, unknown>, errors: UserErrorValue[]) => void;
  /** the record as data/ holds it (keys left out rather than empty) */
  finish?: (record: Record<string, unknown>) => void;
}

export interface WriteResult {
  clientMutationId: string | null;
  proposal: unknown;
  change: Change | null;
  userErrors: UserErrorValue[];
  /** the id of the payload's entity, when it exists now (for the entity as the graph has it) */
  entityId: string | null;
}

/** A write as planned from the graph: what to record, and the entity the payload answers with. */
export interface PlannedWrite {
  write: Omit<Write, 'reason'>;
  entityId: string | null;
  /** the title of the proposal opened for it when the input names none */
  title: string;
}

export type WriteArgs = WriteInput & { slug?: string; number?: number; id?: string; version?: number };

/** The verb of a proposal's title for each kind of change. */
export const VERB = { CREATE: 'Create', UPDATE: 'Update', RETIRE: 'Retire' } as const;

/** The key (slug or number) of an id of `type`, or a userError on `field`. */
export function idKey(
  id: unknown,
  type: string,
  errors: UserErrorValue[],
  field: string[] = ['input', 'id'],
): string | null {
  const decoded = typeof id === 'string' ? fromGlobalId(id) : null;
  if (decoded?.type === type) return decoded.key;
  errors.push({ field, message: `not the id of a ${type}`, code: 'INVALID' });
  return null;
}

/** The record of a kind keyed `key` in a graph. */
export function recordIn(graph: SurveyData, kind: DataKind, key: string): Record<string, unknown> | null {
  return ((graph[kind] as object[]).find((r) => recordKey(kind, r) === key) ?? null) as Record<
    string,
    unknown
  > | null;
}

/**
 * Records a write in a proposal (the input's, or a new one): checks the caller's role, then lets `plan`
 * build the write from the graph with the proposal's earlier changes. Every subgraph's writes go here.
 */
export async function submitWrite(
  ctx: CurationContext,
  input: WriteInput,
  plan: (graph: SurveyData, errors: UserErrorValue[]) => PlannedWrite | null,
): Promise<WriteResult> {
  const caller = requireRole(ctx.identity, 'curator');
  const curation = requireCuration(ctx);
  const errors: UserErrorValue[] = [];
  let planned: PlannedWrite | null = null;
  const target = proposalTarget(input, () => planned?.title ?? '', errors);
  const result =
    target === null
      ? { userErrors: errors }
      : await proposeWrite(curation, caller.sub, target, (graph) => {
          planned = errors.length > 0 ? null : plan(graph, errors);
          if (planned === null || errors.length > 0) return errors;
          return { ...planned.write, reason: input.reason ?? null };
        });
  const done = planned as PlannedWrite | null;
  return {
    clientMutationId: input.clientMutationId ?? null,
    proposal: result.proposal ?? null,
    change: result.change ?? null,
    userErrors: result.userErrors,
    entityId: done?.entityId ?? null,
  };
}

/** A create, update or retirement of a record of data/, recorded in a proposal. */
export function writeRecord(
  ctx: CurationContext,
  shape: RecordShape,
  op: ChangeOp,
  input: WriteArgs,
): Promise<WriteResult> {
  const keyName = shape.kind === 'citations' ? 'number' : 'slug';
  return submitWrite(ctx, input, (graph, errors) => {
    const key =
      op === ChangeOp.CREATE ? String(input[keyName as 'slug'] ?? '') : idKey(input.id, shape.type, errors);
    if (key === null) return null;
    const current = recordIn(graph, shape.kind, key);
    let after: Record<string, unknown> | undefined;
    if (op !== ChangeOp.RETIRE) {
      const fields = plain(input);
      delete fields.id;
      shape.prepare?.(fields, errors);
      fields[keyName] = keyName === 'number' ? Number(key) : key;
      after = recordFromInput(
        writableKeys(DATA_FILES[shape.kind].shape),
        shape.rules,
        fields,
        op === ChangeOp.CREATE ? null : current,
        errors,
      );
      shape.finish?.(after);
    }
    return {
      write: { op, entityType: shape.type, slug: key, version: input.version, after },
      entityId: current ? toGlobalId(shape.type, key) : null,
      title: `${VERB[op]} ${shape.type.toLowerCase()} ${key}`,
    };
  });
}

/** The proposal a write goes into: the one the input names, or a new one titled after the write. */
function proposalTarget(
  input: WriteInput,
  title: () => string,
  errors: UserErrorValue[],
): ProposalTarget | null {
  if (input.reason && input.reason.length > MAX_TEXT)
    errors.push({ field: ['input', 'reason'], message: `at most ${MAX_TEXT} characters`, code: 'TOO_LARGE' });
  if (!input.proposal)
    // read once the write is planned: the title names what it writes
    return {
      get title() {
        return title().trim();
      },
      description: input.reason ?? null,
    };
  const key = idKey(input.proposal, 'Proposal', errors, ['input', 'proposal']);
  return key === null ? null : { number: Number(key) };
}

/** An entity's version and applied history, read from the journal in one batch per request. */
export const entityVersion = (ctx: CurationContext, id: string) => curationLoaders(ctx).version.load(id);
export const entityHistory = (ctx: CurationContext, id: string) => curationLoaders(ctx).history.load(id);
