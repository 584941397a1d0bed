import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import * as http from 'http';
import * as path from 'path';
import { closeServer, createHttpServer, HealthCheck, listen } from '../src/app/http-server';
import { createInProcessApp } from '../src/app/in-process';
import { composeRemote, createRemoteGateway } from '../src/app/remote-gateway';
import { RunningSubgraph, startSubgraphServer } from '../src/app/subgraph-server';
import { Config, SUBGRAPH_NAMES, SubgraphName } from '../src/common/config';
import { Store } from '../src/common/database';
import { startFloorServer } from './floor.server';
import { log, storesAt } from './setup';

/** Something the benchmark sends load to, with the counters that tell what one request costs. */
export interface Target {
  name: string;
  /** the URL requests are POSTed to */
  url: string;
  /** SQL statements run so far by the stores behind this target */
  sql(): number;
  /** subgraph fetches so far, where the target has subgraphs */
  fetches(): number | null;
  stop(): Promise<void>;
}

const sumSql = (stores: Store[]) => () => stores.reduce((n, s) => n + s.counter.count, 0);

/** The gateway's runtime behind the project's HTTP server on a loopback port. */
async function serveOnPort0(
  runtime: GatewayRuntime,
  health: HealthCheck,
): Promise<{ url: string; stop(): Promise<void> }> {
  // the runtime answers a Node request itself, errors included; its promise only says when it is done
  const handler: http.RequestListener = (req, res) => void runtime(req, res);
  const server = createHttpServer(handler, health);
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/graphql`, stop: () => closeServer(server) };
}

/** Target 1, the `npm start` shape: the gateway with every subgraph in process, behind one HTTP server. */
export async function startOneProcess(config: Config, name = 'one-process'): Promise<Target> {
  const app = await createInProcessApp(config);
  const served = await serveOnPort0(app.gateway.runtime, app.health);
  return {
    name,
    url: served.url,
    sql: sumSql(Object.values(app.stores)),
    fetches: () => app.gateway.stats.total,
    stop: async () => {
      await served.stop();
      await app.close();
    },
  };
}

/** The subgraph services (each on port 0) that targets 2, 3 and 5 share, and a config pointing at them. */
export async function startSubgraphServices(
  config: Config,
): Promise<{ config: Config; services: Record<SubgraphName, RunningSubgraph>; stop(): Promise<void> }> {
  const services = {} as Record<SubgraphName, RunningSubgraph>;
  for (const name of SUBGRAPH_NAMES) services[name] = await startSubgraphServer(config, name, 0);
  return {
    config: { ...config, subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, services[n].url])) },
    services,
    stop: async () => {
      await Promise.all(Object.values(services).map((s) => s.stop()));
    },
  };
}

type Services = Awaited<ReturnType<typeof startSubgraphServices>>;

/** Target 2: the same gateway composing the running subgraph services, reached over HTTP. */
export async function startSeparateServices(svc: Services): Promise<Target> {
  const { gateway, health } = await createRemoteGateway(svc.config);
  const served = await serveOnPort0(gateway.runtime, health);
  return {
    name: 'separate-services',
    url: served.url,
    sql: sumSql(Object.values(svc.services).map((s) => s.store)),
    fetches: () => gateway.stats.total,
    stop: async () => {
      await served.stop();
      await gateway.dispose();
    },
  };
}

/** Target 3: the catalog subgraph service itself, no gateway in front. */
export function directCatalog(svc: Services): Target {
  return {
    name: 'catalog-direct',
    url: svc.services.catalog.url,
    sql: sumSql([svc.services.catalog.store]),
    fetches: () => null,
    stop: () => Promise.resolve(),
  };
}

/** Target 5: Apollo's gateway on the same supergraph and the same subgraph services. */
export async function startApolloPeer(svc: Services): Promise<Target> {
  let fetches = 0;
  const gateway = new ApolloGateway({
    supergraphSdl: await composeRemote(svc.config),
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
  return {
    name: 'apollo-gateway',
    url,
    sql: sumSql(Object.values(svc.services).map((s) => s.store)),
    fetches: () => fetches,
    stop: () => server.stop(),
  };
}

/** Target 4: the floor, plain SQL and JSON over the same store files. */
export async function startFloor(config: Config): Promise<Target> {
  const floor = startFloorServer(config);
  const port = await listen(floor.server, 0, '127.0.0.1');
  return {
    name: 'floor',
    url: `http://127.0.0.1:${port}/models`,
    sql: () => floor.statements(),
    fetches: () => null,
    stop: async () => {
      await closeServer(floor.server);
      floor.close();
    },
  };
}

/** The targets of one run by name, the one-process gateway among them, and how to stop them all. */
export interface RunningTargets {
  /** the one-process gateway: the reference every other answer must equal */
  one: Target;
  byName: Record<string, Target>;
  /** stops every target, then the subgraph services they share; a failure to stop is logged */
  stop(): Promise<void>;
}

/**
 * Starts the targets `wanted` names (all when null) over stores at `scale` built in `dir`; the
 * one-process gateway always. What started is stopped again when a later start fails.
 */
export async function startTargets(
  scale: number,
  wanted: string[] | null,
  dir: string,
): Promise<RunningTargets> {
  const want = (name: string) => !wanted || wanted.includes(name);
  // stopped first to last: the targets, last started first, then the services, then one-process
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stoppers) await s().catch((err: Error) => log(`stop failed: ${err.message}`));
  };
  try {
    const config = await storesAt(scale, path.join(dir, `x${scale}`));
    const one = await startOneProcess(config);
    stoppers.push(() => one.stop());
    const byName: Record<string, Target> = { 'one-process': one };
    const add = (target: Target) => {
      byName[target.name] = target;
      stoppers.unshift(() => target.stop());
    };
    if (['separate-services', 'catalog-direct', 'apollo-gateway'].some(want)) {
      const svc = await startSubgraphServices(config);
      stoppers.unshift(() => svc.stop());
      if (want('separate-services')) add(await startSeparateServices(svc));
      if (want('catalog-direct')) add(directCatalog(svc));
      if (want('apollo-gateway')) add(await startApolloPeer(svc));
    }
    if (want('one-process-planned'))
      add(await startOneProcess({ ...config, execution: 'planned' }, 'one-process-planned'));
    if (want('floor')) add(await startFloor(config));
    if (scale > 1 && want('one-process@1x'))
      add(await startOneProcess(await storesAt(1, path.join(dir, 'x1')), 'one-process@1x'));
    log(
      `targets up: ${Object.values(byName)
        .map((t) => `${t.name} ${t.url}`)
        .join(', ')}`,
    );
    return { one, byName, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
