import { GraphQLClient } from 'graphql-request';
import * as http from 'http';
import { closeServer, createHttpServer, listen } from '../../src/app/http-server';
import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { createRemoteGateway } from '../../src/app/remote-gateway';
import { RunningSubgraph, startSubgraphServer } from '../../src/app/subgraph-server';
import { Config, SUBGRAPH_NAMES } from '../../src/shared/config';
import { Gateway } from '../../src/gateway/gateway';
import { tempConfig } from './app';
import { seedStores } from '../../src/data/seed';

export interface RunningServer {
  url: string;
  client: GraphQLClient;
  gateway: Gateway;
  stop(): Promise<void>;
}

async function serve(gateway: Gateway, health: Parameters<typeof createHttpServer>[1], cleanup: () => Promise<void>): Promise<RunningServer> {
  const server: http.Server = createHttpServer(gateway.runtime, health);
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
export async function startOneProcess(config?: Config): Promise<RunningServer & { app: InProcessApp }> {
  const cfg = config ?? tempConfig();
  await seedStores(cfg);
  const app = await createInProcessApp(cfg);
  return { ...(await serve(app.gateway, app.health, app.close)), app };
}

/** Each subgraph as its own HTTP service on port 0, and the gateway composing them over HTTP. */
export async function startSeparateServices(): Promise<RunningServer & { subgraphs: Record<string, RunningSubgraph> }> {
  const base = tempConfig();
  await seedStores(base);
  const subgraphs: Record<string, RunningSubgraph> = {};
  for (const name of SUBGRAPH_NAMES) subgraphs[name] = await startSubgraphServer(base, name, 0);
  const config: Config = { ...base, subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs[n].url])) };
  const { gateway, health } = await createRemoteGateway(config);
  const running = await serve(gateway, health, async () => {
    await gateway.dispose();
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
  });
  return { ...running, subgraphs };
}
