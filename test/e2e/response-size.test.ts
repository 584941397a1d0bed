import { createInProcessApp } from '../../src/app/in-process';
import { jsonExceeds } from '../../src/gateway/response-size.plugin';
import { seededConfig } from '../helpers/app';
import { postGraphQL, RunningServer, serve, timedFetch } from '../helpers/http';

const LIMIT = 50_000;
const LARGE = { query: '{ models(first: 500) { nodes { name slug results { display } } } }' };
const SMALL = { query: '{ citation(number: 84) { label } }' };

describe('an answer larger than MAX_RESPONSE_BYTES over real HTTP (a graph 5 times the paper)', () => {
  let server: RunningServer;
  let unbounded: RunningServer;
  beforeAll(async () => {
    const config = await seededConfig(5);
    const bounded = { ...config, maxResponseBytes: LIMIT };
    const app = await createInProcessApp(bounded);
    server = await serve(app.gateway, app.health, () => app.close(), bounded);
    // the same stores without the bound (a limit no answer reaches), to know how large the answer is
    const open = { ...config, maxResponseBytes: 1_000_000_000 };
    const other = await createInProcessApp(open);
    unbounded = await serve(other.gateway, other.health, () => other.close(), open);
  });
  afterAll(async () => {
    await server?.stop();
    await unbounded?.stop();
  });

  it('is not sent: it ends with RESPONSE_TOO_LARGE, its cost still reported, and the server answers on', async () => {
    const full = await postGraphQL(unbounded, LARGE);
    expect(full.body?.errors).toBeUndefined();
    expect(JSON.stringify(full.body?.data).length).toBeGreaterThan(LIMIT);

    const res = await postGraphQL(server, LARGE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      errors: [
        {
          message: `The response would be larger than ${LIMIT} bytes (MAX_RESPONSE_BYTES) and was not sent; ask for smaller pages ("first") or fewer fields`,
          extensions: { code: 'RESPONSE_TOO_LARGE' },
        },
      ],
      extensions: { cost: full.body?.extensions?.cost },
    });
    expect((await timedFetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await postGraphQL(server, SMALL)).body?.data).toEqual({ citation: { label: 'ESMfold' } });
  });

  it('sends an answer under the bound as it is', async () => {
    const page = { query: '{ models(first: 20) { nodes { name } } }' };
    const [bounded, open] = await Promise.all([postGraphQL(server, page), postGraphQL(unbounded, page)]);
    expect(bounded.body).toEqual(open.body);
    expect(bounded.body?.errors).toBeUndefined();
  });
});

describe('the size of an answer written as JSON', () => {
  const values: unknown[] = [
    { a: 'x', b: [1, 2, null, true], c: { d: [], e: {} } },
    [],
    {},
    'plain',
    { models: { nodes: Array.from({ length: 50 }, (_, i) => ({ name: `m${i}`, size: i * 1.5 })) } },
  ];
  it.each(values.map((v) => [JSON.stringify(v).length, v] as const))(
    'is counted exactly for ASCII text (%i bytes)',
    (length, value) => {
      expect(jsonExceeds(value, length)).toBe(false);
      expect(jsonExceeds(value, length - 1)).toBe(true);
    },
  );
});
