import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { DocumentNode, parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { createRemoteGateway } from '../../src/app/remote-gateway';
import { composeSupergraph } from '../../src/gateway/compose';
import { tempConfig } from '../helpers/app';
import { postGraphQL, RunningServer, serve } from '../helpers/http';

// Two subgraphs that have nothing to do with lam-atlas: the gateway must serve any supergraph.
const PRODUCTS = {
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { products: [Product!]! }
    type Product @key(fields: "upc") { upc: ID! name: String! }
  `),
  resolvers: {
    Query: {
      products: () => [
        { upc: '1', name: 'Table' },
        { upc: '2', name: 'Chair' },
      ],
    },
    Product: {
      __resolveReference: (ref: { upc: string }) => ({
        upc: ref.upc,
        name: ref.upc === '1' ? 'Table' : 'Chair',
      }),
    },
  },
};
const REVIEWS = {
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Product @key(fields: "upc") { upc: ID! reviews: [Review!]! }
    type Review { body: String! product: Product! }
  `),
  resolvers: {
    Product: { reviews: (p: { upc: string }) => [{ body: `review of ${p.upc}`, product: { upc: p.upc } }] },
  },
};

interface Service {
  name: string;
  url: string;
  sdl: string;
  stop(): Promise<void>;
}

async function startService(
  name: string,
  module: { typeDefs: DocumentNode; resolvers: object },
): Promise<Service> {
  const schema = buildSubgraphSchema(module as never);
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { name, url, sdl: printSubgraphSchema(schema), stop: () => server.stop() };
}

describe('SUPERGRAPH=file: the gateway serves any Federation 2 supergraph, with its own plugins', () => {
  let services: Service[];
  let gatewayServer: RunningServer;
  let file: string;

  beforeAll(async () => {
    services = [await startService('products', PRODUCTS), await startService('reviews', REVIEWS)];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-supergraph-'));
    file = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(file, composeSupergraph(services).supergraph);
    const config = tempConfig({ SUPERGRAPH: file, MAX_DEPTH: '4' });
    const { gateway, health } = await createRemoteGateway(config);
    gatewayServer = await serve(gateway, health, () => gateway.dispose(), config);
  });

  afterAll(async () => {
    await gatewayServer?.stop();
    await Promise.all(services.map((s) => s.stop()));
  });

  it('plans across the subgraphs of the file', async () => {
    const res = await postGraphQL(gatewayServer, { query: '{ products { name reviews { body } } }' });
    expect(res.body).toEqual({
      data: {
        products: [
          { name: 'Table', reviews: [{ body: 'review of 1' }] },
          { name: 'Chair', reviews: [{ body: 'review of 2' }] },
        ],
      },
      // no @listSize in this supergraph: each list counts 20 items
      extensions: { cost: { requested: 20 * (1 + 20), limit: 50000 } },
    });
  });

  it('applies the operation limits to it', async () => {
    const res = await postGraphQL(gatewayServer, {
      query: '{ products { reviews { product { reviews { product { name } } } } } }',
    });
    expect(res.body?.errors?.[0].extensions?.code).toBe('MAX_DEPTH_EXCEEDED');
  });

  it('/healthz probes the subgraphs the file names, and names the one that is down', async () => {
    const up = await fetch(`${gatewayServer.url}/healthz`);
    expect([up.status, await up.json()]).toEqual([
      200,
      { status: 'ok', subgraphs: { products: 'up', reviews: 'up' } },
    ]);
    await services[1].stop();
    // the gateway probes the subgraphs at most once a second: the next probe finds reviews gone
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const down = await fetch(`${gatewayServer.url}/healthz`);
    expect([down.status, await down.json()]).toEqual([
      503,
      { status: 'degraded', down: ['reviews'], subgraphs: { products: 'up', reviews: 'down' } },
    ]);
    const partial = await postGraphQL(gatewayServer, { query: '{ products { name } }' });
    expect(partial.body).toEqual({
      data: { products: [{ name: 'Table' }, { name: 'Chair' }] },
      // no @listSize in this supergraph: each list counts 20 items
      extensions: { cost: { requested: 20, limit: 50000 } },
    });
  });
});

describe('SUPERGRAPH=file that cannot be served', () => {
  const write = (text: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-supergraph-')), 'bad.graphql');
    fs.writeFileSync(file, text);
    return file;
  };

  it.each([
    [
      'a missing file',
      () => '/nonexistent/supergraph.graphql',
      /SUPERGRAPH=\/nonexistent\/supergraph\.graphql: no such file/,
    ],
    [
      'a file that is not GraphQL',
      () => write('{ "supergraph": true }'),
      /: not a GraphQL document: Syntax Error/,
    ],
    [
      'a plain schema',
      () => write('type Query { a: Int }'),
      /: not a Federation 2 supergraph: it has no join__Graph enum/,
    ],
  ])('%s is refused with what is wrong', async (_, file, message) => {
    await expect(createRemoteGateway(tempConfig({ SUPERGRAPH: file() }))).rejects.toThrow(message);
  });
});
