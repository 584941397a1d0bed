import * as http from 'http';
import { Config, SUBGRAPH_NAMES, SubgraphName } from '../common/config';
import { defineStore, isPostgres, Store, storeTarget, verifyStore } from '../common/database';
import { Subgraph } from '../common/federation';
import type { Logger } from '../common/logger';
import { composeSupergraph, Composition, SubgraphSdl } from '../gateway/compose';
import type { Gateway, GatewayOptions } from '../gateway/gateway';
import { LocalSubgraph } from '../gateway/local-transport';
import { readManifest, TrustedDocuments } from '../gateway/trusted-documents';
import { createHttpServer, HealthCheck } from './http-server';
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
  const sdls: SubgraphSdl[] = SUBGRAPH_NAMES.map((name) => ({
    name,
    url: subgraphUrl(config, name),
    sdl: subgraphs[name].sdl,
  }));
  return composeSupergraph(sdls);
}

/**
 * Opens a subgraph's store for reading and checks it can be read, so a missing, empty or corrupt
 * store is a clear startup error rather than a half-served schema. The caller closes it.
 */
export async function openStore(config: Config, name: SubgraphName): Promise<Store> {
  const target = storeTarget(config, name);
  const store = defineStore(target, SUBGRAPH_MODULES[name].entities, { readonly: true });
  try {
    await store.dataSource.initialize();
    await verifyStore(store, target);
  } catch (err) {
    if (store.dataSource.isInitialized) await store.dataSource.destroy();
    const where = isPostgres(target) ? `schema ${target.schema}` : target.file;
    throw new Error(
      `the ${name} store (${where}) cannot be read: ${(err as Error).message}. Run npm run seed to rebuild it from data/`,
    );
  }
  return store;
}

/** Opens every store, closing those already open if one fails. */
export async function openStores(config: Config): Promise<Store[]> {
  const opened: Store[] = [];
  try {
    for (const name of SUBGRAPH_NAMES) opened.push(await openStore(config, name));
    return opened;
  } catch (err) {
    await Promise.all(opened.map((s) => s.dataSource.destroy()));
    throw err;
  }
}

export function localSubgraph(name: SubgraphName, subgraph: Subgraph, store: Store): LocalSubgraph {
  return {
    schema: subgraph.schema,
    createContext: () => SUBGRAPH_MODULES[name].createContext(store.dataSource),
  };
}

/** The trusted-documents setting with its manifest read, or undefined when it is off. */
export function trustedDocuments(config: Config): TrustedDocuments | undefined {
  const { mode, manifestPath } = config.trustedDocuments;
  return mode === 'off' ? undefined : { mode, manifest: readManifest(manifestPath) };
}

export interface AppOptions {
  /** where request lines and unexpected errors go; the main files pass one at LOG_LEVEL (default: errors only) */
  logger?: Logger;
}

/** The gateway settings the configuration decides, for either deployment shape. */
export function gatewayOptions(
  config: Config,
  options: AppOptions = {},
): Omit<GatewayOptions, 'supergraph' | 'transport'> {
  return {
    production: config.production,
    limits: config.limits,
    introspection: config.introspection,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    trustedDocuments: trustedDocuments(config),
    metrics: config.metrics && { processMetrics: true },
    logger: options.logger,
  };
}

/** The HTTP server in front of a gateway as the configuration sets it up: body limit, rate limit, /metrics. */
export function gatewayHttpServer(gateway: Gateway, health: HealthCheck, config: Config): http.Server {
  return createHttpServer(gateway.runtime, health, {
    maxBodyBytes: config.maxBodyBytes,
    rateLimit: config.rateLimit,
    metrics: gateway.metrics,
  });
}
