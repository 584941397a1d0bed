import 'reflect-metadata';
import { createInProcessApp } from './app/in-process';
import { closeServer, listen } from './app/http-server';
import { gatewayHttpServer } from './app/gateway-setup';
import { onShutdown } from './app/shutdown';
import { ensureStores, syntheticScale } from './data/seed';
import { loadConfig } from './common/config';
import { createLogger } from './common/logger';

/** npm start (and `lam-atlas serve`): seeds when data/ changed, then serves the gateway and all subgraphs in one process. */
export async function main(config = loadConfig()): Promise<void> {
  const seeded = await ensureStores(config);
  if (seeded) console.log(`built the stores from data/ in ${seeded.millis} ms`);
  const scale = seeded ? null : syntheticScale(config);
  if (scale !== null)
    console.log(
      `serving a synthetic graph ${scale} times the paper's (npm run seed puts the paper's data back)`,
    );
  const app = await createInProcessApp(config, { logger: createLogger({ level: config.logLevel }) });
  const server = gatewayHttpServer(app.gateway, app.health, config);
  const port = await listen(server, config.port, config.host);
  console.log(
    `lam-atlas is serving http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql (health: /healthz${app.gateway.metrics ? ', metrics: /metrics' : ''})`,
  );
  onShutdown(async () => {
    await closeServer(server);
    await app.close();
  });
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`lam-atlas could not start: ${err.message}`);
    process.exit(1);
  });
}
