import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { fromGlobalId } from '../../../common/global-id';
import { MAX_BATCH } from '../../../common/loader-utils';
import { AuditsStub } from '../entities/audits.stub';
import { Support } from '../entities/link.entities';
import { Node, NodeRef } from '../entities/node.interface';
import { LiteratureContext } from '../loaders';
import { LITERATURE_LIST_SIZES as SIZES } from '../list-sizes';

@Resolver(() => AuditsStub)
export class AuditsResolver {
  @Directive('@requires(fields: "modelIds datasetIds taskIds riskIds")')
  @Directive(SIZES.uncitedEntities)
  @FieldResolver(() => [Node], { description: 'models, datasets, tasks and risks that no citation supports' })
  async uncitedEntities(@Root() audits: AuditsStub, @Ctx() ctx: LiteratureContext): Promise<NodeRef[]> {
    const ids = [...audits.modelIds, ...audits.datasetIds, ...audits.taskIds, ...audits.riskIds];
    if (ids.length === 0) return [];
    const cited = new Set<string>();
    // chunked: SQLite caps bound parameters per statement, and the graph can hold many entities
    for (let i = 0; i < ids.length; i += MAX_BATCH) {
      const rows = await ctx.dataSource
        .getRepository(Support)
        .find({ select: { entityId: true }, where: { entityId: In(ids.slice(i, i + MAX_BATCH)) } });
      rows.forEach((r) => cited.add(r.entityId));
    }
    return ids
      .filter((id) => !cited.has(id))
      .map((id) => ({ __typename: fromGlobalId(id)?.type ?? 'Node', id }));
  }
}
