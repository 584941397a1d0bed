import * as path from 'path';

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
  subgraphPorts: Record<SubgraphName, number>;
  /** set for the gateway when subgraphs run as separate services */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** serve this supergraph file instead of composing the built-in subgraphs */
  supergraphPath: string | null;
}

const ROOT = path.resolve(__dirname, '../..');

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
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
    subgraphPorts: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, int(env, `${upper(n)}_PORT`, defaults[n])])) as Record<SubgraphName, number>,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.filter((n) => env[`${upper(n)}_URL`]).map((n) => [n, env[`${upper(n)}_URL`] as string])),
    supergraphPath: env.SUPERGRAPH ? path.resolve(env.SUPERGRAPH) : null,
  };
}

export function storeFile(config: Config, name: SubgraphName): string {
  return path.join(config.storeDir, `${name}.sqlite`);
}
