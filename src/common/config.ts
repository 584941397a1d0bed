import * as path from 'path';
import { isLoopback } from './identity';
import { isLogLevel, LOG_LEVELS, LogLevel } from './logger';

export const SUBGRAPH_NAMES = ['catalog', 'risks', 'literature'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export interface Config {
  production: boolean;
  host: string;
  port: number;
  /** the curated source files */
  dataDir: string;
  /** where the SQLite stores are built */
  storeDir: string;
  /** operation limits set in the environment; the others keep their defaults (src/gateway/limits.ts) */
  limits: LimitOverrides;
  /** request bodies over this many bytes get 413 */
  maxBodyBytes: number;
  /** MAX_RESPONSE_BYTES: an answer whose data would be larger ends with RESPONSE_TOO_LARGE instead */
  maxResponseBytes: number;
  /**
   * CORS_ORIGINS: the origins browsers may call the API from (comma-separated; `*` for any), never with
   * credentials; unset: any origin in development, none in production
   */
  corsOrigins: string[] | null;
  /** whether __schema/__type are answered (default: on, off in production) */
  introspection: boolean;
  /**
   * token buckets per client, its remote address (an IPv6 client's /64 network): RATE_LIMIT requests per
   * minute in bursts of RATE_LIMIT_BURST, and RATE_LIMIT_POINTS cost points per minute
   */
  rateLimit: { perMinute: number; burst: number; pointsPerMinute: number };
  /**
   * SUBGRAPH_SECRET: shared by the gateway, which signs every subgraph request with it, and the subgraph
   * services, which refuse requests not signed with it (at least 32 characters)
   */
  subgraphSecret: string | null;
  /**
   * SUBGRAPH_ALLOW_UNSIGNED: subgraph services answer unsigned requests; the default only when they
   * listen on loopback (a service reachable from elsewhere needs SUBGRAPH_SECRET)
   */
  allowUnsignedSubgraphRequests: boolean;
  /**
   * GET /readyz answers 503 past READY_MAX_IN_FLIGHT GraphQL requests at once, or when the event loop
   * was held longer than READY_MAX_EVENT_LOOP_DELAY_MS since the previous check
   */
  readiness: { maxInFlight: number; maxEventLoopDelayMs: number };
  /** REQUEST_TIMEOUT_MS: a request still running after this long ends with REQUEST_TIMEOUT */
  requestTimeoutMs: number;
  /** SQL_READ_WORKERS: threads that run the reads that may scan on SQLite stores (0: on the event loop) */
  sqlReadWorkers: number;
  /** SQL_READ_QUEUE: reads waiting for a read thread at most; one more is refused with SERVER_BUSY */
  sqlReadQueue: number;
  /**
   * SQL_READ_NICE: how much lower than the process's the read threads' scheduling priority is (as
   * `nice -n`, 0 to 19; Linux): a core shared by a scan and the event loop goes to the event loop
   */
  sqlReadNice: number;
  /** a subgraph request taking longer fails, and only that subgraph's fields get errors */
  subgraphTimeoutMs: number;
  subgraphPorts: Record<SubgraphName, number>;
  /** set for the gateway when subgraphs run as separate services */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** serve this supergraph file instead of composing the built-in subgraphs */
  supergraphPath: string | null;
  /** TRUSTED_DOCUMENTS: off (the default), allow (manifest ids and arbitrary documents) or only (manifest ids) */
  trustedDocuments: { mode: 'off' | 'allow' | 'only'; manifestPath: string };
  /** EXPLORER: serve the explorer at /explore and the paper's text at /paper (default: on, off in production) */
  explorer: boolean;
  /** the lowest level written by the servers' loggers (a line per request is info) */
  logLevel: LogLevel;
  /** serve Prometheus metrics at /metrics */
  metrics: boolean;
  /**
   * how the one-process gateway runs client operations: `fused` (the default) on one schema over the
   * subgraphs' resolvers, or `planned`, by query plan and subgraph requests as with separate services
   */
  execution: 'fused' | 'planned';
  /** the planned path's query planner: the runtime's own (`default`), or the Hive Router's in Rust (`rust`) */
  queryPlanner: 'default' | 'rust';
  /** per subgraph, a PostgreSQL store instead of the SQLite file */
  databases: Record<SubgraphName, PostgresStore | null>;
}

export interface PostgresStore {
  url: string;
  /** each subgraph keeps its tables in a schema of its own */
  schema: string;
}

export const LIMIT_VARIABLES = {
  maxDepth: 'MAX_DEPTH',
  maxIntrospectionDepth: 'MAX_INTROSPECTION_DEPTH',
  maxAliases: 'MAX_ALIASES',
  maxRootFields: 'MAX_ROOT_FIELDS',
  maxDirectives: 'MAX_DIRECTIVES',
  maxTokens: 'MAX_TOKENS',
  maxCost: 'MAX_COST',
} as const;
export type LimitOverrides = Partial<Record<keyof typeof LIMIT_VARIABLES, number>>;

const ROOT = path.resolve(__dirname, '../..');

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback?: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number of at least 1, got "${raw.slice(0, 40)}"`);
  return value;
}

function niceness(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 19)
    throw new Error(`${name} must be a whole number from 0 to 19, got "${raw.slice(0, 40)}"`);
  return value;
}

function secret(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) throw new Error(`${name} must be at least 32 characters (e.g. openssl rand -hex 32)`);
  return raw;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be true or false (also 1/0, on/off, yes/no), got "${raw.slice(0, 40)}"`);
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  return value;
}

/** The one place configuration is read from the environment; every default works out of the box. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defaults: Record<SubgraphName, number> = { catalog: 4101, risks: 4102, literature: 4103 };
  const upper = (n: SubgraphName) => n.toUpperCase();
  return {
    production: env.NODE_ENV === 'production',
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 4000),
    dataDir: path.resolve(env.DATA_DIR || path.join(ROOT, 'data')),
    storeDir: path.resolve(env.STORE_DIR || path.join(ROOT, 'var')),
    limits: Object.fromEntries(
      Object.entries(LIMIT_VARIABLES)
        .map(([key, name]) => [key, positiveInt(env, name)])
        .filter(([, value]) => value !== undefined),
    ) as LimitOverrides,
    maxBodyBytes: positiveInt(env, 'MAX_BODY_BYTES', 100_000) as number,
    maxResponseBytes: positiveInt(env, 'MAX_RESPONSE_BYTES', 10_000_000) as number,
    corsOrigins:
      env.CORS_ORIGINS === undefined
        ? null
        : env.CORS_ORIGINS.split(',')
            .map((o) => o.trim())
            .filter(Boolean),
    introspection: flag(env, 'INTROSPECTION', env.NODE_ENV !== 'production'),
    rateLimit: {
      perMinute: positiveInt(env, 'RATE_LIMIT', 1200) as number,
      burst: positiveInt(env, 'RATE_LIMIT_BURST', 300) as number,
      // ten operations a minute at the largest cost (MAX_COST, 50000), any number of small ones
      pointsPerMinute: positiveInt(env, 'RATE_LIMIT_POINTS', 500_000) as number,
    },
    subgraphTimeoutMs: positiveInt(env, 'SUBGRAPH_TIMEOUT_MS', 5000) as number,
    requestTimeoutMs: positiveInt(env, 'REQUEST_TIMEOUT_MS', 10_000) as number,
    sqlReadWorkers: env.SQL_READ_WORKERS === '0' ? 0 : (positiveInt(env, 'SQL_READ_WORKERS', 2) as number),
    sqlReadQueue: positiveInt(env, 'SQL_READ_QUEUE', 200) as number,
    sqlReadNice: niceness(env, 'SQL_READ_NICE', 5),
    readiness: {
      maxInFlight: positiveInt(env, 'READY_MAX_IN_FLIGHT', 256) as number,
      maxEventLoopDelayMs: positiveInt(env, 'READY_MAX_EVENT_LOOP_DELAY_MS', 1000) as number,
    },
    subgraphSecret: secret(env, 'SUBGRAPH_SECRET'),
    allowUnsignedSubgraphRequests: flag(env, 'SUBGRAPH_ALLOW_UNSIGNED', isLoopback(env.HOST || '127.0.0.1')),
    subgraphPorts: Object.fromEntries(
      SUBGRAPH_NAMES.map((n) => [n, int(env, `${upper(n)}_PORT`, defaults[n])]),
    ) as Record<SubgraphName, number>,
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.filter((n) => env[`${upper(n)}_URL`]).map((n) => [n, env[`${upper(n)}_URL`] as string]),
    ),
    supergraphPath: env.SUPERGRAPH ? path.resolve(env.SUPERGRAPH) : null,
    trustedDocuments: {
      mode: trustedMode(env.TRUSTED_DOCUMENTS),
      manifestPath: path.resolve(
        env.TRUSTED_DOCUMENTS_MANIFEST || path.join(ROOT, 'persisted-documents.json'),
      ),
    },
    explorer: flag(env, 'EXPLORER', env.NODE_ENV !== 'production'),
    logLevel: logLevel(env.LOG_LEVEL),
    metrics: flag(env, 'METRICS', true),
    execution: executionMode(env.EXECUTION),
    queryPlanner: queryPlanner(env.QUERY_PLANNER),
    databases: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, postgresStore(env, n)])) as Record<
      SubgraphName,
      PostgresStore | null
    >,
  };
}

function trustedMode(raw: string | undefined): 'off' | 'allow' | 'only' {
  const mode = (raw || 'off').toLowerCase();
  if (mode === 'off' || mode === 'allow' || mode === 'only') return mode;
  throw new Error(`TRUSTED_DOCUMENTS must be off, allow or only, got "${raw!.slice(0, 40)}"`);
}

function executionMode(raw: string | undefined): 'fused' | 'planned' {
  const mode = (raw || 'fused').toLowerCase();
  if (mode === 'fused' || mode === 'planned') return mode;
  throw new Error(`EXECUTION must be fused or planned, got "${raw!.slice(0, 40)}"`);
}

function queryPlanner(raw: string | undefined): 'default' | 'rust' {
  const planner = (raw || 'default').toLowerCase();
  if (planner === 'default' || planner === 'rust') return planner;
  throw new Error(`QUERY_PLANNER must be default or rust, got "${raw!.slice(0, 40)}"`);
}

function logLevel(raw: string | undefined): LogLevel {
  const level = (raw || 'info').toLowerCase();
  if (isLogLevel(level)) return level;
  throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw!.slice(0, 40)}"`);
}

/** `<NAME>_DATABASE_URL`, or `DATABASE_URL` for every subgraph; `DATABASE_SCHEMA_PREFIX` keeps runs apart. */
function postgresStore(env: NodeJS.ProcessEnv, name: SubgraphName): PostgresStore | null {
  const url = env[`${name.toUpperCase()}_DATABASE_URL`] || env.DATABASE_URL;
  if (!url) return null;
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new Error(
      `${name.toUpperCase()}_DATABASE_URL / DATABASE_URL must be a postgres:// URL, got "${url.slice(0, 40)}"`,
    );
  const prefix = env.DATABASE_SCHEMA_PREFIX ?? '';
  if (!/^[a-z0-9_]*$/.test(prefix))
    throw new Error(`DATABASE_SCHEMA_PREFIX may only hold a-z, 0-9 and _, got "${prefix}"`);
  return { url, schema: `${prefix}${name}` };
}

export function storeFile(config: Config, name: SubgraphName): string {
  return path.join(config.storeDir, `${name}.sqlite`);
}

/** FEDERATION_AUDIT_DIR: a checkout of the-guild-org/graphql-federation-gateway-audit, for npm run audit:federation. */
export function federationAuditDir(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.FEDERATION_AUDIT_DIR ? path.resolve(env.FEDERATION_AUDIT_DIR) : null;
}
