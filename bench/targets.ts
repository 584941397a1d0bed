import { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { fork } from 'child_process';
import * as http from 'http';
import * as path from 'path';
import { closeServer, createHttpServer, HealthCheck, listen } from '../src/app/http-server';
import { createInProcessApp } from '../src/app/in-process';
import { Config, SUBGRAPH_NAMES, SubgraphName } from '../src/common/config';
import { Store } from '../src/common/database';
import type { ServiceMessage, ServiceStats } from './child-service.main';
import { startFloorServer } from './floor.server';
import { log, storesAt } from './setup';

/** Something the benchmark sends load to, with the counters that tell what one request costs. */
export interface Target {
  name: string;
  /** the URL requests are POSTed to */
  url: string;
  /** SQL statements run so far by the stores behind this target */
  sql(): number | Promise<number>;
  /** subgraph fetches so far, where the target has subgraphs */
  fetches(): number | null | Promise<number | null>;
  /** CPU time so far of the process that serves `url`, in microseconds, where it has one of its own */
  cpuMicros?(): Promise<number>;
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

/** A benchmark service in a child process of its own (bench/child-service.main.ts). */
export interface ChildService {
  url: string;
  stats(): Promise<ServiceStats>;
  stop(): Promise<void>;
}

const CHILD_SERVICE = path.join(__dirname, 'child-service.main.ts');
const CHILD_START_MS = 60_000;

/** Forks bench/child-service.main.ts with `args` and `env`, and waits until it listens. */
export function forkService(args: string[], env: Record<string, string>): Promise<ChildService> {
  const child = fork(CHILD_SERVICE, args, {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = (type: ServiceMessage['type']) =>
    new Promise<ServiceMessage>((resolve, reject) => {
      const onMessage = (m: ServiceMessage) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        resolve(m);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error(`bench service ${args.join(' ')} exited`)));
    });
  // stats are asked one at a time per service, so each answer is the one asked for
  let queue: Promise<unknown> = Promise.resolve();
  const stats = () => {
    const answer = queue.then(() => {
      const reply = next('stats');
      child.send({ type: 'stats' });
      return reply as Promise<ServiceStats>;
    });
    queue = answer.catch(() => undefined);
    return answer;
  };
  const timeout = setTimeout(() => child.kill(), CHILD_START_MS);
  return next('ready').then(
    (m) => {
      clearTimeout(timeout);
      return {
        url: (m as { url: string }).url,
        stats,
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    },
    (err: Error) => {
      clearTimeout(timeout);
      throw err;
    },
  );
}

/** The subgraph services that targets 2, 3 and 5 share, each in a process of its own on port 0. */
export async function startSubgraphServices(config: Config): Promise<{
  urls: Record<string, string>;
  env: Record<string, string>;
  services: Record<SubgraphName, ChildService>;
  stop(): Promise<void>;
}> {
  const env = { STORE_DIR: config.storeDir, DATA_DIR: config.dataDir };
  const started = await Promise.all(SUBGRAPH_NAMES.map((name) => forkService(['subgraph', name], env)));
  const services = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, started[i]])) as Record<
    SubgraphName,
    ChildService
  >;
  const urls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [`${n.toUpperCase()}_URL`, services[n].url]));
  return {
    urls,
    env: { ...env, ...urls },
    services,
    stop: async () => {
      await Promise.all(Object.values(services).map((s) => s.stop()));
    },
  };
}

type Services = Awaited<ReturnType<typeof startSubgraphServices>>;

const servicesSql = (svc: Services) => async () =>
  (await Promise.all(Object.values(svc.services).map((s) => s.stats()))).reduce((n, s) => n + s.sql, 0);

/**
 * A gateway in a child process over the subgraph services: target 2, the lam-atlas gateway composing
 * them (`separate-services`, with the Rust query planner `separate-services-rust`), or target 5, Apollo's
 * gateway (`apollo-gateway`). Its CPU time is that process's alone.
 */
export async function startGatewayProcess(
  svc: Services,
  name: 'separate-services' | 'separate-services-rust' | 'apollo-gateway',
): Promise<Target> {
  const gateway = await forkService([name === 'apollo-gateway' ? name : 'separate-services'], {
    ...svc.env,
    QUERY_PLANNER: name === 'separate-services-rust' ? 'rust' : 'default',
  });
  return {
    name,
    url: gateway.url,
    sql: servicesSql(svc),
    fetches: async () => (await gateway.stats()).fetches,
    cpuMicros: async () => (await gateway.stats()).cpuMicros,
    stop: () => gateway.stop(),
  };
}

/** Target 3: the catalog subgraph service itself, no gateway in front. */
export function directCatalog(svc: Services): Target {
  const catalog = svc.services.catalog;
  return {
    name: 'catalog-direct',
    url: catalog.url,
    sql: async () => (await catalog.stats()).sql,
    fetches: () => null,
    cpuMicros: async () => (await catalog.stats()).cpuMicros,
    stop: () => Promise.resolve(),
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

const SERVICE_TARGETS = ['separate-services', 'separate-services-rust', 'catalog-direct', 'apollo-gateway'];

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
    if (SERVICE_TARGETS.some(want)) {
      const svc = await startSubgraphServices(config);
      stoppers.unshift(() => svc.stop());
      for (const name of ['separate-services', 'separate-services-rust', 'apollo-gateway'] as const)
        if (want(name)) add(await startGatewayProcess(svc, name));
      if (want('catalog-direct')) add(directCatalog(svc));
    }
    if (want('one-process-planned'))
      add(await startOneProcess({ ...config, execution: 'planned' }, 'one-process-planned'));
    if (want('one-process-planned-rust'))
      add(
        await startOneProcess(
          { ...config, execution: 'planned', queryPlanner: 'rust' },
          'one-process-planned-rust',
        ),
      );
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
