import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { buildStores, seedStores } from '../../src/data/seed';
import { scaleSurveyData } from '../../src/data/synthetic';
import { loadSurveyData } from '../../src/data/validate';
import { Config, loadConfig } from '../../src/common/config';
import { dataOf, GraphQLResponse } from './graphql';

export const DATA_DIR = path.resolve(__dirname, '../../data');

/**
 * A configuration whose stores are fresh: a temporary folder of SQLite files, or, when
 * TEST_DATABASE_URL is set, new schemas of that PostgreSQL database.
 */
export function tempConfig(env: Record<string, string> = {}): Config {
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-test-'));
  const postgres = process.env.TEST_DATABASE_URL
    ? {
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        DATABASE_SCHEMA_PREFIX: `t${process.pid}_${path.basename(storeDir).replace(/\W/g, '').toLowerCase()}_`,
      }
    : {};
  return loadConfig({ STORE_DIR: storeDir, DATA_DIR, ...postgres, ...env });
}

/** Stores built from data/ (scale 1) or from a synthetic graph `scale` times larger. */
export async function seededConfig(scale = 1): Promise<Config> {
  const config = tempConfig();
  if (scale === 1) await seedStores(config);
  else await buildStores(config, scaleSurveyData(loadSurveyData(DATA_DIR), scale));
  return config;
}

/** POSTs a GraphQL request body (a query, a documentId, extensions) to the gateway, in process, over its fetch API. */
export async function gatewayPost<T = unknown>(app: InProcessApp, body: object): Promise<GraphQLResponse<T>> {
  const res = await app.gateway.runtime.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

/** Executes an operation through the gateway, in process. */
export const gatewayQuery = <T = unknown>(
  app: InProcessApp,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> => gatewayPost<T>(app, { query, variables });

/** Counts the SQL statements and subgraph fetches one operation costs. */
export async function measure<T = unknown>(
  app: InProcessApp,
  query: string,
  variables?: Record<string, unknown>,
) {
  const before = Object.fromEntries(Object.entries(app.stores).map(([k, s]) => [k, s.counter.count]));
  app.gateway.stats.reset();
  const response = await gatewayQuery<T>(app, query, variables);
  const sql = Object.fromEntries(
    Object.entries(app.stores).map(([k, s]) => [k, s.counter.count - before[k]]),
  );
  const totalSql = Object.values(sql).reduce((a, b) => a + b, 0);
  return {
    response,
    sql,
    totalSql,
    fetches: app.gateway.stats.total,
    fetchesBySubgraph: { ...app.gateway.stats.bySubgraph },
  };
}

/** The `npm start` gateway over seeded stores; `planned` runs operations by query plan instead of fused. */
export async function startInProcess(
  scale = 1,
  execution: Config['execution'] = 'fused',
): Promise<InProcessApp> {
  return createInProcessApp({ ...(await seededConfig(scale)), execution });
}

/** fused is how npm start runs operations; planned is the query plan every other deployment shape runs */
export const EXECUTIONS = ['fused', 'planned'] as const;

/** An operation on a running gateway: its whole answer, or with `.data` the data of an answer without errors. */
export interface QueryFn {
  <T = unknown>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  data<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** The gateway started for the enclosing describe block (stopped after it), and a query function on it. */
export function queryInProcess(execution: Config['execution']): QueryFn {
  let app: InProcessApp | undefined;
  beforeAll(async () => {
    app = await startInProcess(1, execution);
  });
  afterAll(() => app?.close());
  const started = () => {
    if (!app) throw new Error('the gateway is not started: call queryInProcess inside describe');
    return app;
  };
  const query = <T = unknown>(source: string, variables?: Record<string, unknown>) =>
    gatewayQuery<T>(started(), source, variables);
  return Object.assign(query, {
    data: async <T>(source: string, variables?: Record<string, unknown>) =>
      dataOf(await query<T>(source, variables)),
  });
}

/** Gateways over the paper's graph (scale 1) and synthetic ones, started for the enclosing describe block. */
export function inProcessAtScales(execution: Config['execution'], scales: number[]): () => InProcessApp[] {
  let apps: InProcessApp[] = [];
  beforeAll(async () => {
    apps = await Promise.all(scales.map((scale) => startInProcess(scale, execution)));
  });
  afterAll(() => Promise.all(apps.map((app) => app.close())));
  return () => apps;
}
