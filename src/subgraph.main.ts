import 'reflect-metadata';
import { startSubgraphServer } from './app/subgraph-server';
import { onShutdown } from './app/shutdown';
import { ensureStores } from './data/seed';
import { loadConfig, SUBGRAPH_NAMES, SubgraphName } from './common/config';

/** npm run start:subgraph -- <catalog|risks|literature>: one subgraph as its own service. */
async function main(): Promise<void> {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(name))
    throw new Error(
      `usage: npm run start:subgraph -- <${SUBGRAPH_NAMES.join('|')}> (got ${JSON.stringify(name ?? '')})`,
    );
  const config = loadConfig();
  await ensureStores(config);
  const running = await startSubgraphServer(config, name, config.subgraphPorts[name]);
  console.log(`subgraph ${name} is serving ${running.url}`);
  onShutdown(() => running.stop());
}

main().catch((err: Error) => {
  console.error(`subgraph could not start: ${err.message}`);
  process.exit(1);
});
