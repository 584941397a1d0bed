import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ROOT_CONNECTION_SIZE } from '../../../common/federation';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { SelectQueryBuilder } from 'typeorm';
import { RootConnectionArgs } from '../../../common/paging';
import { ModelWhere } from '../../../common/graph/where.inputs';
import { restrict } from '../../../common/graph/where-query';
import { toGlobalId } from '../../../common/global-id';
import { rootConnection } from '../../../common/root-connection';
import { containsPattern, nameOrAliasesMatch } from '../../../common/text-match';
import { ModelConnection } from '../entities/connections';
import { Dataset } from '../entities/dataset.entity';
import { ModelFilter, ModelOrder } from '../entities/filters.input';
import { Model } from '../entities/model.entity';
import { Result } from '../entities/result.entity';
import { Sector } from '../entities/sector.entity';
import { CatalogContext } from '../loaders';
import { ListOrder, MODEL_SORT } from '../entities/list-orders';
import { loadAll } from '../../../common/loader-utils';
import { assertKnownSlugs } from '../known-slugs.loader';

export function applyModelFilter(
  qb: SelectQueryBuilder<Model>,
  f: ModelFilter | null | undefined,
): SelectQueryBuilder<Model> {
  if (!f) return qb;
  if (f.search)
    qb.andWhere(nameOrAliasesMatch(qb.connection, 'm'), {
      search: containsPattern(f.search, 'filter.search'),
    });
  if (f.type) qb.andWhere(f.type.length ? 'm.type IN (:...types)' : '1 = 0', { types: f.type });
  if (f.access) qb.andWhere(f.access.length ? 'm.access IN (:...access)' : '1 = 0', { access: f.access });
  if (f.sector) {
    qb.andWhere(
      'EXISTS (SELECT 1 FROM model_sectors ms WHERE ms."modelId" = m.id AND ms."sectorId" = :sectorId)',
      { sectorId: toGlobalId('Sector', f.sector) },
    );
  }
  if (f.trainedOnAccess) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM model_training_data mt JOIN datasets d ON d.id = mt."datasetId" WHERE mt."modelId" = m.id AND d.access IN (:...toa))`,
      { toa: f.trainedOnAccess.length ? f.trainedOnAccess : ['-'] },
    );
  }
  if (f.minParameters != null) qb.andWhere('m.parametersValue >= :minP', { minP: f.minParameters });
  if (f.maxParameters != null) qb.andWhere('m.parametersValue <= :maxP', { maxP: f.maxParameters });
  return qb;
}

@Resolver(() => Model)
export class ModelResolver {
  @Directive(ROOT_CONNECTION_SIZE)
  @Query(() => ModelConnection)
  async models(
    @Arg('filter', () => ModelFilter, { nullable: true }) filter: ModelFilter | null,
    @Arg('orderBy', () => ModelOrder, { nullable: true }) orderBy: ModelOrder | null,
    @Arg('where', () => ModelWhere, { nullable: true }) where: ModelWhere | null,
    @Args() args: RootConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    await assertKnownSlugs(ctx.dataSource, ctx.loaders.knownSlugs, [
      { argument: 'filter.sector', type: 'Sector', slug: filter?.sector },
    ]);
    const qb = applyModelFilter(ctx.dataSource.getRepository(Model).createQueryBuilder('m'), filter);
    const order = new ListOrder(MODEL_SORT, orderBy);
    return rootConnection(
      'models',
      restrict(qb, 'Model', where),
      args,
      order.keys('m'),
      order.keyOf,
      ModelConnection.of,
      order.readKeys(ctx.dataSource, 'models', 'm'),
    );
  }

  @Query(() => Model, { nullable: true })
  model(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Model | null> {
    return ctx.dataSource.getRepository(Model).findOneBy({ slug });
  }

  @Directive(SIZES.modelSectors)
  @FieldResolver(() => [Sector])
  async sectors(@Root() model: Model, @Ctx() ctx: CatalogContext) {
    const links = await ctx.loaders.sectorLinksByModel.load(model.id);
    const sectors = await loadAll(
      ctx.loaders.sector,
      links.map((l) => l.sectorId),
    );
    return sectors.sort((a, b) => a.position - b.position);
  }

  @Directive(SIZES.modelTrainedOn)
  @FieldResolver(() => [Dataset], {
    description: 'pre-training / training data that is a Dataset in the graph',
  })
  async trainedOn(@Root() model: Model, @Ctx() ctx: CatalogContext) {
    const links = await ctx.loaders.trainingLinksByModel.load(model.id);
    const datasets = await loadAll(
      ctx.loaders.dataset,
      links.map((l) => l.datasetId),
    );
    return datasets.sort((a, b) => a.position - b.position);
  }

  @Directive(SIZES.modelResults)
  @FieldResolver(() => [Result])
  results(@Root() model: Model, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.resultsByModel.load(model.id);
  }
}
