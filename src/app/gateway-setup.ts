import * as http from 'http';
import { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { Gateway, GatewayOptions } from '../gateway/gateway';
import { readManifest, TrustedDocuments } from '../gateway/trusted-documents';
import { Authenticator } from './api-keys/authenticator';
import { KeyStore, keyStoreTarget } from './api-keys/key-store';
import { explorerPages } from './explorer-pages';
import { createHttpServer, HealthCheck } from './http-server';

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
    explorer: config.explorer,
    subgraphSecret: config.subgraphSecret,
    requestTimeoutMs: config.requestTimeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    corsOrigins: config.corsOrigins ?? (config.production ? [] : ['*']),
    limits: config.limits,
    introspection: config.introspection,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    queryPlanner: config.queryPlanner,
    trustedDocuments: trustedDocuments(config),
    metrics: config.metrics && { processMetrics: true },
    logger: options.logger,
  };
}

/** The HTTP server in front of a gateway as the configuration sets it up: body limit, rate limit, /metrics, the explorer. */
export function gatewayHttpServer(gateway: Gateway, health: HealthCheck, config: Config): http.Server {
  return createHttpServer(gateway.runtime, health, {
    maxBodyBytes: config.maxBodyBytes,
    rateLimit: config.rateLimit,
    metrics: gateway.metrics,
    pages: config.explorer
      ? explorerPages({
          trustedDocuments: config.trustedDocuments.mode !== 'off',
          playground: !config.production,
          dataDir: config.dataDir,
        })
      : null,
    readiness: config.readiness,
    authenticator: new Authenticator(() => KeyStore.open(keyStoreTarget(config))),
  });
}
