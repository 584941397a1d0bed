import { Config, SUBGRAPH_NAMES, SubgraphName } from '../shared/config';
import { defineStore, Store, storeTarget } from '../shared/database';
import { Subgraph } from '../shared/federation';
import { composeSupergraph, Composition, SubgraphSdl } from '../gateway/compose';
import { LocalSubgraph } from '../gateway/local-transport';
import { SUBGRAPH_MODULES } from './subgraph-modules';

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
  const sdls: SubgraphSdl[] = SUBGRAPH_NAMES.map((name) => ({ name, url: subgraphUrl(config, name), sdl: subgraphs[name].sdl }));
  return composeSupergraph(sdls);
}

/** Opens a subgraph's store for reading; the caller closes it. */
export async function openStore(config: Config, name: SubgraphName): Promise<Store> {
  const store = defineStore(storeTarget(config, name), SUBGRAPH_MODULES[name].entities, { readonly: true });
  await store.dataSource.initialize();
  return store;
}

export function localSubgraph(name: SubgraphName, subgraph: Subgraph, store: Store): LocalSubgraph {
  return { schema: subgraph.schema, createContext: () => SUBGRAPH_MODULES[name].createContext(store.dataSource) };
}
