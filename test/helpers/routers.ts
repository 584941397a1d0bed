import * as fs from 'fs';
import * as path from 'path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { createRemoteGateway } from '../../src/app/remote-gateway';
import { RunningSubgraph, startSubgraphServer } from '../../src/app/subgraph-server';
import { Config, SUBGRAPH_NAMES, SubgraphName } from '../../src/common/config';
import { Gateway } from '../../src/gateway/gateway';
import { seededConfig } from './app';
import { exitOf, startServerProcess } from './process';

export const SUPERGRAPH_FILE = path.resolve(__dirname, '../../supergraph.graphql');

/** A GraphQL response as any router sends it: nothing about `data` is assumed. */
export interface RouterResponse {
  data?: unknown;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Router {
  /** a short name: fused, planned, remote, apollo, hive */
  id: string;
  /** what it is */
  name: string;
  query(query: string, variables?: Record<string, unknown>): Promise<RouterResponse>;
}

export interface Routers {
  routers: Router[];
  /** the subgraph services the HTTP routers share, by name */
  subgraphUrls: Record<SubgraphName, string>;
  close(): Promise<void>;
}

/** Posts an operation to a Hive gateway runtime's fetch API, without a socket. */
async function runtimeQuery(
  runtime: GatewayRuntime,
  query: string,
  variables?: Record<string, unknown>,
): Promise<RouterResponse> {
  const res = await runtime.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as RouterResponse;
}

/** The checked-in supergraph with each subgraph's `@join__graph(url:)` replaced by where it runs now. */
export function supergraphAt(urls: Record<SubgraphName, string>): string {
  const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
  let replaced = 0;
  const out = sdl.replace(/@join__graph\(name: "(\w+)", url: "[^"]*"\)/g, (_match, name: string) => {
    const url = urls[name as SubgraphName];
    if (!url) throw new Error(`supergraph.graphql names a subgraph "${name}" that is not running`);
    replaced++;
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
  if (replaced !== SUBGRAPH_NAMES.length)
    throw new Error(
      `supergraph.graphql has ${replaced} @join__graph URLs, expected ${SUBGRAPH_NAMES.length}`,
    );
  return out;
}

/** `@apollo/gateway` over a supergraph, behind Apollo Server, executed without a socket. */
async function startApolloRouter(supergraphSdl: string): Promise<Router & { stop(): Promise<void> }> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Node's fetch rather than the default make-fetch-happen, whose keep-alive sockets outlive the
    // subgraph servers' 5 s keep-alive and then fail with ECONNRESET when reused
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        // the data source sends its requests as JSON text
        fetcher: (to, init) =>
          fetch(to, { ...init, body: init?.body === undefined ? undefined : String(init.body) }),
      }),
  });
  const server = new ApolloServer({ gateway, includeStacktraceInErrorResponses: false });
  await server.start();
  return {
    id: 'apollo',
    name: '@apollo/gateway 2 (ApolloGateway behind ApolloServer)',
    query: async (query, variables) => {
      const { body } = await server.executeOperation({ query, variables });
      if (body.kind !== 'single') throw new Error('@apollo/gateway answered with an incremental response');
      return JSON.parse(JSON.stringify(body.singleResult)) as RouterResponse;
    },
    stop: () => server.stop(),
  };
}

/**
 * The Hive gateway runtime with the Hive Router's Rust query planner (@graphql-hive/router-runtime), as a
 * process of its own (test/helpers/hive-router.main.ts) serving the supergraph file over HTTP.
 */
async function startHiveRouter(supergraphFile: string): Promise<Router & { stop(): Promise<void> }> {
  const { child, url } = await startServerProcess(
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'hive-router.main.ts')],
    { SUPERGRAPH: supergraphFile },
  );
  const exited = exitOf(child);
  return {
    id: 'hive',
    name: "Hive gateway runtime with the Hive Router's Rust query planner",
    query: async (query, variables) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as RouterResponse;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Every router the conformance test compares, over stores seeded once from data/:
 * the lam-atlas gateway in one process (fused and planned), the lam-atlas gateway over the subgraphs as
 * HTTP services, and, over the same services and the checked-in supergraph.graphql, @apollo/gateway
 * and the Hive Router's query planner.
 */
export async function startRouters(): Promise<Routers> {
  const config: Config = await seededConfig();
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    // routers before the services they call
    for (const stop of closers.reverse()) await stop();
  };
  let hiveStarting: Promise<Router & { stop(): Promise<void> }> | undefined;
  try {
    const subgraphs: Partial<Record<SubgraphName, RunningSubgraph>> = {};
    for (const name of SUBGRAPH_NAMES) {
      const running = await startSubgraphServer(config, name, 0);
      subgraphs[name] = running;
      closers.push(() => running.stop());
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n]!.url])) as Record<
      SubgraphName,
      string
    >;
    const supergraph = supergraphAt(subgraphUrls);
    // the Hive Router's process boots while the routers of this process start
    const supergraphFile = path.join(config.storeDir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, supergraph);
    hiveStarting = startHiveRouter(supergraphFile);

    const routers: Router[] = [];
    for (const execution of ['fused', 'planned'] as const) {
      const app: InProcessApp = await createInProcessApp({ ...config, execution });
      closers.push(() => app.close());
      routers.push({
        id: execution,
        name: `lam-atlas gateway, one process, ${execution}`,
        query: (query, variables) => runtimeQuery(app.gateway.runtime, query, variables),
      });
    }

    const remote: Gateway = (await createRemoteGateway({ ...config, subgraphUrls })).gateway;
    closers.push(() => remote.dispose());
    routers.push({
      id: 'remote',
      name: 'lam-atlas gateway over subgraph services',
      query: (query, variables) => runtimeQuery(remote.runtime, query, variables),
    });

    const apollo = await startApolloRouter(supergraph);
    closers.push(() => apollo.stop());
    routers.push(apollo);

    const hive = await hiveStarting;
    closers.push(() => hive.stop());
    routers.push(hive);
    return { routers, subgraphUrls, close };
  } catch (err) {
    // the Hive Router's process, if it started while another router failed, is stopped too
    await (await hiveStarting?.catch(() => undefined))?.stop();
    await close();
    throw err;
  }
}

/** A JSON value with the keys of every object sorted, recursively; lists keep their order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
  );
}

/**
 * What routers must agree on in an answer: its data with keys sorted, and its errors by message and
 * `extensions.code`, sorted, since routers may fetch in another order. Locations, paths and the other
 * extensions (stack traces, service names) are each router's own.
 */
export function comparable(response: RouterResponse): unknown {
  const errors = response.errors
    ?.map((e) => ({ message: e.message, code: e.extensions?.code ?? null }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    data: 'data' in response ? sortKeys(response.data) : '(no data)',
    ...(errors ? { errors } : {}),
  };
}
