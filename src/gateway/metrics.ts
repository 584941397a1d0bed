import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const METRIC_PREFIX = 'lam_atlas_';
export const ANONYMOUS = 'anonymous';
export const OTHER = 'other';
export const DEFAULT_MAX_OPERATIONS = 100;

/** Seconds: from a cached one-subgraph lookup (a few ms) to a query waiting on a slow subgraph. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const FETCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Label values a client chooses (operation names) each make a new series that lives as long as the process:
 * the first `max` distinct values keep their own series, every later one is counted as "other".
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(readonly max: number) {}

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(raw);
    return raw;
  }

  get size(): number {
    return this.seen.size;
  }
}

export interface GatewayMetricsOptions {
  /** distinct operation names with series of their own (default 100); the rest are "other" */
  maxOperations?: number;
  /** also collect the process's CPU, memory, event loop and GC metrics */
  processMetrics?: boolean;
}

/**
 * The gateway's Prometheus metrics, in a registry of its own (never prom-client's global one), so several
 * gateways can live in one process, each with its own counts.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operations: BoundedLabel;
  private readonly codes = new BoundedLabel(50);
  private readonly requests = new Counter({
    name: `${METRIC_PREFIX}requests_total`,
    help: 'GraphQL requests by operation name and outcome (ok: no errors)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: `${METRIC_PREFIX}errors_total`,
    help: 'GraphQL errors in responses by operation name and extensions.code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: `${METRIC_PREFIX}request_duration_seconds`,
    help: 'Time from receiving a GraphQL request to its result, by operation name',
    labelNames: ['operation'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly fetchDuration = new Histogram({
    name: `${METRIC_PREFIX}subgraph_fetch_duration_seconds`,
    help: 'Time of each subgraph request of a query plan, by subgraph',
    labelNames: ['subgraph'] as const,
    buckets: FETCH_BUCKETS,
    registers: [this.registry],
  });
  private readonly fetchErrors = new Counter({
    name: `${METRIC_PREFIX}subgraph_fetch_errors_total`,
    help: 'Subgraph requests that failed or answered with errors, by subgraph',
    labelNames: ['subgraph'] as const,
    registers: [this.registry],
  });
  private readonly rejections = new Counter({
    name: `${METRIC_PREFIX}http_rejections_total`,
    help: 'Requests refused by the HTTP server before reaching GraphQL, by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  constructor(options: GatewayMetricsOptions = {}) {
    this.operations = new BoundedLabel(options.maxOperations ?? DEFAULT_MAX_OPERATIONS);
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  /** The label an operation name gets: itself, "anonymous", or "other" past the bound or when it is no GraphQL name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return ANONYMOUS;
    return GRAPHQL_NAME.test(name) ? this.operations.value(name) : OTHER;
  }

  /** Records one GraphQL request as it ends; `codes` has one entry per error of the response. */
  request(operation: string, seconds: number, codes: readonly string[]): void {
    this.requests.inc({ operation, outcome: codes.length ? 'error' : 'ok' });
    this.duration.observe({ operation }, seconds);
    for (const code of codes) this.errors.inc({ operation, code: this.codes.value(code) });
  }

  subgraphFetch(subgraph: string, seconds: number, failed: boolean): void {
    this.fetchDuration.observe({ subgraph }, seconds);
    if (failed) this.fetchErrors.inc({ subgraph });
  }

  rejected(code: string): void {
    this.rejections.inc({ code });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text served at /metrics. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
