import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ChangeOp } from '../../../common/curation/change.entity';
import { CURATED_KINDS, curationLoaders } from '../../../common/curation/curation';
import type { UserErrorValue } from '../../../common/curation/propose';
import { recordIn, submitWrite, VERB } from '../../../common/curation/write-record';
import { toGlobalId } from '../../../common/global-id';
import { RevertChangeInput, RevertChangePayload } from '../entities/revert-inputs';
import { CatalogContext } from '../loaders';

/** What undoes each kind of change: a creation is retired, a retirement created again, an update updated back. */
const UNDO = { CREATE: ChangeOp.RETIRE, UPDATE: ChangeOp.UPDATE, RETIRE: ChangeOp.CREATE } as const;

const parsed = (json: string | null) =>
  json === null ? null : (JSON.parse(json) as Record<string, unknown>);

/** Reverting a change is a change like any other: proposed by a curator, applied when a reviewer approves. */
@Resolver()
export class RevertResolver {
  @Mutation(() => RevertChangePayload, {
    description:
      'proposes undoing an applied change, of any type: the entity as the change found it (curator); refused when the entity changed since',
  })
  async revertChange(
    @Arg('input') input: RevertChangeInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<RevertChangePayload> {
    const change =
      typeof input.change === 'string' ? await curationLoaders(ctx).change.load(input.change) : null;
    const result = await submitWrite(ctx, input, (graph, errors) => {
      const refuse = (message: string, code: string) => {
        errors.push({ field: ['input', 'change'], message, code } satisfies UserErrorValue);
        return null;
      };
      if (!change) return refuse('there is no such change', 'NOT_FOUND');
      if (change.seq === null)
        return refuse('the change is not applied: its proposal is withdrawn by rejecting it', 'INVALID');
      const kind = CURATED_KINDS[change.entityType];
      const now = recordIn(graph, kind, change.slug);
      // only the last change of an entity can be undone as it stands: a later one would be lost
      if (JSON.stringify(now) !== JSON.stringify(parsed(change.afterJson)))
        return refuse(
          `the ${change.entityType} changed after change ${change.seq}: revert its later changes first`,
          'CONFLICT',
        );
      const op = UNDO[change.op];
      return {
        write: {
          op,
          entityType: change.entityType,
          slug: change.slug,
          after: op === ChangeOp.RETIRE ? undefined : parsed(change.beforeJson)!,
        },
        entityId: now ? toGlobalId(change.entityType, change.slug) : null,
        title: `Revert change ${change.seq} (${VERB[change.op].toLowerCase()} ${change.entityType.toLowerCase()} ${change.slug})`,
      };
    });
    const { entityId: _entity, ...payload } = result;
    return { ...payload, reverted: change } as RevertChangePayload;
  }
}
