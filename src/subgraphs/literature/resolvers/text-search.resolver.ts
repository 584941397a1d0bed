import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import { badInput } from '../../../common/errors';
import { encodeCursor, listTag, pageRequest } from '../../../common/paging';
import { matchText } from '../../../common/text-match';
import { SEARCH_TYPE_NODE, SearchType } from '../../../common/graph/search-type.enum';
import { TextSearchConnection, TextSearchEdge } from '../entities/text-search.type';
import { LiteratureContext } from '../loaders';
import { searchCount, searchPage, searchSnippets, searchTerms, TextQuery } from '../text-search';
import { SEARCH_DEFAULT, SEARCH_MAX } from './node.resolver';

// `first` edges of each page, SEARCH_DEFAULT without it, for the gateway's cost limit
const TEXT_SEARCH_SIZE = `@listSize(assumedSize: ${SEARCH_DEFAULT}, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)`;

function isKey(v: unknown[]): v is [number, number] {
  return v.length === 2 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

@Resolver()
export class TextSearchResolver {
  @Directive(TEXT_SEARCH_SIZE)
  @Query(() => TextSearchConnection, {
    description:
      'ranked full-text search over names, aliases, summaries, descriptions, notes, quotes and mention sentences',
  })
  async searchText(
    @Arg('query', { description: 'words to find, all of them (at most 200 characters)' }) query: string,
    @Arg('types', () => [SearchType], { nullable: true, description: 'only entities of these types' })
    types: SearchType[] | null,
    @Arg('first', () => Int, {
      nullable: true,
      description: `default ${SEARCH_DEFAULT}, at most ${SEARCH_MAX}`,
    })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'the endCursor of the previous page' })
    after: string | null,
    @Ctx() ctx: LiteratureContext,
  ): Promise<TextSearchConnection> {
    const exact = matchText(query, 'query').trim().toLowerCase();
    if (!exact) throw badInput('"query" must not be empty', { argument: 'query' });
    const typeNames = types ? [...new Set(types.map((t) => SEARCH_TYPE_NODE[t]))].sort() : null;
    // a cursor belongs to one query and one types filter
    const list = listTag('searchText', exact, typeNames?.join(',') ?? '*');
    const page = pageRequest({ first: first ?? SEARCH_DEFAULT, after }, list, SEARCH_MAX);
    if (page.after && !isKey(page.after))
      throw badInput('"after" is not a valid cursor of searchText', { argument: 'after' });
    const q: TextQuery = {
      terms: searchTerms(query),
      exact,
      types: typeNames,
      after: page.after,
      limit: page.first + 1,
    };
    const { dataSource, loaders } = ctx;
    // nothing searchable in the query (only punctuation), or no type asked for: nothing matches
    const empty = q.terms.length === 0 || typeNames?.length === 0;
    const rows = empty ? [] : await searchPage(dataSource, q);
    const shown = rows.slice(0, page.first);
    const snippets = await searchSnippets(
      dataSource,
      q,
      shown.map((r) => r.rowId),
    );
    const edges: TextSearchEdge[] = await Promise.all(
      shown.map(async (r) => ({
        cursor: encodeCursor(list, [r.score, r.position]),
        node: (r.type === 'Citation' ? await loaders.citation.load(r.entityId) : null) ?? {
          __typename: r.type,
          id: r.entityId,
        },
        score: r.score,
        field: r.field,
        snippet: snippets.get(r.rowId) ?? '',
      })),
    );
    return Object.assign(new TextSearchConnection(), {
      edges,
      pageInfo: {
        hasNextPage: rows.length > page.first,
        hasPreviousPage: page.after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      count: () => (empty ? Promise.resolve(0) : searchCount(dataSource, q)),
    });
  }
}
