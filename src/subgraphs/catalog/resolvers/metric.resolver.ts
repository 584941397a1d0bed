import { getManyEntities } from '../../../common/sqlite-reads';
import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE } from '../../../common/federation';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { ConnectionArgs } from '../../../common/paging';
import { MetricWhere, ResultWhere } from '../../../common/graph/where.inputs';
import { restrict } from '../../../common/graph/where-query';
import { ResultOrder } from '../entities/filters.input';
import { ListOrder, RESULT_SORT } from '../entities/list-orders';
import { ResultConnection } from '../entities/connections';
import { Metric } from '../entities/metric.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';

@Resolver(() => Metric)
export class MetricResolver {
  @Directive(SIZES.metrics)
  @Query(() => [Metric])
  metrics(
    @Arg('where', () => MetricWhere, { nullable: true }) where: MetricWhere | null,
    @Ctx() ctx: CatalogContext,
  ): Promise<Metric[]> {
    const qb = ctx.dataSource.getRepository(Metric).createQueryBuilder('mt');
    return getManyEntities(restrict(qb, 'Metric', where).orderBy('mt.position', 'ASC'), where != null);
  }

  @Query(() => Metric, { nullable: true })
  metric(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Metric | null> {
    return ctx.dataSource.getRepository(Metric).findOneBy({ slug });
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ResultConnection)
  results(
    @Root() metric: Metric,
    @Arg('where', () => ResultWhere, { nullable: true }) where: ResultWhere | null,
    @Arg('orderBy', () => ResultOrder, { nullable: true }) orderBy: ResultOrder | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    return nestedConnection(
      ctx.loaders.relations.metricResults,
      metric.id,
      args,
      ctx.loaders.result,
      ResultConnection.of,
      new ListOrder(RESULT_SORT, orderBy).nested(where),
    );
  }
}
