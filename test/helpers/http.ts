import * as net from 'net';
import { GraphQLClient } from 'graphql-request';
import * as http from 'http';
import { closeServer, HealthCheck, listen } from '../../src/app/http-server';
import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { createRemoteGateway } from '../../src/app/remote-gateway';
import { AppOptions, gatewayHttpServer } from '../../src/app/gateway-setup';
import { RunningSubgraph, startSubgraphServer } from '../../src/app/subgraph-server';
import { Config, SUBGRAPH_NAMES, SubgraphName } from '../../src/common/config';
import { Gateway } from '../../src/gateway/gateway';
import { tempConfig } from './app';
import { seedStores } from '../../src/data/seed';
import { GraphQLResponse, parseJson } from './graphql';

export interface RunningServer {
  url: string;
  client: GraphQLClient;
  gateway: Gateway;
  stop(): Promise<void>;
}

export async function serve(
  gateway: Gateway,
  health: HealthCheck,
  cleanup: () => Promise<void>,
  config: Config,
): Promise<RunningServer> {
  const server: http.Server = gatewayHttpServer(gateway, health, config);
  const port = await listen(server, 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    client: new GraphQLClient(`${url}/graphql`),
    gateway,
    stop: async () => {
      await closeServer(server);
      await cleanup();
    },
  };
}

/** `npm start` mode on port 0: one process, subgraphs in process. */
export async function startOneProcess(
  config?: Config,
  options?: AppOptions,
): Promise<RunningServer & { app: InProcessApp; config: Config }> {
  const cfg = config ?? tempConfig();
  await seedStores(cfg);
  const app = await createInProcessApp(cfg, options);
  return { ...(await serve(app.gateway, app.health, () => app.close(), cfg)), app, config: cfg };
}

export interface SeparateServicesOptions {
  /** environment for the configuration (limits, rate limit, timeouts) */
  env?: Record<string, string>;
  /** the URL the gateway uses for a subgraph, e.g. a proxy in front of it */
  route?: (name: SubgraphName, url: string) => string | Promise<string>;
  /** the gateway's logger */
  app?: AppOptions;
}

export interface SeparateServices extends RunningServer {
  /** the gateway's configuration (its key store, its limits) */
  config: Config;
  subgraphs: Record<string, RunningSubgraph>;
  /** stops one subgraph service; the gateway keeps running */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** starts a stopped subgraph again, on the port it had */
  restartSubgraph(name: SubgraphName): Promise<void>;
}

/** Each subgraph as its own HTTP service on port 0, and the gateway composing them over HTTP. */
export async function startSeparateServices(
  options: SeparateServicesOptions = {},
): Promise<SeparateServices> {
  const base = tempConfig(options.env);
  await seedStores(base);
  const subgraphs: Record<string, RunningSubgraph> = {};
  for (const name of SUBGRAPH_NAMES) subgraphs[name] = await startSubgraphServer(base, name, 0);
  const urls = await Promise.all(
    SUBGRAPH_NAMES.map(async (n) => (await options.route?.(n, subgraphs[n].url)) ?? subgraphs[n].url),
  );
  const config: Config = {
    ...base,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, urls[i]])),
  };
  const { gateway, health } = await createRemoteGateway(config, options.app);
  const stopped = new Set<string>();
  const running = await serve(
    gateway,
    health,
    async () => {
      await gateway.dispose();
      await Promise.all(
        Object.entries(subgraphs)
          .filter(([n]) => !stopped.has(n))
          .map(([, s]) => s.stop()),
      );
    },
    config,
  );
  return {
    ...running,
    config,
    subgraphs,
    stopSubgraph: async (name) => {
      stopped.add(name);
      await subgraphs[name].stop();
    },
    restartSubgraph: async (name) => {
      subgraphs[name] = await startSubgraphServer(base, name, Number(new URL(subgraphs[name].url).port));
      stopped.delete(name);
    },
  };
}

export interface TimedResponse<B = unknown> {
  status: number;
  headers: Headers;
  /** the parsed JSON body (of the shape the caller expects), or undefined when the body is not JSON */
  body: B | undefined;
  ms: number;
}

/** The JSON in `text`, or undefined when it is not JSON. */
export function jsonOrUndefined<B>(text: string): B | undefined {
  try {
    return parseJson<B>(text);
  } catch {
    return undefined;
  }
}

/** One HTTP request, timed from sending to the end of the body. */
export async function timedFetch<B = unknown>(url: string, init?: RequestInit): Promise<TimedResponse<B>> {
  const started = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  const ms = performance.now() - started;
  return { status: res.status, headers: res.headers, body: jsonOrUndefined<B>(text), ms };
}

/** POSTs a GraphQL request (an object is sent as JSON, a string as is) to a running server; `signal` aborts it. */
export function postGraphQL<T = unknown>(
  server: { url: string },
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<TimedResponse<GraphQLResponse<T>>> {
  return timedFetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
