import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, BuildSchemaOptions, createResolversMap } from 'type-graphql';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])\n\n';

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
