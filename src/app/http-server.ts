import * as http from 'http';
import type { GatewayMetrics } from '../gateway/metrics';
import { onRequestCost } from '../gateway/request-cost';
import type { PageRoute } from './explorer-pages';
import { setRequestCaller } from '../common/request-caller';
import type { Authenticator } from './api-keys/authenticator';
import { ClientRateLimits, clientKey, RateLimitOptions } from './rate-limit';
import { ReadinessCheck, ReadinessOptions } from './readiness-check';

export type HealthCheck = () => Promise<Record<string, boolean>>;

export const DEFAULT_MAX_BODY_BYTES = 100_000;

export interface HttpServerOptions {
  maxBodyBytes?: number;
  /**
   * per-client token buckets of requests and cost points in front of the GraphQL handler; /healthz and
   * /metrics are not limited
   */
  rateLimit?: RateLimitOptions | null;
  /** served at GET /metrics, and told of the requests refused here */
  metrics?: GatewayMetrics | null;
  /** the explorer's pages (/, /explore, /paper); without them / redirects to the playground */
  pages?: PageRoute | null;
  /** the bounds GET /readyz reports saturation past (default: 256 requests in flight, 1000 ms) */
  readiness?: ReadinessOptions;
  /** checks a request's API key before anything else; without it every request is anonymous */
  authenticator?: Authenticator | null;
}

export const DEFAULT_READINESS: ReadinessOptions = { maxInFlight: 256, maxEventLoopDelayMs: 1000 };

type Reject = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
) => void;

/** What a refused request may still send before the connection is cut: enough for any normal client. */
export const DRAIN_LIMIT_BYTES = 1_000_000;
const DRAIN_TIMEOUT_MS = 2_000;

/**
 * Reads and discards the body the client is still sending (up to DRAIN_LIMIT_BYTES, for at most two
 * seconds) before answering: a client that writes its whole body before it reads (fetch does) would
 * otherwise see the connection reset instead of the answer. Past the bound the answer is sent and the
 * connection closed.
 */
function afterDraining(req: http.IncomingMessage, answer: () => void): void {
  if (req.complete || req.readableEnded) return answer();
  let seen = 0;
  let answered = false;
  const finish = () => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    answer();
  };
  const timer = setTimeout(finish, DRAIN_TIMEOUT_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN_LIMIT_BYTES) finish();
  });
  req.on('end', finish);
  req.on('error', finish);
  req.resume();
}

const writeRejection: Reject = (req, res, status, code, message, headers = {}) =>
  afterDraining(req, () => {
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close', ...headers });
    res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  });

/**
 * Refuses bodies over the limit before reading them. A body must declare its length: without
 * Content-Length the size could only be learned by reading it.
 */
function bodyTooLarge(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  maxBodyBytes: number,
  reject: Reject,
): boolean {
  if (req.method !== 'POST') return false;
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    reject(req, res, 411, 'LENGTH_REQUIRED', 'a POST body must declare its Content-Length');
    return true;
  }
  if (Number(declared) > maxBodyBytes) {
    reject(
      req,
      res,
      413,
      'REQUEST_TOO_LARGE',
      `the request body has ${declared} bytes; the limit is ${maxBodyBytes}`,
    );
    return true;
  }
  return false;
}

function serveMetrics(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  metrics: GatewayMetrics,
  head: boolean,
): void {
  metrics.text().then(
    (text) => {
      res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
      res.end(head ? undefined : text);
    },
    (err: Error) =>
      writeRejection(
        req,
        res,
        500,
        'INTERNAL_SERVER_ERROR',
        `metrics could not be collected: ${err.message}`,
      ),
  );
}

/**
 * A client's own request id is kept (echoed and logged) only when it is short and plain: up to 64
 * letters, digits and `._:-`. Anything else is dropped, and the gateway gives the request an id of its own.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const REQUEST_ID = 'x-request-id';
function dropUnsafeRequestId(req: http.IncomingMessage): void {
  const id = req.headers[REQUEST_ID];
  if (id === undefined || (typeof id === 'string' && SAFE_REQUEST_ID.test(id))) return;
  delete req.headers[REQUEST_ID];
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2)
    if (req.rawHeaders[i].toLowerCase() === REQUEST_ID) req.rawHeaders.splice(i, 2);
}

/** The GraphQL handler: the gateway runtime answers a request and settles its promise when done. */
export type GraphQLHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** Serves /healthz and /metrics itself and hands every other request to the GraphQL handler. */
export function createHttpServer(
  handler: GraphQLHandler,
  health: HealthCheck,
  options: number | HttpServerOptions = {},
): http.Server {
  const {
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    rateLimit = null,
    metrics = null,
    pages = null,
    readiness = DEFAULT_READINESS,
    authenticator = null,
  } = typeof options === 'number' ? { maxBodyBytes: options } : options;
  const ready = new ReadinessCheck(readiness, health);
  const limiter = rateLimit ? new ClientRateLimits(rateLimit) : null;
  const reject: Reject = (req, res, status, code, message, headers) => {
    metrics?.rejected(code);
    writeRejection(req, res, status, code, message, headers);
  };
  // after /metrics and /readyz: the rest, once the request's key (if any) is checked
  const serve = (req: http.IncomingMessage, res: http.ServerResponse, keyId: string | null) => {
    const path = (req.url ?? '/').split('?')[0];
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (limiter && path !== '/healthz') {
      // an authenticated key has a bucket of its own; everyone else, their address's
      const key = clientKey(req, keyId);
      const answer = limiter.admit(key);
      if (!answer.allowed) {
        const wait = String(answer.retryAfterSeconds);
        const { perMinute, burst, pointsPerMinute } = limiter.options;
        reject(
          req,
          res,
          429,
          'RATE_LIMITED',
          `too many requests: the limit is ${perMinute} requests (bursts of ${burst}) and ${pointsPerMinute} cost points per minute; retry in ${wait} s`,
          { 'retry-after': wait, ...answer.headers },
        );
        return;
      }
      // what is left, on every answer, so a client can pace itself (IETF RateLimit headers)
      const setHeaders = (headers: Record<string, string>) => {
        if (!res.headersSent) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      };
      setHeaders(answer.headers);
      onRequestCost(req, (cost) => setHeaders(limiter.chargeCost(key, cost)));
    }
    if (bodyTooLarge(req, res, maxBodyBytes, reject)) return;
    if (path === '/healthz' && read) {
      void health()
        .catch((): Record<string, boolean> => ({}))
        .then((subgraphs) => {
          const ok = Object.keys(subgraphs).length > 0 && Object.values(subgraphs).every(Boolean);
          const down = Object.keys(subgraphs).filter((k) => !subgraphs[k]);
          const states = Object.fromEntries(
            Object.entries(subgraphs).map(([k, v]) => [k, v ? 'up' : 'down']),
          );
          const body = JSON.stringify(
            ok ? { status: 'ok', subgraphs: states } : { status: 'degraded', down, subgraphs: states },
          );
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      return;
    }
    if (pages?.(req, res)) return;
    if (path === '/') {
      res.writeHead(302, { location: '/graphql' });
      res.end();
      return;
    }
    dropUnsafeRequestId(req);
    ready.track(res);
    handler(req, res);
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const read = req.method === 'GET' || req.method === 'HEAD';
    // before rate limiting, like /healthz: a flood of clients must not blind the monitor
    if (metrics && path === '/metrics' && read) {
      serveMetrics(req, res, metrics, req.method === 'HEAD');
      return;
    }
    // before rate limiting too: a saturated process must still say so
    if (path === '/readyz' && read) {
      void ready.check().then(({ ready: ok, body }) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
      });
      return;
    }
    if (!authenticator) return serve(req, res, null);
    authenticator.authenticate(req.headers, clientKey(req)).then(
      (auth) => {
        if (!auth.ok) {
          const headers: Record<string, string> =
            auth.status === 401
              ? { 'www-authenticate': 'Bearer realm="lam-atlas"' }
              : { 'retry-after': '60' };
          return reject(req, res, auth.status, auth.code, auth.message, headers);
        }
        setRequestCaller(req, auth.caller);
        serve(req, res, auth.keyId);
      },
      (err: Error) =>
        reject(req, res, 503, 'SERVICE_UNAVAILABLE', `the API keys cannot be checked now: ${err.message}`),
    );
  });
  // longer than any client's idle keep-alive (Node's agents use 5 s, like the server default): a client
  // must never reuse a socket the server is closing at that moment ("fetch failed", ECONNRESET)
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('close', () => {
    ready.stop();
    void authenticator?.close();
  });
  return server;
}

/** Listens and resolves with the bound port (port 0 picks a free one). */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
