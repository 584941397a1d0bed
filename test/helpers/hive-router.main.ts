// The Hive gateway runtime with the Hive Router's Rust query planner (@graphql-hive/router-runtime) as its
// own process, over the supergraph file named by SUPERGRAPH, on 127.0.0.1 and the port PORT (0: any).
// A process of its own because the runtime loads its native planner by a dynamic import(), which code
// run inside Jest's module sandbox cannot do; test/helpers/routers.ts starts it.
import * as fs from 'fs';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import http from '@graphql-mesh/transport-http';

const file = process.env.SUPERGRAPH;
if (!file) throw new Error('SUPERGRAPH must name a supergraph file');

const runtime = createGatewayRuntime({
  supergraph: fs.readFileSync(file, 'utf8'),
  unifiedGraphHandler,
  transports: { http },
  logging: false,
  landingPage: false,
});
const server = createServer((req, res) => {
  void runtime(req, res);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`serving http://127.0.0.1:${port}/graphql`);
});

process.on('SIGTERM', () => {
  server.close();
  void Promise.resolve(runtime.dispose()).then(() => process.exit(0));
});

// a test run that dies without stopping this process does not leave it behind
const parent = process.ppid;
setInterval(() => {
  try {
    process.kill(parent, 0);
  } catch {
    process.exit(0);
  }
}, 2000).unref();
