import { createGatewayRuntime, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Transport } from '@graphql-mesh/transport-common';
import http from '@graphql-mesh/transport-http';
import { useCompiledExecution } from './compiled-execution';
import { ErrorLog, errorReporting } from './error-reporting.plugin';
import { useExpansionLimit, useParseDepthGuard } from './document-guards.plugin';
import { FetchStats, useFetchStats } from './fetch-stats.plugin';
import { DEFAULT_LIMITS, OperationLimits } from './limits';
import { useOperationLimits } from './limits.plugin';
import { playgroundOptions } from './playground';
import { TrustedDocuments, trustedDocumentsOptions } from './trusted-documents';

export interface GatewayOptions {
  /** the supergraph SDL */
  supergraph: string;
  /** how subgraphs are reached: in process, or over HTTP (the default) */
  transport?: Transport;
  production: boolean;
  /** limits to change; the others keep DEFAULT_LIMITS */
  limits?: Partial<OperationLimits>;
  /** answer __schema/__type (default: on, except in production) */
  introspection?: boolean;
  /** a subgraph request taking longer fails with errors on that subgraph's fields only */
  subgraphTimeoutMs?: number;
  /** operations by id from persisted-documents.json, and whether anything else may run */
  trustedDocuments?: TrustedDocuments;
  /** where unexpected errors are logged, one JSON line each (default: stderr) */
  errorLog?: ErrorLog;
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
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // production hides "Did you mean ...?" suggestions along with introspection
  const errors = errorReporting({ log: options.errorLog, hideSuggestions: options.production, maskSubgraphInternals: options.production });
  const runtime = createGatewayRuntime({
    supergraph: options.supergraph,
    transports: { http: options.transport ?? http },
    // a document that expands past what maxTokens tokens could spell out is refused before validation
    plugins: () => [useCompiledExecution() as never, useParseDepthGuard(limits.maxDepth) as never, useExpansionLimit(limits.maxTokens) as never, useFetchStats(stats), useOperationLimits(limits) as never, errors.plugin as never],
    // unexpected errors are masked ("Unexpected error.") and logged with the request id the response carries
    maskedErrors: errors.maskedErrors,
    requestId: errors.requestId as never,
    disableIntrospection: (options.introspection ?? !options.production) ? undefined : {},
    // a cross-site form or GET cannot send these headers without a CORS preflight; JSON POSTs need none
    csrfPrevention: options.production ? { requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'graphql-preflight'] } : undefined,
    upstreamTimeout: options.subgraphTimeoutMs,
    logging: options.logging ?? (options.production ? 'info' : 'warn'),
    landingPage: false,
    ...playgroundOptions(options.production),
    ...(trustedDocumentsOptions(options.trustedDocuments) as object),
  });
  return {
    runtime,
    stats,
    dispose: async () => {
      await runtime.dispose();
    },
  };
}
