import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE } from '../../../common/federation';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { ConnectionArgs } from '../../../common/paging';
import { DatasetConnection, ModelConnection, TaskConnection } from '../entities/connections';
import { Sector } from '../entities/sector.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';

@Resolver(() => Sector)
export class SectorResolver {
  @Directive(SIZES.sectors)
  @Query(() => [Sector], { description: 'the seven sectors of Section III, in paper order' })
  sectors(@Ctx() ctx: CatalogContext): Promise<Sector[]> {
    return ctx.dataSource.getRepository(Sector).find({ order: { position: 'ASC' } });
  }

  @Query(() => Sector, { nullable: true })
  sector(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Sector | null> {
    return ctx.dataSource.getRepository(Sector).findOneBy({ slug });
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => TaskConnection)
  tasks(@Root() sector: Sector, @Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    return nestedConnection(
      ctx.loaders.relations.sectorTasks,
      sector.id,
      args,
      ctx.loaders.task,
      TaskConnection.of,
    );
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ModelConnection)
  models(@Root() sector: Sector, @Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    return nestedConnection(
      ctx.loaders.relations.sectorModels,
      sector.id,
      args,
      ctx.loaders.model,
      ModelConnection.of,
    );
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => DatasetConnection)
  datasets(@Root() sector: Sector, @Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    return nestedConnection(
      ctx.loaders.relations.sectorDatasets,
      sector.id,
      args,
      ctx.loaders.dataset,
      DatasetConnection.of,
    );
  }
}
