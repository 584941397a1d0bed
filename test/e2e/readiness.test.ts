import * as http from 'http';
import { tempConfig } from '../helpers/app';
import {
  RunningServer,
  SeparateServices,
  startOneProcess,
  startSeparateServices,
  timedFetch,
} from '../helpers/http';

interface ReadyBody {
  status: string;
  reasons: string[];
  inFlight: number;
  eventLoopDelayMs: number;
  subgraphs: Record<string, string>;
}

const readyz = (server: RunningServer) => timedFetch<ReadyBody>(`${server.url}/readyz`);

/** A GraphQL POST whose body is held back after its first bytes: it stays in flight until `finish`. */
function heldRequest(server: RunningServer) {
  const body = JSON.stringify({ query: '{ citation(number: 84) { label } }' });
  const req = http.request(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const answered = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
  req.write(body.slice(0, 5));
  req.flushHeaders();
  return {
    finish: () => {
      req.end(body.slice(5));
      return answered;
    },
  };
}

describe('GET /readyz (npm start)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOneProcess(
      tempConfig({ READY_MAX_IN_FLIGHT: '1', READY_MAX_EVENT_LOOP_DELAY_MS: '300' }),
    );
  });
  afterAll(() => server?.stop());

  it('is ready when idle, with its subgraphs up', async () => {
    const res = await readyz(server);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ready',
      reasons: [],
      inFlight: 0,
      subgraphs: { catalog: 'up', risks: 'up', literature: 'up' },
    });
  });

  it('is saturated (503, saying why) past the bound of requests in flight, and ready once they are answered', async () => {
    const held = [heldRequest(server), heldRequest(server)];
    // the server has counted both once it answers a later request on another connection: poll without a clock
    let res = await readyz(server);
    while (res.body?.inFlight !== 2) res = await readyz(server);
    const answers = Promise.all(held.map((h) => h.finish()));
    expect(res.status).toBe(503);
    // (a busy machine may add the event loop's delay as a second reason)
    expect(res.body).toMatchObject({ status: 'saturated', inFlight: 2 });
    expect(res.body?.reasons).toContain('2 requests in flight, over the bound of 1');
    expect(await answers).toEqual([200, 200]);
    const after = await readyz(server);
    expect(after.body?.inFlight).toBe(0);
    expect(after.body?.reasons.filter((r) => r.includes('in flight'))).toEqual([]);
  });

  it('is saturated when the event loop was held past its bound since the previous check', async () => {
    await readyz(server);
    // hold this process's event loop, which the server shares, for a second
    const until = Date.now() + 1000;
    while (Date.now() < until);
    const held = await readyz(server);
    expect(held.status).toBe(503);
    expect(held.body?.reasons).toEqual([
      expect.stringMatching(/^the event loop was held for \d+ ms, over the bound of 300 ms$/) as unknown,
    ]);
    expect(held.body?.inFlight).toBe(0);
    expect(held.body!.eventLoopDelayMs).toBeGreaterThan(300);
    // /healthz, liveness, is not concerned
    expect((await timedFetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('GET /readyz over separate services', () => {
  let services: SeparateServices;
  beforeAll(async () => {
    services = await startSeparateServices();
  });
  afterAll(() => services?.stop());

  it('is unavailable while a subgraph is down, naming it', async () => {
    await services.stopSubgraph('risks');
    const res = await readyz(services);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      reasons: ['subgraph risks is down'],
      subgraphs: { catalog: 'up', risks: 'down', literature: 'up' },
    });
  });
});
