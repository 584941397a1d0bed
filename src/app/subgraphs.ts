import { Config, SUBGRAPH_NAMES, SubgraphName } from '../common/config';
import type { Curation } from '../common/curation/curation';
import { Store } from '../common/database';
import { Subgraph } from '../common/federation';
import { composeSupergraph, Composition, SubgraphSdl } from '../gateway/compose';
import { LocalSubgraph } from '../gateway/local-transport';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { subgraphContext } from '../subgraphs/subgraph-module';

/** The URL a subgraph has when it runs as its own service with the default configuration. */
export function subgraphUrl(config: Config, name: SubgraphName): string {
  return config.subgraphUrls[name] ?? `http://127.0.0.1:${config.subgraphPorts[name]}/graphql`;
}

/** Builds every subgraph schema: no database, no network. */
export async function buildSubgraphs(): Promise<Record<SubgraphName, Subgraph>> {
  const built = await Promise.all(SUBGRAPH_NAMES.map((n) => SUBGRAPH_MODULES[n].build()));
  return Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, built[i]])) as Record<SubgraphName, Subgraph>;
}

/** Composes the built-in subgraphs, naming them by the URLs they have as separate services. */
export function composeBuiltIn(config: Config, subgraphs: Record<SubgraphName, Subgraph>): Composition {
  const sdls: SubgraphSdl[] = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: subgraphUrl(config, name),
    sdl: subgraphs[name].sdl,
  }));
  return composeSupergraph(sdls);
}

/** A subgraph served in this process: its schema, and a context per request over its store. */
export function localSubgraph(
  name: SubgraphName,
  subgraph: Subgraph,
  store: Store,
  curation: Curation | null = null,
): LocalSubgraph {
  return {
    schema: subgraph.schema,
    // the store's data source is read per request: an approval replaces it with the rebuilt store
    createContext: (identity) =>
      subgraphContext(SUBGRAPH_MODULES[name], store.dataSource, identity, curation),
  };
}
