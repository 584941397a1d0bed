import * as fs from 'fs';
import * as path from 'path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { composeRemote } from '../../src/app/remote-gateway';
import { SUBGRAPH_NAMES } from '../../src/common/config';
import { costDirectivesOf, DEFAULT_LIMITS } from '../../src/gateway/limits';
import { tempConfig } from '../helpers/app';
import {
  postGraphQL,
  RunningServer,
  SeparateServices,
  startOneProcess,
  startSeparateServices,
  timedFetch,
} from '../helpers/http';
import { PAGES, pagesCost, SECTOR_RESULTS } from '../helpers/cost';

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: { requested: number; limit: number } };
}

const LIMIT = DEFAULT_LIMITS.maxCost;
// the rate limit is not what these tests are about
const ENV = { RATE_LIMIT: '100000', RATE_LIMIT_BURST: '10000', RATE_LIMIT_POINTS: '100000000' };

const modes: [string, () => Promise<RunningServer>][] = [
  ['one process (npm start, fused)', () => startOneProcess(tempConfig(ENV))],
  ['separate services (planned, over HTTP)', () => startSeparateServices({ env: ENV })],
];

describe.each(modes)('the cost limit over HTTP: %s', (_, start) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.stop());

  const post = async (query: string, variables?: Record<string, unknown>, accept = 'application/json') => {
    const res = await postGraphQL(server, { query, variables }, { accept });
    return { status: res.status, body: res.body as Body };
  };

  it('costs the same document by each request: small, large, then small again', async () => {
    const small = await post(PAGES, { n: 1 });
    expect([small.status, small.body.errors, small.body.extensions?.cost]).toEqual([
      200,
      undefined,
      { requested: pagesCost(1), limit: LIMIT },
    ]);
    server.gateway.stats.reset();
    const large = await post(PAGES, { n: 500 });
    expect(large.status).toBe(200);
    expect(large.body.data).toBeUndefined();
    expect(large.body.errors?.map((e) => e.extensions?.code)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(large.body.extensions?.cost).toEqual({ requested: pagesCost(500), limit: LIMIT });
    // refused before any subgraph request
    expect(server.gateway.stats.total).toBe(0);
    // as the other limits: 400 for a client that accepts application/graphql-response+json
    const strict = await post(PAGES, { n: 500 }, 'application/graphql-response+json');
    expect(strict.status).toBe(400);
    const again = await post(PAGES, { n: 2 });
    expect([again.body.errors, again.body.extensions?.cost?.requested]).toEqual([undefined, pagesCost(2)]);
  });

  it("costs a variable's declared default", async () => {
    const res = await post(PAGES.replace('$n: Int', '$n: Int = 500'));
    expect(res.body.errors?.[0].extensions?.code).toBe('COST_LIMIT_EXCEEDED');
    expect(res.body.extensions?.cost?.requested).toBe(pagesCost(500));
  });

  it('serves the sector query, with its cost', async () => {
    const res = await post(SECTOR_RESULTS);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.extensions?.cost).toEqual({ requested: 7854, limit: LIMIT });
  });

  it('answers a variable nested 40,000 arrays deep with a variable error, and stays healthy', async () => {
    const deep = `${'['.repeat(40_000)}${']'.repeat(40_000)}`;
    const res = await postGraphQL(
      server,
      `{"query": "query($n: Int) { models(first: $n) { nodes { name } } }", "variables": {"n": ${deep}}}`,
    );
    expect(res.status).toBe(400);
    expect((res.body as Body).errors?.[0].message).toMatch(/^Variable "\$n" got invalid value /);
    expect((await timedFetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('the supergraph with its cost directives', () => {
  let services: SeparateServices;
  let supergraphSdl: string;
  beforeAll(async () => {
    services = await startSeparateServices({ env: ENV });
    supergraphSdl = await composeRemote({
      ...tempConfig(),
      subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, services.subgraphs[n].url])),
    });
  });
  afterAll(() => services?.stop());

  it("is composed from the subgraphs' own SDL with the sizes of supergraph.graphql", () => {
    expect(supergraphSdl).toContain(
      '@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])',
    );
    const committed = fs.readFileSync(path.resolve(__dirname, '../../supergraph.graphql'), 'utf8');
    expect(costDirectivesOf(supergraphSdl)).toEqual(costDirectivesOf(committed));
    expect(costDirectivesOf(committed).listSizes.size).toBeGreaterThan(40);
  });

  it('is still served by @apollo/gateway', async () => {
    const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
    await apollo.start();
    try {
      const res = await apollo.executeOperation({
        query: '{ model(slug: "esmfold") { name citations { number } risks { name } } }',
      });
      expect(res.body.kind === 'single' && res.body.singleResult).toMatchObject({
        data: { model: { name: 'ESMfold', citations: expect.arrayContaining([{ number: 84 }]) as unknown } },
      });
    } finally {
      await apollo.stop();
    }
  });
});
