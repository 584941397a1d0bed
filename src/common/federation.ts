import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, BuildSchemaOptions, createResolversMap } from 'type-graphql';
import { DEFAULT_PAGE_SIZE } from './paging';

// v2.9 brings the demand control directives (@cost, @listSize), which composition copies into the supergraph
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible", "@cost", "@listSize"])\n\n';

/**
 * How many items a connection field holds, for the gateway's cost limit: `first` of them (the slicing
 * argument), DEFAULT_PAGE_SIZE when it is not given, in its `edges` and `nodes`.
 */
export const CONNECTION_SIZE = `@listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)`;

/** A root connection's size: `first` or `last` of them (it pages both ways), as CONNECTION_SIZE. */
export const ROOT_CONNECTION_SIZE = `@listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)`;

/** At most `items` items in a list field that takes no page size, for the gateway's cost limit. */
export function listSize(items: number): string {
  if (!Number.isSafeInteger(items) || items < 0)
    throw new Error(`a list size is a whole number, got ${items}`);
  return `@listSize(assumedSize: ${items})`;
}

export interface Subgraph {
  /** the executable subgraph schema (with _service and _entities) */
  schema: GraphQLSchema;
  /** the subgraph SDL as composition sees it */
  sdl: string;
}

/**
 * TypeGraphQL builds the types; @apollo/subgraph adds _service/_entities and the reference resolvers.
 * Pure: builds nothing but schema objects, so tests can call it without a network or a database.
 */
export async function buildFederatedSubgraph(
  options: Pick<BuildSchemaOptions, 'resolvers' | 'orphanedTypes'>,
  referenceResolvers: GraphQLResolverMap<unknown> = {},
): Promise<Subgraph> {
  const typeSchema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const sdl = FEDERATION_LINK + printSchemaWithDirectives(typeSchema);
  const resolvers = createResolversMap(typeSchema) as GraphQLResolverMap<unknown>;
  for (const [type, extra] of Object.entries(referenceResolvers)) {
    resolvers[type] = { ...resolvers[type], ...(extra as object) } as never;
  }
  return { schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]), sdl };
}
