import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CONNECTION_SIZE } from '../../../common/federation';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';
import { ConnectionArgs } from '../../../common/paging';
import { BY_POSITION, rootConnection } from '../../../common/root-connection';
import { Comparison } from '../entities/comparison.entity';
import { ResultConnection, TaskConnection } from '../entities/connections';
import { Sector } from '../entities/sector.entity';
import { Task } from '../entities/task.entity';
import { CatalogContext } from '../loaders';
import { nestedConnection } from '../../../common/relation-pages';

@Resolver(() => Task)
export class TaskResolver {
  @Directive(CONNECTION_SIZE)
  @Query(() => TaskConnection)
  tasks(@Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    const qb = ctx.dataSource.getRepository(Task).createQueryBuilder('t');
    return rootConnection('tasks', qb, args, BY_POSITION('t'), (t) => [t.position], TaskConnection.of);
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
  results(@Root() task: Task, @Args() args: ConnectionArgs, @Ctx() ctx: CatalogContext) {
    return nestedConnection(
      ctx.loaders.relations.taskResults,
      task.id,
      args,
      ctx.loaders.result,
      ResultConnection.of,
    );
  }

  @Directive(SIZES.taskComparisons)
  @FieldResolver(() => [Comparison])
  comparisons(@Root() task: Task, @Ctx() ctx: CatalogContext) {
    return ctx.loaders.comparisonsByTask.load(task.id);
  }
}
