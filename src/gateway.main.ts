import 'reflect-metadata';
import { closeServer, createHttpServer, listen } from './app/http-server';
import { createRemoteGateway } from './app/remote-gateway';
import { onShutdown } from './app/shutdown';
import { loadConfig } from './common/config';

/** npm run start:gateway: the gateway alone, over subgraphs running as their own services. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { gateway, health } = await createRemoteGateway(config);
  const server = createHttpServer(gateway.runtime, health, { maxBodyBytes: config.maxBodyBytes, rateLimit: config.rateLimit });
  const port = await listen(server, config.port, config.host);
  console.log(`lam-atlas gateway is serving http://${config.host}:${port}/graphql`);
  onShutdown(async () => {
    await closeServer(server);
    await gateway.dispose();
  });
}

main().catch((err: Error) => {
  console.error(`gateway could not start: ${err.message}`);
  process.exit(1);
});
