import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE, ROOT_CONNECTION_SIZE } from '../../../common/federation';
import { SelectQueryBuilder } from 'typeorm';
import { ConnectionArgs, RootConnectionArgs } from '../../../common/paging';
import { DatasetWhere, ModelWhere, ResultWhere } from '../../../common/graph/where.inputs';
import { restrict } from '../../../common/graph/where-query';
import { toGlobalId } from '../../../common/global-id';
import { rootConnection } from '../../../common/root-connection';
import { containsPattern, LIKE_ESCAPE, nameOrAliasesMatch } from '../../../common/text-match';
import { DatasetConnection, ModelConnection, ResultConnection } from '../entities/connections';
import { Dataset } from '../entities/dataset.entity';
import { DatasetFilter, DatasetOrder, ModelOrder, ResultOrder } from '../entities/filters.input';
import { DATASET_SORT, ListOrder, MODEL_SORT, RESULT_SORT } from '../entities/list-orders';
import { Sector } from '../entities/sector.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';
import { assertKnownSlugs } from '../known-slugs.loader';

function applyDatasetFilter(
  qb: SelectQueryBuilder<Dataset>,
  f: DatasetFilter | null | undefined,
): SelectQueryBuilder<Dataset> {
  if (!f) return qb;
  if (f.search)
    qb.andWhere(nameOrAliasesMatch(qb.connection, 'd'), {
      search: containsPattern(f.search, 'filter.search'),
    });
  if (f.access) qb.andWhere(f.access.length ? 'd.access IN (:...access)' : '1 = 0', { access: f.access });
  if (f.sector) qb.andWhere('d.sectorId = :sectorId', { sectorId: toGlobalId('Sector', f.sector) });
  if (f.modality) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM dataset_modalities dm WHERE dm."datasetId" = d.id AND LOWER(dm.modality) LIKE :modality ${LIKE_ESCAPE})`,
      {
        modality: containsPattern(f.modality, 'filter.modality'),
      },
    );
  }
  return qb;
}

@Resolver(() => Dataset)
export class DatasetResolver {
  @Directive(ROOT_CONNECTION_SIZE)
  @Query(() => DatasetConnection)
  async datasets(
    @Arg('filter', () => DatasetFilter, { nullable: true }) filter: DatasetFilter | null,
    @Arg('where', () => DatasetWhere, { nullable: true }) where: DatasetWhere | null,
    @Arg('orderBy', () => DatasetOrder, { nullable: true }) orderBy: DatasetOrder | null,
    @Args() args: RootConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    await assertKnownSlugs(ctx.dataSource, ctx.loaders.knownSlugs, [
      { argument: 'filter.sector', type: 'Sector', slug: filter?.sector },
    ]);
    const qb = applyDatasetFilter(ctx.dataSource.getRepository(Dataset).createQueryBuilder('d'), filter);
    const order = new ListOrder(DATASET_SORT, orderBy);
    return rootConnection(
      'datasets',
      restrict(qb, 'Dataset', where),
      args,
      order.keys('d'),
      order.keyOf,
      DatasetConnection.of,
      order.readKeys(ctx.dataSource, 'datasets', 'd'),
    );
  }

  @Query(() => Dataset, { nullable: true })
  dataset(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Dataset | null> {
    return ctx.dataSource.getRepository(Dataset).findOneBy({ slug });
  }

  @FieldResolver(() => Sector, { nullable: true })
  sector(@Root() dataset: Dataset, @Ctx() ctx: CatalogContext) {
    return dataset.sectorId ? ctx.loaders.sector.load(dataset.sectorId) : null;
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ModelConnection, {
    description: 'models the paper says were (pre-)trained on this dataset',
  })
  usedToTrain(
    @Root() dataset: Dataset,
    @Arg('where', () => ModelWhere, { nullable: true }) where: ModelWhere | null,
    @Arg('orderBy', () => ModelOrder, { nullable: true }) orderBy: ModelOrder | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    return nestedConnection(
      ctx.loaders.relations.datasetUsedToTrain,
      dataset.id,
      args,
      ctx.loaders.model,
      ModelConnection.of,
      new ListOrder(MODEL_SORT, orderBy).nested(where),
    );
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ResultConnection, { description: 'results measured on this dataset' })
  evaluations(
    @Root() dataset: Dataset,
    @Arg('where', () => ResultWhere, { nullable: true }) where: ResultWhere | null,
    @Arg('orderBy', () => ResultOrder, { nullable: true }) orderBy: ResultOrder | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    return nestedConnection(
      ctx.loaders.relations.datasetEvaluations,
      dataset.id,
      args,
      ctx.loaders.result,
      ResultConnection.of,
      new ListOrder(RESULT_SORT, orderBy).nested(where),
    );
  }
}
