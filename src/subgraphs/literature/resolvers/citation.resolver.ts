import { Arg, Args, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ROOT_CONNECTION_SIZE } from '../../../common/federation';
import { RootConnectionArgs } from '../../../common/paging';
import { CitationWhere } from '../../../common/graph/where.inputs';
import { whereRestriction } from '../../../common/graph/where-compiler';
import { toGlobalId } from '../../../common/global-id';
import { rootConnection } from '../../../common/root-connection';
import { sectionLabel } from '../../../common/section-label';
import { Citation } from '../entities/citation.entity';
import { CitationOrder } from '../entities/citation-order.input';
import { citationOrderKeys } from '../entities/citation-order.keys';
import { CitationConnection, CitationFilter } from '../entities/connections';
import { Mention } from '../entities/mention.entity';
import { Node, NodeRef } from '../entities/node.interface';
import { LiteratureContext } from '../loaders';
import { LITERATURE_LIST_SIZES as SIZES } from '../list-sizes';

@Resolver(() => Citation)
export class CitationResolver {
  @Directive(ROOT_CONNECTION_SIZE)
  @Query(() => CitationConnection, {
    description: 'the references of the paper, in number order unless `orderBy` says otherwise',
  })
  citations(
    @Arg('filter', () => CitationFilter, { nullable: true }) filter: CitationFilter | null,
    @Args() args: RootConnectionArgs,
    @Arg('where', () => CitationWhere, { nullable: true }) where: CitationWhere | null,
    @Arg('orderBy', () => CitationOrder, { nullable: true }) orderBy: CitationOrder | null,
    @Ctx() ctx: LiteratureContext,
  ) {
    const qb = ctx.dataSource.getRepository(Citation).createQueryBuilder('c');
    if (filter?.supportsSomething != null) {
      qb.andWhere(
        `${filter.supportsSomething ? '' : 'NOT '}EXISTS (SELECT 1 FROM supports s WHERE s."citationId" = c.id)`,
      );
    }
    if (filter?.section)
      qb.andWhere('EXISTS (SELECT 1 FROM mentions m WHERE m."citationId" = c.id AND m.section = :section)', {
        section: sectionLabel(filter.section),
      });
    // one statement: the where compiles to a subquery over this store's graph projection
    const restriction = whereRestriction('Citation', where, 'c.id');
    if (restriction) qb.andWhere(restriction.sql, restriction.params);
    const { keys, keyOf, loadKeys } = citationOrderKeys(orderBy, ctx);
    return rootConnection('citations', qb, args, keys, keyOf, CitationConnection.of, loadKeys);
  }

  @Query(() => Citation, { nullable: true })
  citation(
    @Arg('number', () => Int) number: number,
    @Ctx() ctx: LiteratureContext,
  ): Promise<Citation | null> {
    return ctx.loaders.citation.load(toGlobalId('Citation', number));
  }

  @Directive(SIZES.citationMentions)
  @FieldResolver(() => [Mention])
  mentions(@Root() citation: Citation, @Ctx() ctx: LiteratureContext) {
    return ctx.loaders.mentionsByCitation.load(citation.id);
  }

  @Directive(SIZES.citationSupports)
  @FieldResolver(() => [Node], {
    description: 'the entities (models, datasets, tasks, risks) this reference supports',
  })
  async supports(@Root() citation: Citation, @Ctx() ctx: LiteratureContext): Promise<NodeRef[]> {
    const rows = await ctx.loaders.supportsByCitation.load(citation.id);
    return rows.map((s) => ({ __typename: s.entityType, id: s.entityId }));
  }
}
