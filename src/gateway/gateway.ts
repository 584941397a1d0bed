import { createGatewayRuntime, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Transport } from '@graphql-mesh/transport-common';
import http from '@graphql-mesh/transport-http';
import { FetchStats, useFetchStats } from './fetch-stats.plugin';
import { DEFAULT_LIMITS, OperationLimits } from './limits';
import { useOperationLimits } from './limits.plugin';

export interface GatewayOptions {
  /** the supergraph SDL */
  supergraph: string;
  /** how subgraphs are reached: in process, or over HTTP (the default) */
  transport?: Transport;
  production: boolean;
  limits?: OperationLimits;
  logging?: boolean | 'debug' | 'info' | 'warn' | 'error';
}

export interface Gateway {
  runtime: GatewayRuntime;
  stats: FetchStats;
  dispose(): Promise<void>;
}

/** Builds the gateway; it listens nowhere until a main file hands `runtime` to an HTTP server. */
export function createGateway(options: GatewayOptions): Gateway {
  const stats = new FetchStats();
  const runtime = createGatewayRuntime({
    supergraph: options.supergraph,
    transports: { http: options.transport ?? http },
    plugins: () => [useFetchStats(stats), useOperationLimits(options.limits ?? DEFAULT_LIMITS) as never],
    // unexpected errors are masked ("Unexpected error.") and logged on the server
    maskedErrors: true,
    logging: options.logging ?? (options.production ? 'info' : 'warn'),
    landingPage: false,
    graphiql: options.production ? false : { title: 'lam-atlas' },
  });
  return {
    runtime,
    stats,
    dispose: async () => {
      await runtime.dispose();
    },
  };
}
