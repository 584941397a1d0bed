import { API_KEY_VARIABLE, createAtlasClient, AtlasClient } from '../client';
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
 * The graph to read: a running server when `url` is given (with the API key of LAM_ATLAS_API_KEY, if
 * set), otherwise the local stores (built from data/ first if needed, as `npm start` does) behind an
 * in-process gateway with no port opened.
 */
export async function openAtlasSource(
  config: Config,
  url: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AtlasSource> {
  if (url) {
    const apiKey = env[API_KEY_VARIABLE] || undefined;
    return { client: createAtlasClient(url, { apiKey }), where: url, close: () => Promise.resolve() };
  }
  await ensureStores(config);
  const app = await createInProcessApp({ ...config, limits: { ...config.limits, maxCost: LOCAL_MAX_COST } });
  const client = createAtlasClient('http://lam-atlas.local/graphql', {
    fetch: (input, init) => Promise.resolve(app.gateway.runtime.fetch(input as Request, init)),
  });
  return { client, where: `the stores in ${config.storeDir}`, close: () => app.close() };
}
