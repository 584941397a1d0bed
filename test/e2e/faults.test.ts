import * as http from 'http';
import { closeServer, listen } from '../../src/app/http-server';
import * as match from '../helpers/match';
import { dataOf, GraphQLResponse, JsonObject, Page, parseJson, partialDataOf } from '../helpers/graphql';
import {
  postGraphQL,
  SeparateServices,
  startSeparateServices,
  timedFetch,
  TimedResponse,
} from '../helpers/http';

const TIMEOUT_MS = 1000;
/** a subgraph fault answers within the subgraph deadline; the slack covers the rest of the request */
const BOUND_MS = TIMEOUT_MS + 1000;

/** The catalog part answers; the risks part is on a nullable parent (`model`), so the models' data survives a risks failure. */
const MODELS_WITH_RISKS = `{
  models(first: 3) { totalCount nodes { name } }
  gpt: model(slug: "gpt-3") { name risks { name } }
}`;
interface ModelsWithRisks {
  models: Page<{ name: string }>;
  gpt: { name: string; risks: { name: string }[] } | null;
}
const modelsWithRisks = (services: SeparateServices) =>
  postGraphQL<ModelsWithRisks>(services, { query: MODELS_WITH_RISKS });

function expectRisksFailed(res: TimedResponse<GraphQLResponse<ModelsWithRisks>>, code: string) {
  expect(res.status).toBe(200);
  const data = partialDataOf(res.body);
  expect(data.models.nodes.map((m) => m.name)).toEqual(['ChatGPT', 'SAM', 'Transformer']);
  expect(data.gpt).toBeNull();
  expect(res.body?.errors).toEqual([
    expect.objectContaining({ path: ['gpt', 'risks'], extensions: { code, serviceName: 'risks' } }),
  ]);
  expect(res.ms).toBeLessThan(BOUND_MS);
}

describe('a subgraph that stops and comes back', () => {
  let services: SeparateServices;
  beforeAll(async () => {
    services = await startSeparateServices({ env: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) } });
  });
  afterAll(() => services?.stop());
  const silenceLog = () => jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

  it('gives errors on the risks fields only, health names risks, and both recover without restarting the gateway', async () => {
    const before = await modelsWithRisks(services);
    expect(dataOf(before.body).gpt).toEqual({ name: 'GPT-3', risks: [{ name: 'Sustainability' }] });

    await services.stopSubgraph('risks');
    const log = silenceLog();
    try {
      expectRisksFailed(await modelsWithRisks(services), 'SUBGRAPH_UNAVAILABLE');
      const nodes = await postGraphQL<{ models: Page<{ id: string }> }>(services, {
        query: '{ models(first: 2) { nodes { id } } }',
      });
      const ids = dataOf(nodes.body).models.nodes.map((m) => m.id);
      // a nullable list item is the nearest nullable parent of Model.risks here
      const byId = await postGraphQL<{ nodes: unknown[] }>(services, {
        query: 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Model { name risks { name } } } }',
        variables: { ids },
      });
      expect(partialDataOf(byId.body).nodes).toEqual([null, null]);
      expect(byId.body?.errors?.map((e) => e.extensions?.serviceName)).toEqual(['risks', 'risks']);
      const logged = log.mock.calls.map(([line]) => parseJson<JsonObject>(String(line)));
      expect(logged[0]).toMatchObject({
        level: 'error',
        code: 'SUBGRAPH_UNAVAILABLE',
        message: match.stringMatching(/ECONNREFUSED/),
      });
    } finally {
      log.mockRestore();
    }
    const health = await timedFetch<JsonObject>(`${services.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.body).toEqual({
      status: 'degraded',
      down: ['risks'],
      subgraphs: { catalog: 'up', risks: 'down', literature: 'up' },
    });

    await services.restartSubgraph('risks');
    const after = await modelsWithRisks(services);
    expect(dataOf(after.body).gpt?.risks).toEqual([{ name: 'Sustainability' }]);
    // the gateway probes the subgraphs at most once a second: the next probe sees risks again
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const healthAfter = await timedFetch<JsonObject>(`${services.url}/healthz`);
    expect(healthAfter.status).toBe(200);
    expect(healthAfter.body?.status).toBe('ok');
  });
});

/** Forwards to a subgraph, holding each request `delayMs` first. */
async function delayingProxy(target: string) {
  const timers = new Set<NodeJS.Timeout>();
  const forward = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (proxy.delayMs) await new Promise<void>((resolve) => timers.add(setTimeout(resolve, proxy.delayMs)));
      if (res.destroyed) return;
      const upstream = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.destroy();
    }
  };
  const proxy = {
    delayMs: 0,
    url: '',
    // forward answers every request itself, a failure by destroying it
    server: http.createServer((req, res) => void forward(req, res)),
    stop: async () => {
      timers.forEach(clearTimeout);
      await closeServer(proxy.server);
    },
  };
  proxy.url = `http://127.0.0.1:${await listen(proxy.server, 0, '127.0.0.1')}/graphql`;
  return proxy;
}

describe('a slow subgraph', () => {
  let services: SeparateServices;
  let proxy: Awaited<ReturnType<typeof delayingProxy>>;
  beforeAll(async () => {
    services = await startSeparateServices({
      env: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      route: async (name, url) => {
        if (name !== 'risks') return url;
        proxy = await delayingProxy(url);
        return proxy.url;
      },
    });
  });
  afterAll(async () => {
    await services?.stop();
    await proxy?.stop();
  });

  it('hits the subgraph timeout: its fields get errors, the others arrive, and nothing waits past the deadline', async () => {
    proxy.delayMs = TIMEOUT_MS * 3;
    const log = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expectRisksFailed(await modelsWithRisks(services), 'SUBGRAPH_TIMEOUT');
    } finally {
      log.mockRestore();
    }
    proxy.delayMs = 0;
    const fast = await modelsWithRisks(services);
    expect(dataOf(fast.body).gpt?.risks).toEqual([{ name: 'Sustainability' }]);
  });
});
