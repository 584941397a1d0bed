import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ROOT_CONNECTION_SIZE } from '../../../common/federation';
import { RootConnectionArgs } from '../../../common/paging';
import { ResultWhere } from '../../../common/graph/where.inputs';
import { restrict } from '../../../common/graph/where-query';
import { toGlobalId } from '../../../common/global-id';
import { rootConnection } from '../../../common/root-connection';
import { ResultConnection } from '../entities/connections';
import { Dataset } from '../entities/dataset.entity';
import { ResultFilter, ResultOrder } from '../entities/filters.input';
import { ListOrder, RESULT_SORT } from '../entities/list-orders';
import { Metric } from '../entities/metric.entity';
import { Model } from '../entities/model.entity';
import { Result } from '../entities/result.entity';
import { Task } from '../entities/task.entity';
import { CatalogContext } from '../loaders';
import { assertKnownSlugs } from '../known-slugs.loader';

const FILTER_COLUMNS = {
  model: ['modelId', 'Model'],
  task: ['taskId', 'Task'],
  dataset: ['datasetId', 'Dataset'],
  metric: ['metricId', 'Metric'],
} as const;

@Resolver(() => Result)
export class ResultResolver {
  @Directive(ROOT_CONNECTION_SIZE)
  @Query(() => ResultConnection)
  async results(
    @Arg('filter', () => ResultFilter, { nullable: true }) filter: ResultFilter | null,
    @Arg('where', () => ResultWhere, { nullable: true }) where: ResultWhere | null,
    @Arg('orderBy', () => ResultOrder, { nullable: true }) orderBy: ResultOrder | null,
    @Args() args: RootConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    const named = Object.entries(FILTER_COLUMNS).map(([field, [column, type]]) => ({
      argument: `filter.${field}`,
      type,
      slug: filter?.[field as keyof ResultFilter],
      column,
    }));
    // ids derive from slugs, so the filter needs no join; the slugs are checked all in one statement
    await assertKnownSlugs(ctx.dataSource, ctx.loaders.knownSlugs, named);
    const qb = ctx.dataSource.getRepository(Result).createQueryBuilder('r');
    for (const { argument, type, slug, column } of named) {
      const param = argument.replace('.', '_');
      if (slug) qb.andWhere(`r.${column} = :${param}`, { [param]: toGlobalId(type, slug) });
    }
    const order = new ListOrder(RESULT_SORT, orderBy);
    return rootConnection(
      'results',
      restrict(qb, 'Result', where),
      args,
      order.keys('r'),
      order.keyOf,
      ResultConnection.of,
      order.readKeys(ctx.dataSource, 'results', 'r'),
    );
  }

  @FieldResolver(() => Model)
  model(@Root() result: Result, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.model.load(result.modelId);
  }

  @FieldResolver(() => Task)
  task(@Root() result: Result, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.task.load(result.taskId);
  }

  @FieldResolver(() => Dataset, {
    nullable: true,
    description: 'null where the paper names no evaluation dataset',
  })
  dataset(@Root() result: Result, @Ctx() ctx: CatalogContext) {
    return result.datasetId ? ctx.loaders.dataset.load(result.datasetId) : null;
  }

  @FieldResolver(() => Metric)
  metric(@Root() result: Result, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.metric.load(result.metricId);
  }
}
