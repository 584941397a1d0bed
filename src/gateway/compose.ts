import { composeServices } from '@theguild/federation-composition';
import { DocumentNode, EnumTypeDefinitionNode, Kind, parse } from 'graphql';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface Composition {
  /** what a Federation 2 router serves (supergraph.graphql) */
  supergraph: string;
  /** the schema clients see (schema.graphql) */
  apiSchema: string;
}

/** Composes subgraph SDLs into a supergraph; a composition error names each problem. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): Composition {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors && result.errors.length > 0) {
    throw new Error(
      `supergraph composition failed:\n${result.errors.map((e) => '  - ' + e.message).join('\n')}`,
    );
  }
  return { supergraph: result.supergraphSdl!, apiSchema: result.publicSdl! };
}

/**
 * The subgraphs a supergraph routes to, from its `join__Graph` enum (`@join__graph(name:, url:)`);
 * `graph` is the enum value its `@join__*` directives name it by.
 * A file that is not GraphQL, or has no such enum, is refused with what is wrong.
 */
export function supergraphSubgraphs(
  supergraph: string | DocumentNode,
): { name: string; url: string; graph: string }[] {
  let document: DocumentNode;
  try {
    document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  } catch (err) {
    throw new Error(`not a GraphQL document: ${(err as Error).message}`);
  }
  const graphs = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  ) as EnumTypeDefinitionNode | undefined;
  if (!graphs?.values?.length)
    throw new Error('not a Federation 2 supergraph: it has no join__Graph enum naming its subgraphs');
  return graphs.values.map((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const arg = (name: string) => {
      const node = directive?.arguments?.find((a) => a.name.value === name)?.value;
      return node?.kind === Kind.STRING ? node.value : undefined;
    };
    const url = arg('url');
    if (!url) throw new Error(`join__Graph.${value.name.value} has no @join__graph(url:)`);
    return { name: arg('name') ?? value.name.value.toLowerCase(), url, graph: value.name.value };
  });
}
