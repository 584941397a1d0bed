import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../../common/global-id';
import { WhereCompiler } from '../../../common/graph/where-compiler';
import { TaskWhere } from '../../../common/graph/where.inputs';
import { Dataset } from '../entities/dataset.entity';
import { LeaderboardEntry } from '../entities/leaderboard-entry.type';
import { readLeaderboards } from '../entities/leaderboard-ranking';
import { Leaderboard } from '../entities/leaderboard.type';
import { Metric } from '../entities/metric.entity';
import { Result } from '../entities/result.entity';
import { Task } from '../entities/task.entity';
import { assertKnownSlugs } from '../known-slugs.loader';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { CatalogContext } from '../loaders';

@Resolver(() => Leaderboard)
export class LeaderboardResolver {
  @Query(() => Leaderboard, {
    nullable: true,
    description:
      "one task on one metric (and dataset, when given), best first by the metric's direction; null when no result matches",
  })
  async leaderboard(
    @Arg('task') task: string,
    @Arg('metric') metric: string,
    @Arg('dataset', () => String, { nullable: true }) dataset: string | null,
    @Ctx() ctx: CatalogContext,
  ): Promise<Leaderboard | null> {
    await assertKnownSlugs(ctx.dataSource, ctx.loaders.knownSlugs, [
      { argument: 'task', type: 'Task', slug: task },
      { argument: 'metric', type: 'Metric', slug: metric },
      { argument: 'dataset', type: 'Dataset', slug: dataset },
    ]);
    const board = {
      taskId: toGlobalId('Task', task),
      metricId: toGlobalId('Metric', metric),
      // without a dataset: the board of the results that name none, not every dataset's
      datasetId: dataset ? toGlobalId('Dataset', dataset) : null,
    };
    const [found] = await readLeaderboards(ctx.dataSource, { board });
    return found ?? null;
  }

  @Directive(SIZES.leaderboards)
  @Query(() => [Leaderboard], {
    description: 'every (task, metric, dataset) that has results, in paper order',
  })
  leaderboards(
    @Arg('where', () => TaskWhere, { nullable: true, description: 'only the boards of the tasks that match' })
    where: TaskWhere | null,
    @Ctx() ctx: CatalogContext,
  ): Promise<Leaderboard[]> {
    if (!where) return readLeaderboards(ctx.dataSource, {});
    const compiler = new WhereCompiler();
    const sql = compiler.ids('Task', where);
    return readLeaderboards(ctx.dataSource, { taskIds: { sql, params: compiler.params } });
  }

  @FieldResolver(() => Task)
  task(@Root() board: Leaderboard, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.task.load(board.taskId);
  }

  @FieldResolver(() => Metric)
  metric(@Root() board: Leaderboard, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.metric.load(board.metricId);
  }

  @FieldResolver(() => Dataset, { nullable: true })
  dataset(@Root() board: Leaderboard, @Ctx() ctx: CatalogContext) {
    return board.datasetId ? ctx.loaders.dataset.load(board.datasetId) : null;
  }
}

@Resolver(() => LeaderboardEntry)
export class LeaderboardEntryResolver {
  @FieldResolver(() => Result)
  result(@Root() entry: LeaderboardEntry, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.result.load(entry.resultId);
  }
}
