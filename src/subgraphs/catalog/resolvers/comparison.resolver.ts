import { getManyEntities } from '../../../common/sqlite-reads';
import { Arg, Ctx, Directive, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import { ComparisonWhere } from '../../../common/graph/where.inputs';
import { restrict } from '../../../common/graph/where-query';
import { ComparisonSortField, SortDirection } from '../entities/enums';
import { ComparisonOrder } from '../entities/filters.input';
import { NO_SIZE } from '../entities/model-order';
import { Comparison } from '../entities/comparison.entity';
import { Dataset } from '../entities/dataset.entity';
import { Metric } from '../entities/metric.entity';
import { Result } from '../entities/result.entity';
import { Task } from '../entities/task.entity';
import { CatalogContext } from '../loaders';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { improvement, relativeImprovement } from '../../../common/graph/comparison-math';

/** Both results of a comparison and its metric, through the request's loaders. */
async function sides(
  c: Comparison,
  ctx: CatalogContext,
): Promise<{ baseline: Result; challenger: Result; metric: Metric }> {
  const [baseline, challenger, metric] = await Promise.all([
    ctx.loaders.result.load(c.baselineId),
    ctx.loaders.result.load(c.challengerId),
    ctx.loaders.metric.load(c.metricId),
  ]);
  if (!baseline || !challenger || !metric)
    throw new Error(`comparison ${c.slug} points at a missing result or metric`);
  return { baseline, challenger, metric };
}

@Resolver(() => Comparison)
export class ComparisonResolver {
  @Directive(SIZES.comparisons)
  @Query(() => [Comparison], { description: 'every prior-art / large-model pair, in paper order' })
  comparisons(
    @Arg('where', () => ComparisonWhere, { nullable: true }) where: ComparisonWhere | null,
    @Arg('orderBy', () => ComparisonOrder, { nullable: true }) orderBy: ComparisonOrder | null,
    @Ctx() ctx: CatalogContext,
  ): Promise<Comparison[]> {
    const qb = restrict(
      ctx.dataSource.getRepository(Comparison).createQueryBuilder('c'),
      'Comparison',
      where,
    );
    if (orderBy) {
      const dir = orderBy.direction === SortDirection.DESC ? 'DESC' : 'ASC';
      // the projection holds each comparison's (relative) improvement; a missing one sorts last
      const column =
        orderBy.field === ComparisonSortField.IMPROVEMENT ? 'improvement' : 'relative_improvement';
      qb.orderBy(`COALESCE((SELECT g.${column} FROM graph_nodes g WHERE g.id = c.id), ${NO_SIZE[dir]})`, dir);
    }
    return getManyEntities(qb.addOrderBy('c.position', 'ASC'), where != null || orderBy != null);
  }

  @Query(() => Comparison, { nullable: true })
  comparison(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Comparison | null> {
    return ctx.dataSource.getRepository(Comparison).findOneBy({ slug });
  }

  @FieldResolver(() => Task)
  task(@Root() c: Comparison, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.task.load(c.taskId);
  }

  @FieldResolver(() => Metric)
  metric(@Root() c: Comparison, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.metric.load(c.metricId);
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() c: Comparison, @Ctx() ctx: CatalogContext) {
    return c.datasetId ? ctx.loaders.dataset.load(c.datasetId) : null;
  }

  @FieldResolver(() => Result, { description: 'the prior art' })
  baseline(@Root() c: Comparison, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.result.load(c.baselineId);
  }

  @FieldResolver(() => Result, { description: 'the large AI model' })
  challenger(@Root() c: Comparison, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.result.load(c.challengerId);
  }

  @FieldResolver(() => Float, {
    description:
      'challenger minus baseline, signed so that a positive number is always better (respects higherIsBetter)',
  })
  async improvement(@Root() c: Comparison, @Ctx() ctx: CatalogContext): Promise<number> {
    const { baseline, challenger, metric } = await sides(c, ctx);
    return improvement(baseline.value, challenger.value, metric.higherIsBetter);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'improvement divided by the absolute baseline value (0.79 for 0.38 -> 0.68); null when the baseline is 0',
  })
  async relativeImprovement(@Root() c: Comparison, @Ctx() ctx: CatalogContext): Promise<number | null> {
    const { baseline, challenger, metric } = await sides(c, ctx);
    return relativeImprovement(baseline.value, challenger.value, metric.higherIsBetter);
  }
}
