import { DocumentNode, Kind } from 'graphql';
import type { ExecutionRequest } from '@graphql-tools/utils';
import type { Logger } from '../common/logger';
import { GatewayMetrics } from './metrics';

type ResultLike = { errors?: readonly { extensions?: Record<string, unknown> }[] };
type Executor = (request: ExecutionRequest) => unknown;

/** What is known about one GraphQL request while it runs. */
interface RequestState {
  started: number;
  operationName?: string;
  fetches: number;
  codes?: string[];
}

export interface TelemetryOptions {
  metrics: GatewayMetrics | null;
  logger: Logger;
  /** the id the response's x-request-id header carries */
  requestIdOf(request: Request): string | undefined;
}

/** an operationName parameter is the client's own string: a log line keeps its start */
const MAX_LOGGED_NAME = 200;

const seconds = (since: number) => (performance.now() - since) / 1000;

/** The operation a request runs: the one it names, else the document's only operation (its name, if any). */
function operationNameOf(document: DocumentNode, requested: unknown): string | undefined {
  if (typeof requested === 'string' && requested) return requested;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operations.length === 1 && operations[0].kind === Kind.OPERATION_DEFINITION
    ? operations[0].name?.value
    : undefined;
}

const codeOf = (code: unknown): string =>
  typeof code === 'string' || typeof code === 'number' ? String(code) : 'UNKNOWN';

function errorCodes(result: unknown): string[] {
  const results = (Array.isArray(result) ? result : [result]) as ResultLike[];
  return results.flatMap((r) => (r?.errors ?? []).map((e) => codeOf(e?.extensions?.code)));
}

function failed(result: unknown): boolean {
  return !!(result && typeof result === 'object' && (result as ResultLike).errors?.length);
}

/**
 * Measures every GraphQL request, including those refused before execution (bad JSON, parse and validation
 * errors, limits): request and error counts and durations by operation, each subgraph fetch's time, and one
 * log line per request. Placed after error reporting, it sees the codes clients see.
 */
export function useTelemetry(options: TelemetryOptions) {
  const { metrics, logger } = options;
  const requests = new WeakMap<Request, RequestState>();
  const stateOf = (context: unknown) =>
    requests.get((context as { request?: Request } | undefined)?.request as Request);

  const timedExecutor =
    (executor: Executor, subgraph: string, state: RequestState | undefined): Executor =>
    async (request) => {
      if (state) state.fetches++;
      const started = performance.now();
      try {
        const result = await executor(request);
        metrics?.subgraphFetch(subgraph, seconds(started), failed(result));
        return result;
      } catch (err) {
        metrics?.subgraphFetch(subgraph, seconds(started), true);
        throw err;
      }
    };

  return {
    onRequest({ request }: { request: Request }) {
      requests.set(request, { started: performance.now(), fetches: 0 });
    },
    onParse() {
      return ({
        result,
        context,
      }: {
        result: unknown;
        context: { request?: Request; params?: { operationName?: unknown } };
      }) => {
        const state = stateOf(context);
        if (
          state &&
          result &&
          typeof result === 'object' &&
          (result as DocumentNode).kind === Kind.DOCUMENT
        ) {
          state.operationName = operationNameOf(result as DocumentNode, context.params?.operationName);
        }
      };
    },
    onSubgraphExecute({
      subgraphName,
      executionRequest,
      executor,
      setExecutor,
    }: {
      subgraphName: string;
      executionRequest: ExecutionRequest;
      executor: Executor;
      setExecutor: (e: Executor) => void;
    }) {
      setExecutor(timedExecutor(executor, subgraphName, stateOf(executionRequest.context)));
    },
    onResultProcess({ request, result }: { request: Request; result: unknown }) {
      const state = requests.get(request);
      if (state) state.codes = errorCodes(result);
    },
    onResponse({ request, response }: { request: Request; response: Response }) {
      const state = requests.get(request);
      // only GraphQL results count: the playground page and the like have none
      if (!state?.codes) return;
      requests.delete(request);
      const elapsed = seconds(state.started);
      metrics?.request(metrics.operationLabel(state.operationName), elapsed, state.codes);
      // a response with errors is a warning: the unexpected ones also get an error line of their own
      const level = state.codes.length ? 'warn' : 'info';
      if (!logger.enabled(level)) return;
      logger[level]({
        msg: 'graphql request',
        requestId: options.requestIdOf(request),
        operationName: state.operationName?.slice(0, MAX_LOGGED_NAME) ?? null,
        outcome: state.codes.length ? 'error' : 'ok',
        status: response.status,
        durationMs: Math.round(elapsed * 10_000) / 10,
        errorCodes: [...new Set(state.codes)],
        fetches: state.fetches,
      });
    },
  };
}
