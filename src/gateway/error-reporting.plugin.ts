import { GraphQLError } from 'graphql';
import { createLogger, Logger } from '../common/logger';

export const REQUEST_ID_HEADER = 'x-request-id';
export const MASKED_MESSAGE = 'Unexpected error.';

const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';

/** An error a resolver or the gateway raised on purpose (a GraphQLError all the way down) is safe to show. */
function isIntended(error: unknown): boolean {
  if (!isGraphQLError(error)) return false;
  return error.originalError == null || isIntended(error.originalError);
}

function describe(error: unknown): { message: string; stack?: string } {
  const cause = isGraphQLError(error) && error.originalError ? error.originalError : error;
  return cause instanceof Error ? { message: cause.message, stack: cause.stack } : { message: String(cause) };
}

type ResultLike = { errors?: readonly unknown[] };

function copyError(e: GraphQLError, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    nodes: e.nodes,
    source: e.source,
    positions: e.positions,
    path: e.path,
    extensions,
  });
}

/** Codes the runtime gives a subgraph request that failed as a whole (no answer, a non-GraphQL answer, too late). */
const SUBGRAPH_FAULTS = new Set(['SUBREQUEST_HTTP_ERROR', 'GATEWAY_TIMEOUT']);
/** Codes a subgraph's own unexpected error arrives with: the subgraph did not mean the message for clients. */
const SUBGRAPH_INTERNAL = new Set(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

/** The subgraph a failed subgraph request went to; such an error is a fault of the deployment, not of the request. */
function faultySubgraph(error: unknown): string | undefined {
  if (!isGraphQLError(error)) return undefined;
  const name = error.extensions?.serviceName;
  if (typeof name !== 'string') return undefined;
  return SUBGRAPH_FAULTS.has(String(error.extensions.code)) ? name : undefined;
}

/**
 * What the client sees instead of an unexpected error: which subgraph failed, when one did, and nothing
 * more (no internal URL or subgraph query). A partial result stays a 200 response.
 */
function safeError(error: unknown): GraphQLError {
  const e = isGraphQLError(error) ? error : new GraphQLError(String((error as Error)?.message ?? error));
  const subgraph = faultySubgraph(e);
  if (subgraph) {
    return e.extensions.code === 'GATEWAY_TIMEOUT' || /timeout|timed out/i.test(describe(e).message)
      ? copyError(e, `The ${subgraph} subgraph did not answer in time.`, {
          code: 'SUBGRAPH_TIMEOUT',
          serviceName: subgraph,
        })
      : copyError(e, `The ${subgraph} subgraph is unavailable.`, {
          code: 'SUBGRAPH_UNAVAILABLE',
          serviceName: subgraph,
        });
  }
  const http = e.extensions?.http ? { http: e.extensions.http } : {};
  return copyError(e, MASKED_MESSAGE, { code: 'INTERNAL_SERVER_ERROR', ...http });
}

/** A subgraph's own error, as the client may see it: without the subgraph request the runtime attaches. */
function withoutRequest(e: GraphQLError): GraphQLError {
  const { request: _request, ...extensions } = e.extensions;
  return copyError(e, e.message, extensions);
}

const SUGGESTION = /\s*Did you mean .*$/s;

/**
 * How often each kind of unexpected error (code and message) recurs: a kind's first occurrence in a
 * minute is logged with its stack, the rest with how many times it has occurred in that minute, so
 * an outage of a subgraph logs a line per request rather than a stack per failed field.
 */
class RepeatedErrors {
  private readonly kinds = new Map<string, { since: number; count: number }>();
  constructor(
    private readonly windowMs = 60_000,
    private readonly maxKinds = 100,
  ) {}

  /** null for a kind not seen in the window, else how many times it has occurred in it so far */
  seen(kind: string, now = Date.now()): number | null {
    const known = this.kinds.get(kind);
    if (known && now - known.since < this.windowMs) return ++known.count;
    if (!known && this.kinds.size >= this.maxKinds) this.kinds.delete(this.kinds.keys().next().value!);
    this.kinds.set(kind, { since: now, count: 1 });
    return null;
  }
}

/** graphql-js reports a variable it cannot coerce (wrong type, missing, null for non-null) without a code. */
const VARIABLE_ERROR = /^Variable "\$[^"]+" /;
const NO_QUERY = 'Must provide query string.';
const JSON_HINT =
  ' Send the operation as JSON: a POST with content-type: application/json and a body like {"query": "{ sectors { name } }"} (curl --json \'{"query":"{ sectors { name } }"}\' URL).';

/** Every error a client sees has a stable code; a body that is not JSON is told how to send one. */
function withCode(e: GraphQLError, request: Request): GraphQLError {
  if (e.extensions?.code === undefined && VARIABLE_ERROR.test(e.message))
    return copyError(e, e.message, { ...e.extensions, code: 'BAD_USER_INPUT' });
  const json = /json/i.test(request.headers.get('content-type') ?? '');
  if (e.message === NO_QUERY && request.method === 'POST' && !json)
    return copyError(e, NO_QUERY + JSON_HINT, e.extensions);
  return e;
}

export interface ErrorReportingOptions {
  /** where each unexpected error is logged (default: errors only, to stderr) */
  logger?: Logger;
  /**
   * drop "Did you mean ...?" (suggestions spell out the schema's names to whoever probes it, even with
   * introspection off) and the `originalError` details the server adds while developing
   */
  hideSuggestions?: boolean;
  /** also mask what a subgraph reports as its own internal error (shown as is while developing) */
  maskSubgraphInternals?: boolean;
}

/**
 * Masks unexpected errors ("Unexpected error.", or which subgraph failed) and logs each as one JSON line
 * carrying the request id the client sees in the `x-request-id` response header, so a report can be matched
 * to the log. Masking happens here, once per response, rather than in the runtime's masking hook, which has
 * no request to name and logs on its own.
 */
export function errorReporting(options: ErrorReportingOptions = {}) {
  const logger = options.logger ?? createLogger({ level: 'error' });
  const generatedIds = new WeakMap<Request, string>();
  const requestIdOf = (request: Request): string | undefined =>
    request.headers.get(REQUEST_ID_HEADER) ?? generatedIds.get(request);

  const repeats = new RepeatedErrors();
  const clean = (r: ResultLike, request: Request): ResultLike => {
    if (!r?.errors?.length) return r;
    let changed = false;
    const unexpected: { error: unknown; safe: GraphQLError }[] = [];
    const errors = r.errors.map((e) => {
      const internal =
        options.maskSubgraphInternals &&
        isGraphQLError(e) &&
        e.extensions?.serviceName &&
        SUBGRAPH_INTERNAL.has(String(e.extensions.code));
      if (!isIntended(e) || faultySubgraph(e) || internal) {
        changed = true;
        const safe = safeError(e);
        unexpected.push({ error: e, safe });
        return safe;
      }
      let shown = withCode(e as GraphQLError, request);
      if (shown.extensions?.request) shown = withoutRequest(shown);
      if (options.hideSuggestions && shown.extensions?.originalError) {
        const { originalError, ...extensions } = shown.extensions;
        // still there for the runtime, which answers 400 rather than 200 when it sees one, but not serialized
        Object.defineProperty(extensions, 'originalError', { value: originalError, enumerable: false });
        shown = copyError(shown, shown.message, extensions);
      }
      if (options.hideSuggestions && SUGGESTION.test(shown.message))
        shown = copyError(shown, shown.message.replace(SUGGESTION, ''), shown.extensions);
      changed ||= shown !== e;
      return shown;
    });
    if (unexpected.length > 0) {
      // one line per request, however many fields failed; the stack only once per kind and minute
      const [{ error, safe }] = unexpected;
      const { message, stack } = describe(error);
      const kind = `${String(safe.extensions.code)} ${message}`;
      const repeated = repeats.seen(kind);
      logger.error({
        msg: 'unexpected error',
        requestId: requestIdOf(request),
        code: safe.extensions.code,
        path: safe.path,
        message,
        ...(unexpected.length > 1 ? { errors: unexpected.length } : {}),
        ...(repeated === null ? { stack } : { repeated }),
      });
    }
    return changed ? { ...r, errors } : r;
  };

  const plugin = {
    onResultProcess({
      request,
      result,
      setResult,
    }: {
      request: Request;
      result: unknown;
      setResult: (r: unknown) => void;
    }) {
      if (Array.isArray(result)) setResult(result.map((r: ResultLike) => clean(r, request)));
      else if (result && typeof result === 'object' && 'errors' in result)
        setResult(clean(result as ResultLike, request));
    },
  };

  return {
    // errors pass the runtime's own masking untouched and are masked by `plugin`
    maskedErrors: { maskError: ((error: unknown) => error) as never },
    requestId: {
      headerName: REQUEST_ID_HEADER,
      generateRequestId: ({ request }: { request: Request }) => {
        const id = crypto.randomUUID();
        generatedIds.set(request, id);
        return id;
      },
    },
    requestIdOf,
    plugin,
  };
}
