import { createAtlasClient, AtlasClient } from '../client';
import { Config } from '../common/config';
import { createInProcessApp } from '../app/in-process';
import { ensureStores } from '../data/seed';

export interface AtlasSource {
  client: AtlasClient;
  /** where the answers come from, for messages */
  where: string;
  close(): Promise<void>;
}

// Reads run locally with the same gateway and limits as a server, except the cost limit: an export
// asks for whole lists with every relation, which a public client may not.
const LOCAL_MAX_COST = 10_000_000;

/**
 * The graph to read: a running server when `url` is given, otherwise the local stores (built from
 * data/ first if needed, as `npm start` does) behind an in-process gateway with no port opened.
 */
export async function openAtlasSource(config: Config, url: string | undefined): Promise<AtlasSource> {
  if (url) return { client: createAtlasClient(url), where: url, close: () => Promise.resolve() };
  await ensureStores(config);
  const app = await createInProcessApp({ ...config, limits: { ...config.limits, maxCost: LOCAL_MAX_COST } });
  const client = createAtlasClient('http://lam-atlas.local/graphql', {
    fetch: (input, init) => Promise.resolve(app.gateway.runtime.fetch(input as Request, init)),
  });
  return { client, where: `the stores in ${config.storeDir}`, close: () => app.close() };
}
