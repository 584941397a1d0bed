import { Arg, Ctx, Directive, ID, Int, Query, Resolver } from 'type-graphql';
import { listSize } from '../../../common/federation';
import { badInput } from '../../../common/errors';
import { fromGlobalId } from '../../../common/global-id';
import { containsPattern, escapeLike, LIKE_ESCAPE, matchText } from '../../../common/text-match';
import { Citation } from '../entities/citation.entity';
import { IndexedEntity } from '../entities/link.entities';
import { Node, NodeRef } from '../entities/node.interface';
import { SearchHit } from '../entities/search-hit.union';
import { LiteratureContext } from '../loaders';

export const MAX_NODES = 500;
export const SEARCH_DEFAULT = 20;
export const SEARCH_MAX = 100;

type Resolved = NodeRef | Citation;

/** Resolves ids to this subgraph's citations or to stubs of entities the index knows; anything else is null. */
async function resolveIds(ids: readonly string[], ctx: LiteratureContext): Promise<(Resolved | null)[]> {
  return Promise.all(
    ids.map(async (id) => {
      const decoded = fromGlobalId(id);
      if (!decoded) return null;
      if (decoded.type === 'Citation') return ctx.loaders.citation.load(id);
      // checking the index keeps a well-formed id of a row that does not exist from becoming a ghost stub
      const known = await ctx.loaders.indexed.load(id);
      return known && known.type === decoded.type ? { __typename: known.type, id } : null;
    }),
  );
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'any entity by its global id; null for an unknown or malformed id',
  })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: LiteratureContext): Promise<Resolved | null> {
    return (await resolveIds([id], ctx))[0];
  }

  // the gateway counts the ids a request sends; the cost spec sizes lists by integer arguments only
  @Directive(listSize(MAX_NODES))
  @Query(() => [Node], {
    nullable: 'items',
    description: `entities by global id, in the order asked (at most ${MAX_NODES}); null for unknown ids`,
  })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: LiteratureContext): Promise<(Resolved | null)[]> {
    if (ids.length > MAX_NODES)
      throw badInput(`"ids" may hold at most ${MAX_NODES} ids, got ${ids.length}`, {
        argument: 'ids',
        max: MAX_NODES,
      });
    return resolveIds(ids, ctx);
  }

  // whatever `first` asks for: the resolver refuses more than SEARCH_MAX
  @Directive(listSize(SEARCH_MAX))
  @Query(() => [SearchHit], {
    description:
      'case-insensitive search over the names, aliases and labels of every type; exact names first, then prefixes, then other matches',
  })
  async search(
    @Arg('query') query: string,
    @Arg('first', () => Int, {
      nullable: true,
      description: `default ${SEARCH_DEFAULT}, at most ${SEARCH_MAX}`,
    })
    first: number | null,
    @Ctx() ctx: LiteratureContext,
  ): Promise<Resolved[]> {
    const q = matchText(query, 'query').trim().toLowerCase();
    if (!q) throw badInput('"query" must not be empty', { argument: 'query' });
    const limit = first ?? SEARCH_DEFAULT;
    if (!Number.isInteger(limit) || limit < 0 || limit > SEARCH_MAX)
      throw badInput(`"first" must be between 0 and ${SEARCH_MAX}, got ${limit}`, {
        argument: 'first',
        max: SEARCH_MAX,
      });
    const rows = await ctx.dataSource
      .getRepository(IndexedEntity)
      .createQueryBuilder('e')
      .select(['e.id AS id', 'e.type AS type'])
      .addSelect(
        `CASE WHEN LOWER(e.name) = :q THEN 0
              WHEN (:nl || e.terms || :nl) LIKE :line ${LIKE_ESCAPE} THEN 1
              WHEN LOWER(e.name) LIKE :prefix ${LIKE_ESCAPE} THEN 2
              WHEN LOWER(e.name) LIKE :contains ${LIKE_ESCAPE} THEN 3
              ELSE 4 END`,
        'rank',
      )
      .where(`e.terms LIKE :contains ${LIKE_ESCAPE}`)
      .setParameters({
        q,
        nl: '\n',
        line: `%\n${escapeLike(q)}\n%`,
        prefix: `${escapeLike(q)}%`,
        contains: containsPattern(q, 'query'),
      })
      .orderBy('rank', 'ASC')
      .addOrderBy('LENGTH(e.name)', 'ASC')
      .addOrderBy('e.position', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; type: string }>();
    const resolved = await Promise.all(
      rows.map((r) =>
        r.type === 'Citation'
          ? ctx.loaders.citation.load(r.id)
          : Promise.resolve({ __typename: r.type, id: r.id }),
      ),
    );
    return resolved.filter((r): r is Resolved => r !== null);
  }
}
