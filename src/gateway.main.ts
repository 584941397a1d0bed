import 'reflect-metadata';
import { closeServer, listen } from './app/http-server';
import { createRemoteGateway } from './app/remote-gateway';
import { gatewayHttpServer } from './app/gateway-setup';
import { onShutdown } from './app/shutdown';
import { loadConfig } from './common/config';
import { createLogger } from './common/logger';

/** npm run start:gateway: the gateway alone, over subgraphs running as their own services. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { gateway, health } = await createRemoteGateway(config, {
    logger: createLogger({ level: config.logLevel }),
  });
  const server = gatewayHttpServer(gateway, health, config);
  const port = await listen(server, config.port, config.host);
  console.log(
    `lam-atlas gateway is serving http://${config.host}:${port}/graphql (health: /healthz${gateway.metrics ? ', metrics: /metrics' : ''})`,
  );
  onShutdown(async () => {
    await closeServer(server);
    await gateway.dispose();
  });
}

main().catch((err: Error) => {
  console.error(`gateway could not start: ${err.message}`);
  process.exit(1);
});
