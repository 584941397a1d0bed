import { getManyEntities } from '../../../common/sqlite-reads';
import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE } from '../../../common/federation';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { ConnectionArgs } from '../../../common/paging';
import { DatasetWhere, ModelWhere, SectorWhere, TaskWhere } from '../../../common/graph/where.inputs';
import { restrict } from '../../../common/graph/where-query';
import { DatasetOrder, ModelOrder, TaskOrder } from '../entities/filters.input';
import { DATASET_SORT, ListOrder, MODEL_SORT, TASK_SORT } from '../entities/list-orders';
import { DatasetConnection, ModelConnection, TaskConnection } from '../entities/connections';
import { Sector } from '../entities/sector.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';

@Resolver(() => Sector)
export class SectorResolver {
  @Directive(SIZES.sectors)
  @Query(() => [Sector], { description: 'the seven sectors of Section III, in paper order' })
  sectors(
    @Arg('where', () => SectorWhere, { nullable: true }) where: SectorWhere | null,
    @Ctx() ctx: CatalogContext,
  ): Promise<Sector[]> {
    const qb = ctx.dataSource.getRepository(Sector).createQueryBuilder('s');
    return getManyEntities(restrict(qb, 'Sector', where).orderBy('s.position', 'ASC'), where != null);
  }

  @Query(() => Sector, { nullable: true })
  sector(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Sector | null> {
    return ctx.dataSource.getRepository(Sector).findOneBy({ slug });
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => TaskConnection)
  tasks(
    @Root() sector: Sector,
    @Arg('where', () => TaskWhere, { nullable: true }) where: TaskWhere | null,
    @Arg('orderBy', () => TaskOrder, { nullable: true }) orderBy: TaskOrder | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    return nestedConnection(
      ctx.loaders.relations.sectorTasks,
      sector.id,
      args,
      ctx.loaders.task,
      TaskConnection.of,
      new ListOrder(TASK_SORT, orderBy).nested(where),
    );
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ModelConnection)
  models(
    @Root() sector: Sector,
    @Arg('where', () => ModelWhere, { nullable: true }) where: ModelWhere | null,
    @Arg('orderBy', () => ModelOrder, { nullable: true }) orderBy: ModelOrder | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    return nestedConnection(
      ctx.loaders.relations.sectorModels,
      sector.id,
      args,
      ctx.loaders.model,
      ModelConnection.of,
      new ListOrder(MODEL_SORT, orderBy).nested(where),
    );
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => DatasetConnection)
  datasets(
    @Root() sector: Sector,
    @Arg('where', () => DatasetWhere, { nullable: true }) where: DatasetWhere | null,
    @Arg('orderBy', () => DatasetOrder, { nullable: true }) orderBy: DatasetOrder | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    return nestedConnection(
      ctx.loaders.relations.sectorDatasets,
      sector.id,
      args,
      ctx.loaders.dataset,
      DatasetConnection.of,
      new ListOrder(DATASET_SORT, orderBy).nested(where),
    );
  }
}
