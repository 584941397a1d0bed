import { Change, ChangeOp } from '../../../common/curation/change.entity';
import { curationLoaders } from '../../../common/curation/curation';
import {
  proposeWrite,
  requireCuration,
  requireRole,
  UserErrorValue,
  Write,
} from '../../../common/curation/propose';
import { FieldRule, recordFromInput } from '../../../common/curation/record-input';
import type { WriteInput } from '../../../common/curation/curation.types';
import { fromGlobalId, toGlobalId } from '../../../common/global-id';
import { CatalogContext } from '../loaders';

/** How a catalog type's records are written: their keys in data/ order, and which hold ids. */
export interface RecordShape {
  type: 'Model' | 'Dataset';
  kind: 'models' | 'datasets';
  order: readonly string[];
  rules: Record<string, FieldRule>;
}

export const MODEL_SHAPE: RecordShape = {
  type: 'Model',
  kind: 'models',
  order: [
    'slug',
    'name',
    'aliases',
    'type',
    'parameters',
    'access',
    'trainedOn',
    'trainingDataNote',
    'sectors',
    'citations',
    'source',
    'notes',
  ],
  rules: { aliases: 'list', trainedOn: { ids: 'Dataset' }, sectors: { ids: 'Sector' }, citations: 'list' },
};

export const DATASET_SHAPE: RecordShape = {
  type: 'Dataset',
  kind: 'datasets',
  order: [
    'slug',
    'name',
    'aliases',
    'scale',
    'size',
    'modalities',
    'purpose',
    'access',
    'sector',
    'citations',
    'source',
    'notes',
  ],
  rules: { aliases: 'list', modalities: 'list', sector: { id: 'Sector' }, citations: 'list' },
};

export interface WriteResult {
  clientMutationId: string | null;
  proposal: unknown;
  change: Change | null;
  userErrors: UserErrorValue[];
  /** the entity's id, for the payload's entity as the graph has it now */
  entityId: string | null;
}

const plain = (input: object) => JSON.parse(JSON.stringify(input)) as Record<string, unknown>;

/** A create, update or retirement of a catalog record, recorded in a proposal. */
export async function catalogWrite(
  ctx: CatalogContext,
  shape: RecordShape,
  op: ChangeOp,
  input: WriteInput & { slug?: string; id?: string; version?: number },
): Promise<WriteResult> {
  const caller = requireRole(ctx.identity, 'curator');
  const curation = requireCuration(ctx);
  const errors: UserErrorValue[] = [];
  const refused = (): WriteResult => ({
    clientMutationId: input.clientMutationId ?? null,
    proposal: null,
    change: null,
    userErrors: errors,
    entityId: null,
  });
  const slug = op === ChangeOp.CREATE ? input.slug! : idSlug(input.id!, shape.type, errors);
  const target = proposalTarget(input, shape, op, slug, errors);
  if (errors.length > 0 || slug === null || target === null) return refused();
  const graph = await curation.graph();
  const current =
    (graph[shape.kind] as unknown as Record<string, unknown>[]).find((r) => r.slug === slug) ?? null;
  const fields = plain(input);
  delete fields.id;
  let after: object | undefined;
  if (op !== ChangeOp.RETIRE) {
    after = recordFromInput(
      shape.order,
      shape.rules,
      { ...fields, slug },
      op === ChangeOp.CREATE ? null : current,
      errors,
    );
    if (errors.length > 0) return refused();
  }
  const write: Write = {
    op,
    entityType: shape.type,
    slug,
    version: input.version,
    after,
    reason: input.reason ?? null,
  };
  const result = await proposeWrite(curation, caller.sub, target, write);
  errors.push(...result.userErrors);
  return {
    clientMutationId: input.clientMutationId ?? null,
    proposal: result.proposal ?? null,
    change: result.change ?? null,
    userErrors: errors,
    entityId: current ? toGlobalId(shape.type, slug) : null,
  };
}

function idSlug(id: string, type: string, errors: UserErrorValue[]): string | null {
  const decoded = fromGlobalId(id);
  if (decoded?.type === type) return decoded.key;
  errors.push({ field: ['input', 'id'], message: `not the id of a ${type}`, code: 'INVALID' });
  return null;
}

/** The proposal a write goes into: the one the input names, or a new one titled after the write. */
function proposalTarget(
  input: WriteInput,
  shape: RecordShape,
  op: ChangeOp,
  slug: string | null,
  errors: UserErrorValue[],
): { number: number } | { title: string; description: string | null } | null {
  if (input.reason && input.reason.length > 2000)
    errors.push({ field: ['input', 'reason'], message: 'at most 2000 characters', code: 'TOO_LARGE' });
  if (!input.proposal) {
    const verb = { CREATE: 'Create', UPDATE: 'Update', RETIRE: 'Retire' }[op];
    return {
      title: `${verb} ${shape.type.toLowerCase()} ${slug ?? ''}`.trim(),
      description: input.reason ?? null,
    };
  }
  const decoded = fromGlobalId(input.proposal);
  if (decoded?.type === 'Proposal') return { number: Number(decoded.key) };
  errors.push({ field: ['input', 'proposal'], message: 'not the id of a Proposal', code: 'INVALID' });
  return null;
}

/** An entity's version and applied history, read from the journal in one batch per request. */
export const entityVersion = (ctx: CatalogContext, id: string) => curationLoaders(ctx).version.load(id);
export const entityHistory = (ctx: CatalogContext, id: string) => curationLoaders(ctx).history.load(id);
