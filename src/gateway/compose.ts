import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

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
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors && result.errors.length > 0) {
    throw new Error(`supergraph composition failed:\n${result.errors.map((e) => '  - ' + e.message).join('\n')}`);
  }
  return { supergraph: result.supergraphSdl!, apiSchema: result.publicSdl! };
}
