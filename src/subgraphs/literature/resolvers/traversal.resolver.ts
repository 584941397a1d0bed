import { Arg, Ctx, Directive, ID, Int, Query, Resolver } from 'type-graphql';
import { listSize } from '../../../common/federation';
import { NodeType } from '../../../common/graph/graph-relations';
import {
  depthArgument,
  GraphEntity,
  GraphLink,
  lookUpEntities,
  NEIGHBOR_DEPTH,
  neighborhood,
  PATH_DEPTH,
  shortestPath,
} from '../../../common/graph/graph-traversal';
import { SEARCH_TYPE_NODE, SearchType } from '../../../common/graph/search-type.enum';
import { loadAll } from '../../../common/loader-utils';
import { GraphEdgeType } from '../entities/graph-edge.type';
import { Neighborhood } from '../entities/neighborhood.type';
import { Node, NodeRef } from '../entities/node.interface';
import { KEY_ONLY_STUBS, NODE_STUBS } from '../entities/stubs';
import { LiteratureContext } from '../loaders';

/**
 * The types traversal returns: those this subgraph can hand out as a Node, its own citations and the
 * stubs it declares (every type of the graph).
 */
export const TRAVERSAL_TYPES: readonly NodeType[] = [
  'Citation',
  'Sector',
  ...(Object.keys(NODE_STUBS) as NodeType[]),
  ...(Object.keys(KEY_ONLY_STUBS) as NodeType[]),
];
const TRAVERSABLE = new Set<string>(TRAVERSAL_TYPES);

/** The values node() would give for these entities: citations from this store, stubs for the rest. */
async function nodeValues(
  entities: GraphEntity[],
  ctx: LiteratureContext,
): Promise<(e: GraphEntity) => Node> {
  const ids = entities.filter((e) => e.type === 'Citation').map((e) => e.id);
  const citations = new Map((await loadAll(ctx.loaders.citation, ids)).map((c) => [c.id, c]));
  return (e) => citations.get(e.id) ?? ({ __typename: e.type, id: e.id } satisfies NodeRef);
}

function edgeValues(links: GraphLink[], value: (e: GraphEntity) => Node): GraphEdgeType[] {
  return links.map((l) => ({ relation: l.relation, from: value(l.from), to: value(l.to) }));
}

@Resolver()
export class TraversalResolver {
  @Query(() => Neighborhood, {
    description:
      'the entities within depth relations of one entity (depth 1 to 3), and the relations between them',
  })
  async neighbors(
    @Arg('id', () => ID) id: string,
    @Arg('depth', () => Int, {
      nullable: true,
      description: `how many relations away: ${NEIGHBOR_DEPTH.min} to ${NEIGHBOR_DEPTH.max}, default ${NEIGHBOR_DEPTH.default}`,
    })
    depth: number | null,
    @Arg('types', () => [SearchType], {
      nullable: true,
      description: 'only entities of these types (the center always); every type is traversed',
    })
    types: SearchType[] | null,
    @Ctx() ctx: LiteratureContext,
  ): Promise<Neighborhood> {
    const levels = depthArgument(depth, 'depth', NEIGHBOR_DEPTH);
    const wanted = types ? new Set(types.map((t) => SEARCH_TYPE_NODE[t])) : null;
    const center = (await lookUpEntities(ctx.dataSource, [['id', id]], TRAVERSABLE)).get(id)!;
    const found = await neighborhood(
      ctx.dataSource,
      center,
      levels,
      (type) => TRAVERSABLE.has(type) && (!wanted || wanted.has(type)),
    );
    const value = await nodeValues([center, ...found.nodes], ctx);
    return { center: value(center), nodes: found.nodes.map(value), edges: edgeValues(found.edges, value) };
  }

  @Directive(listSize(PATH_DEPTH.max))
  @Query(() => [GraphEdgeType], {
    nullable: true,
    description:
      'a shortest chain of relations from one entity to another, at most maxDepth long (default 6); null when there is none',
  })
  async path(
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Arg('maxDepth', () => Int, {
      nullable: true,
      description: `the longest chain: ${PATH_DEPTH.min} to ${PATH_DEPTH.max}, default ${PATH_DEPTH.default}`,
    })
    maxDepth: number | null,
    @Ctx() ctx: LiteratureContext,
  ): Promise<GraphEdgeType[] | null> {
    const limit = depthArgument(maxDepth, 'maxDepth', PATH_DEPTH);
    const ends = await lookUpEntities(
      ctx.dataSource,
      [
        ['from', from],
        ['to', to],
      ],
      TRAVERSABLE,
    );
    const chain = await shortestPath(ctx.dataSource, ends.get(from)!, ends.get(to)!, limit, TRAVERSAL_TYPES);
    if (!chain) return null;
    const value = await nodeValues(
      chain.flatMap((l) => [l.from, l.to]),
      ctx,
    );
    return edgeValues(chain, value);
  }
}
