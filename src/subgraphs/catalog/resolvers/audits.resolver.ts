import { getManyEntities } from '../../../common/sqlite-reads';
import { Ctx, Directive, FieldResolver, ID, Query, Resolver } from 'type-graphql';
import { Not } from 'typeorm';
import { Audits } from '../entities/audits.type';
import { Dataset } from '../entities/dataset.entity';
import { Access, Bound } from '../entities/enums';
import { Model } from '../entities/model.entity';
import { Result } from '../entities/result.entity';
import { Task } from '../entities/task.entity';
import { CatalogContext } from '../loaders';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';

const byPosition = { order: { position: 'ASC' as const } };

@Resolver(() => Audits)
export class AuditsResolver {
  @Query(() => Audits, { description: 'ready-made relationship audits across the whole graph' })
  audits(): Audits {
    return new Audits();
  }

  @Directive(SIZES.datasetsWithoutOpenAccess)
  @FieldResolver(() => [Dataset], { description: 'datasets whose access is not OPEN' })
  datasetsWithoutOpenAccess(@Ctx() ctx: CatalogContext) {
    return ctx.dataSource.getRepository(Dataset).find({ where: { access: Not(Access.OPEN) }, ...byPosition });
  }

  @Directive(SIZES.closedModels)
  @FieldResolver(() => [Model], { description: 'models whose access is not OPEN' })
  closedModels(@Ctx() ctx: CatalogContext) {
    return ctx.dataSource.getRepository(Model).find({ where: { access: Not(Access.OPEN) }, ...byPosition });
  }

  @Directive(SIZES.modelsWithUnreportedSize)
  @FieldResolver(() => [Model], { description: 'models whose parameter count the paper does not report' })
  modelsWithUnreportedSize(@Ctx() ctx: CatalogContext) {
    return ctx.dataSource
      .getRepository(Model)
      .find({ where: { parametersBound: Bound.NOT_REPORTED }, ...byPosition });
  }

  @Directive(SIZES.resultsOnRestrictedDatasets)
  @FieldResolver(() => [Result], { description: 'results measured on a dataset whose access is not OPEN' })
  resultsOnRestrictedDatasets(@Ctx() ctx: CatalogContext) {
    const qb = ctx.dataSource
      .getRepository(Result)
      .createQueryBuilder('r')
      .where(`EXISTS (SELECT 1 FROM datasets d WHERE d.id = r."datasetId" AND d.access <> :open)`, {
        open: Access.OPEN,
      })
      .orderBy('r.position', 'ASC');
    // every result is tested: a scan
    return getManyEntities(qb, true);
  }

  // Inputs of the literature subgraph's uncitedEntities (@requires): hidden from clients.
  @Directive('@inaccessible')
  @FieldResolver(() => [ID])
  modelIds(@Ctx() ctx: CatalogContext) {
    return allIds(ctx, Model);
  }

  @Directive('@inaccessible')
  @FieldResolver(() => [ID])
  datasetIds(@Ctx() ctx: CatalogContext) {
    return allIds(ctx, Dataset);
  }

  @Directive('@inaccessible')
  @FieldResolver(() => [ID])
  taskIds(@Ctx() ctx: CatalogContext) {
    return allIds(ctx, Task);
  }
}

async function allIds(
  ctx: CatalogContext,
  entity: typeof Model | typeof Dataset | typeof Task,
): Promise<string[]> {
  const rows = await ctx.dataSource
    .getRepository<{ id: string }>(entity)
    .find({ select: { id: true }, ...byPosition } as never);
  return rows.map((r) => r.id);
}
