import { useRequestDeadline } from './request-deadline.plugin';
import { useResponseSizeLimit } from './response-size.plugin';
import { useSubgraphIdentity } from './subgraph-identity.plugin';
import { createGatewayRuntime, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { Transport } from '@graphql-mesh/transport-common';
import http from '@graphql-mesh/transport-http';
import { createLogger, Logger } from '../common/logger';
import { useCompiledExecution } from './compiled-execution';
import { useByteBoundedDocumentCache } from './document-cache.plugin';
import { errorReporting } from './error-reporting.plugin';
import { useExpansionLimit, useParseDepthGuard } from './document-guards.plugin';
import { FetchStats, useFetchStats } from './fetch-stats.plugin';
import { useFusedExecution } from './fused-execution';
import { buildFusedSchema } from './fused-schema';
import type { LocalSubgraph } from './local-transport';
import { costDirectivesOf, DEFAULT_LIMITS, OperationLimits } from './limits';
import { useOperationLimits } from './limits.plugin';
import { GatewayMetrics, GatewayMetricsOptions } from './metrics';
import { playgroundOptions } from './playground';
import { useTelemetry } from './telemetry.plugin';
import { TrustedDocuments, trustedDocumentsOptions } from './trusted-documents';

export interface GatewayOptions {
  /** the supergraph SDL */
  supergraph: string;
  /** how subgraphs are reached: in process, or over HTTP (the default) */
  transport?: Transport;
  /**
   * every subgraph in this process, with the API schema: client operations then run on one fused schema
   * over the subgraphs' resolvers instead of a query plan (`transport` still serves introspection)
   */
  fused?: { apiSchema: string; subgraphs: Record<string, LocalSubgraph> };
  production: boolean;
  /** the explorer is served beside the playground, which then links to it */
  explorer?: boolean;
  /** limits to change; the others keep DEFAULT_LIMITS */
  limits?: Partial<OperationLimits>;
  /** answer __schema/__type (default: on, except in production) */
  introspection?: boolean;
  /** a subgraph request taking longer fails with errors on that subgraph's fields only */
  subgraphTimeoutMs?: number;
  /** operations by id from persisted-documents.json, and whether anything else may run */
  trustedDocuments?: TrustedDocuments;
  /**
   * one line per GraphQL request (info, or warn when it has errors) and one per unexpected error (error);
   * default: unexpected errors only, to stderr
   */
  logger?: Logger;
  /**
   * the origins browsers may call from, without credentials; [] (the default) allows none (no CORS
   * headers, so a browser keeps cross-origin pages out); ['*'] any
   */
  corsOrigins?: string[];
  /** an answer whose data would be larger than this many bytes is a RESPONSE_TOO_LARGE error (default: none) */
  maxResponseBytes?: number;
  /** a request still running after this many milliseconds ends with REQUEST_TIMEOUT (default: none) */
  requestTimeoutMs?: number;
  /** signs every subgraph request with this shared secret (subgraph services refuse unsigned ones) */
  subgraphSecret?: string | null;
  /** Prometheus metrics in a registry of this gateway's own (default: on, without process metrics) */
  metrics?: boolean | GatewayMetricsOptions;
  logging?: boolean | 'debug' | 'info' | 'warn' | 'error';
  /** the planned path's query planner: the runtime's own (default), or the Hive Router's in Rust */
  queryPlanner?: 'default' | 'rust';
}

/**
 * The Hive Router's Rust query planner, loaded only when asked for: @graphql-hive/router-runtime is a
 * development dependency, not the default (see docs/performance.md, "The Rust query planner").
 */
function rustPlanner(): object {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, loaded on demand
    const runtime = require('@graphql-hive/router-runtime') as { unifiedGraphHandler: unknown };
    return { unifiedGraphHandler: runtime.unifiedGraphHandler };
  } catch (err) {
    throw new Error(
      `QUERY_PLANNER=rust needs @graphql-hive/router-runtime installed: ${(err as Error).message}`,
    );
  }
}

export interface Gateway {
  runtime: GatewayRuntime;
  stats: FetchStats;
  /** null when metrics are off */
  metrics: GatewayMetrics | null;
  dispose(): Promise<void>;
}

/** The fused engine's refusal of a supergraph at start-up: what it uses that the engine does not implement. */
export class FusedRefusal extends Error {
  constructor(readonly unsupported: string[]) {
    super(`the supergraph cannot run fused in one process: ${unsupported.join('; ')}`);
  }
}

/** Builds the gateway; it listens nowhere until a main file hands `runtime` to an HTTP server. */
export function createGateway(options: GatewayOptions): Gateway {
  const stats = new FetchStats();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const costDirectives = costDirectivesOf(options.supergraph);
  const logger = options.logger ?? createLogger({ level: 'error' });
  const metrics =
    options.metrics === false ? null : new GatewayMetrics(options.metrics === true ? {} : options.metrics);
  // production hides "Did you mean ...?" suggestions along with introspection
  const errors = errorReporting({
    logger,
    hideSuggestions: options.production,
    maskSubgraphInternals: options.production,
  });
  // after error reporting, so it counts the codes clients see
  const telemetry = useTelemetry({ metrics, logger, requestIdOf: errors.requestIdOf });
  const fused =
    options.fused && buildFusedSchema(options.supergraph, options.fused.apiSchema, options.fused.subgraphs);
  if (fused && 'unsupported' in fused) throw new FusedRefusal(fused.unsupported);
  const fusedPlugins = fused ? [useFusedExecution(fused) as never] : [];
  const runtime = createGatewayRuntime({
    ...(options.queryPlanner === 'rust' ? rustPlanner() : {}),
    supergraph: options.supergraph,
    transports: { http: options.transport ?? http },
    // a document that expands past what maxTokens tokens could spell out is refused before validation
    plugins: () => [
      // the Rust planner executes its plans itself, over a schema without resolvers to compile
      ...(options.queryPlanner === 'rust' ? [] : [useCompiledExecution() as never]),
      ...fusedPlugins,
      useParseDepthGuard(limits.maxDepth) as never,
      useExpansionLimit(limits.maxTokens) as never,
      useFetchStats(stats),
      ...(options.subgraphSecret ? [useSubgraphIdentity(options.subgraphSecret) as never] : []),
      // costed by the @listSize and @cost directives the subgraphs declare, which composition copies
      useOperationLimits(limits, costDirectives) as never,
      // after the cost limit, whose extensions.cost an answer too large keeps
      ...(options.maxResponseBytes ? [useResponseSizeLimit(options.maxResponseBytes) as never] : []),
      errors.plugin as never,
      telemetry as never,
      // last: it wraps whichever execution the plugins above chose
      ...(options.requestTimeoutMs ? [useRequestDeadline(options.requestTimeoutMs) as never] : []),
      // the very last: it keeps parsed documents from GraphQL Yoga's cache, which follows it
      useByteBoundedDocumentCache() as never,
    ],
    // unexpected errors are masked ("Unexpected error.") and logged with the request id the response carries
    maskedErrors: errors.maskedErrors,
    requestId: errors.requestId as never,
    disableIntrospection: (options.introspection ?? !options.production) ? undefined : {},
    // a cross-site form or GET cannot send these headers without a CORS preflight; JSON POSTs need none
    csrfPrevention: options.production
      ? { requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'graphql-preflight'] }
      : undefined,
    // an empty list would mean "any origin" to the runtime: no list means no CORS at all
    cors: options.corsOrigins?.length ? { origin: options.corsOrigins, credentials: false } : false,
    upstreamTimeout: options.subgraphTimeoutMs,
    logging: options.logging ?? (options.production ? 'info' : 'warn'),
    landingPage: false,
    ...playgroundOptions(options.production, undefined, options.explorer),
    ...(trustedDocumentsOptions(options.trustedDocuments) as object),
  });
  return {
    runtime,
    stats,
    metrics,
    dispose: async () => {
      await runtime.dispose();
    },
  };
}
