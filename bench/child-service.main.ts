import 'reflect-metadata';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { monitorEventLoopDelay } from 'perf_hooks';
import { closeServer, createHttpServer, listen } from '../src/app/http-server';
import { createInProcessApp } from '../src/app/in-process';
import { composeRemote, createRemoteGateway } from '../src/app/remote-gateway';
import { startSubgraphServer } from '../src/app/subgraph-server';
import { loadConfig, SUBGRAPH_NAMES, SubgraphName } from '../src/common/config';

/**
 * One service of the benchmark in a process of its own, forked by bench/targets.ts: `subgraph <name>`,
 * `separate-services` (the lam-atlas gateway over the subgraph URLs in the environment),
 * `apollo-gateway`, or `one-process` (the `npm start` shape: the gateway and every subgraph). It tells
 * the parent its URL once it listens, and answers `stats` with its own CPU time (process.cpuUsage of
 * this process alone), its SQL statements, its subgraph fetches and its event loop's delay.
 */

export interface ServiceStats {
  /** user + system CPU time of this process, in microseconds */
  cpuMicros: number;
  sql: number;
  fetches: number | null;
  /** how long a callback waited for this process's event loop since the previous `stats`, p99 and max */
  loop: { p99_ms: number; max_ms: number };
}
export type ServiceMessage = { type: 'ready'; url: string } | ({ type: 'stats' } & ServiceStats);

interface Running {
  url: string;
  sql(): number;
  fetches(): number | null;
  stop(): Promise<void>;
}

async function start(kind: string, name: string | undefined): Promise<Running> {
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1' });
  if (kind === 'subgraph') {
    if (!SUBGRAPH_NAMES.includes(name as SubgraphName)) throw new Error(`no subgraph named "${name}"`);
    const running = await startSubgraphServer(config, name as SubgraphName, 0);
    return {
      url: running.url,
      sql: () => running.store.counter.count,
      fetches: () => null,
      stop: () => running.stop(),
    };
  }
  if (kind === 'one-process') {
    const app = await createInProcessApp(config);
    const server = createHttpServer((req, res) => void app.gateway.runtime(req, res), app.health);
    const port = await listen(server, 0, '127.0.0.1');
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      sql: () => Object.values(app.stores).reduce((n, s) => n + s.counter.count, 0),
      fetches: () => app.gateway.stats.total,
      stop: async () => (await closeServer(server), await app.close()),
    };
  }
  if (kind === 'separate-services') {
    const { gateway, health } = await createRemoteGateway(config);
    // the runtime answers a Node request itself, errors included; its promise only says when it is done
    const server = createHttpServer((req, res) => void gateway.runtime(req, res), health);
    const port = await listen(server, 0, '127.0.0.1');
    return {
      url: `http://127.0.0.1:${port}/graphql`,
      sql: () => 0,
      fetches: () => gateway.stats.total,
      stop: async () => (await closeServer(server), await gateway.dispose()),
    };
  }
  if (kind === 'apollo-gateway') {
    let fetches = 0;
    const gateway = new ApolloGateway({
      supergraphSdl: await composeRemote(config),
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource({
          url,
          willSendRequest() {
            fetches++;
          },
        }),
    });
    const server = new ApolloServer({ gateway });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    return { url, sql: () => 0, fetches: () => fetches, stop: () => server.stop() };
  }
  throw new Error(`unknown service "${kind}"`);
}

const send = (message: ServiceMessage) => process.send!(message);

start(process.argv[2], process.argv[3]).then(
  (running) => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    process.on('message', (message: { type?: string }) => {
      if (message.type !== 'stats') return;
      const cpu = process.cpuUsage();
      send({
        type: 'stats',
        cpuMicros: cpu.user + cpu.system,
        sql: running.sql(),
        fetches: running.fetches(),
        loop: { p99_ms: loop.percentile(99) / 1e6, max_ms: loop.max / 1e6 },
      });
      loop.reset();
    });
    process.once('SIGTERM', () => void running.stop().finally(() => process.exit(0)));
    // a bench that dies without stopping this process does not leave it behind
    process.once('disconnect', () => void running.stop().finally(() => process.exit(0)));
    send({ type: 'ready', url: running.url });
  },
  (err: Error) => {
    console.error(`bench service ${process.argv.slice(2).join(' ')} could not start: ${err.message}`);
    process.exit(1);
  },
);
