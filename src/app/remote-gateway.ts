import * as fs from 'fs';
import { Config, SUBGRAPH_NAMES } from '../common/config';
import { IDENTITY_HEADER, signIdentity } from '../common/identity';
import { composeSupergraph, supergraphSubgraphs } from '../gateway/compose';
import { createGateway, Gateway } from '../gateway/gateway';
import { HealthCheck } from './http-server';
import { AppOptions, gatewayOptions } from './gateway-setup';
import { subgraphUrl } from './subgraphs';

const HEALTH_TIMEOUT_MS = 2000;
const HEALTH_CACHE_MS = 1000;

/** `fn`'s answer, asked again at most once per `ms`; callers within that time share it. */
export function cachedFor<T>(ms: number, fn: () => Promise<T>, now = () => Date.now()): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | null = null;
  return () => {
    if (last && now() - last.at < ms) return last.value;
    const value = fn();
    last = { at: now(), value };
    return value;
  };
}

/** A request of the gateway's own to a subgraph (its SDL, a health probe), signed like the others. */
async function post(
  url: string,
  query: string,
  timeoutMs: number,
  secret: string | null,
): Promise<{ data?: Record<string, unknown> }> {
  const identity: Record<string, string> = secret
    ? { [IDENTITY_HEADER]: signIdentity({ sub: 'gateway', role: 'reader', iat: Date.now() }, secret) }
    : {};
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...identity },
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
      const body = await post(url, '{ _service { sdl } }', 10_000, config.subgraphSecret).catch(
        (err: Error) => {
          throw new Error(`subgraph ${name} at ${url} did not answer: ${err.message}`);
        },
      );
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

/** Reads a SUPERGRAPH file, saying which file and what is wrong when it cannot be served. */
function readSupergraph(file: string): { supergraph: string; subgraphs: { name: string; url: string }[] } {
  try {
    const supergraph = fs.readFileSync(file, 'utf8');
    return { supergraph, subgraphs: supergraphSubgraphs(supergraph) };
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new Error(`SUPERGRAPH=${file}: ${reason}`);
  }
}

/**
 * The gateway over subgraph services: a SUPERGRAPH file as is (any Federation 2 supergraph, its
 * subgraphs where its join__graph URLs say), or a composition of the running lam-atlas subgraphs.
 */
export async function createRemoteGateway(config: Config, options: AppOptions = {}): Promise<RemoteGateway> {
  const { supergraph, subgraphs } = config.supergraphPath
    ? readSupergraph(config.supergraphPath)
    : {
        supergraph: await composeRemote(config),
        subgraphs: SUBGRAPH_NAMES.map((name) => ({ name, url: subgraphUrl(config, name) })),
      };
  const gateway = createGateway({ ...gatewayOptions(config, options), supergraph });
  const probe: HealthCheck = async () =>
    Object.fromEntries(
      await Promise.all(
        subgraphs.map(
          async ({ name, url }) =>
            [
              name,
              await post(url, '{ __typename }', HEALTH_TIMEOUT_MS, config.subgraphSecret).then(
                () => true,
                () => false,
              ),
            ] as const,
        ),
      ),
    );
  // a flood of /healthz requests is not passed on to every subgraph: one probe a second
  const health = cachedFor(HEALTH_CACHE_MS, probe);
  return { gateway, health };
}
