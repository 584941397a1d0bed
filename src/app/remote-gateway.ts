import * as fs from 'fs';
import { Config, SUBGRAPH_NAMES, SubgraphName } from '../common/config';
import { composeSupergraph } from '../gateway/compose';
import { createGateway, Gateway } from '../gateway/gateway';
import { HealthCheck } from './http-server';
import { AppOptions, gatewayOptions, subgraphUrl } from './services';

const HEALTH_TIMEOUT_MS = 2000;

async function post(url: string, query: string, timeoutMs: number): Promise<{ data?: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as { data?: Record<string, unknown> };
}

/** Fetches each running subgraph's SDL and composes them: the gateway in front of separate services. */
export async function composeRemote(config: Config): Promise<string> {
  const sdls = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const url = subgraphUrl(config, name);
      const body = await post(url, '{ _service { sdl } }', 10_000).catch((err: Error) => {
        throw new Error(`subgraph ${name} at ${url} did not answer: ${err.message}`);
      });
      const sdl = (body.data?._service as { sdl?: string } | undefined)?.sdl;
      if (!sdl) throw new Error(`subgraph ${name} at ${url} returned no SDL`);
      return { name, url, sdl };
    }),
  );
  return composeSupergraph(sdls).supergraph;
}

export interface RemoteGateway {
  gateway: Gateway;
  health: HealthCheck;
}

/** The gateway over subgraph services: a SUPERGRAPH file as is, or a composition of the running subgraphs. */
export async function createRemoteGateway(config: Config, options: AppOptions = {}): Promise<RemoteGateway> {
  const supergraph = config.supergraphPath ? fs.readFileSync(config.supergraphPath, 'utf8') : await composeRemote(config);
  const gateway = createGateway({ ...gatewayOptions(config, options), supergraph });
  const names: SubgraphName[] = config.supergraphPath ? [] : [...SUBGRAPH_NAMES];
  const health: HealthCheck = async () =>
    Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await post(subgraphUrl(config, n), '{ __typename }', HEALTH_TIMEOUT_MS).then(() => true, () => false)] as const)),
    );
  return { gateway, health };
}
