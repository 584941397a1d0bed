import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE, ROOT_CONNECTION_SIZE } from '../../../common/federation';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { ConnectionArgs, RootConnectionArgs } from '../../../common/paging';
import { ResultWhere, TaskWhere } from '../../../common/graph/where.inputs';
import { restrict } from '../../../common/graph/where-query';
import { ResultOrder, TaskOrder } from '../entities/filters.input';
import { ListOrder, RESULT_SORT, TASK_SORT } from '../entities/list-orders';
import { rootConnection } from '../../../common/root-connection';
import { Comparison } from '../entities/comparison.entity';
import { ResultConnection, TaskConnection } from '../entities/connections';
import { Sector } from '../entities/sector.entity';
import { Task } from '../entities/task.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';

@Resolver(() => Task)
export class TaskResolver {
  @Directive(ROOT_CONNECTION_SIZE)
  @Query(() => TaskConnection)
  tasks(
    @Arg('where', () => TaskWhere, { nullable: true }) where: TaskWhere | null,
    @Arg('orderBy', () => TaskOrder, { nullable: true }) orderBy: TaskOrder | null,
    @Args() args: RootConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    const qb = ctx.dataSource.getRepository(Task).createQueryBuilder('t');
    const order = new ListOrder(TASK_SORT, orderBy);
    return rootConnection(
      'tasks',
      restrict(qb, 'Task', where),
      args,
      order.keys('t'),
      order.keyOf,
      TaskConnection.of,
      order.readKeys(ctx.dataSource, 'tasks', 't'),
    );
  }

  @Query(() => Task, { nullable: true })
  task(@Arg('slug') slug: string, @Ctx() ctx: CatalogContext): Promise<Task | null> {
    return ctx.dataSource.getRepository(Task).findOneBy({ slug });
  }

  @FieldResolver(() => Sector)
  sector(@Root() task: Task, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.sector.load(task.sectorId);
  }

  @Directive(CONNECTION_SIZE)
  @FieldResolver(() => ResultConnection)
  results(
    @Root() task: Task,
    @Arg('where', () => ResultWhere, { nullable: true }) where: ResultWhere | null,
    @Arg('orderBy', () => ResultOrder, { nullable: true }) orderBy: ResultOrder | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: CatalogContext,
  ) {
    return nestedConnection(
      ctx.loaders.relations.taskResults,
      task.id,
      args,
      ctx.loaders.result,
      ResultConnection.of,
      new ListOrder(RESULT_SORT, orderBy).nested(where),
    );
  }

  @Directive(SIZES.taskComparisons)
  @FieldResolver(() => [Comparison])
  comparisons(@Root() task: Task, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.comparisonsByTask.load(task.id);
  }
}
