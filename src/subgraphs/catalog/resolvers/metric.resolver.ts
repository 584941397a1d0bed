import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE } from '../../../common/federation';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { ConnectionArgs } from '../../../common/paging';
import { ResultConnection } from '../entities/connections';
import { Metric } from '../entities/metric.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';

@Resolver(() => Metric)
export class MetricResolver {
  @Directive(SIZES.metrics)
  @Query(() => [Metric])
  metrics(@Ctx() ctx: CatalogContext): Promise<Metric[]> {
    return ctx.dataSource.getRepository(Metric).find({ order: { position: 'ASC' } });
  }

  @Query(() => Metric, { nullable: true })
  metric(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Metric | null> {
    return ctx.dataSource.getRepository(Metric).findOneBy({ slug });
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ResultConnection)
  results(@Root() metric: Metric, @Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    return nestedConnection(
      ctx.loaders.relations.metricResults,
      metric.id,
      args,
      ctx.loaders.result,
      ResultConnection.of,
    );
  }
}
