import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { seedStores } from '../../src/data/seed';
import { loadConfig } from '../../src/common/config';
import { gatewayQuery, startInProcess, tempConfig } from '../helpers/app';
import * as match from '../helpers/match';

let production: InProcessApp;
let development: InProcessApp;
beforeAll(async () => {
  const config = tempConfig({ NODE_ENV: 'production', MAX_ALIASES: '5' });
  await seedStores(config);
  production = await createInProcessApp(config);
  development = await startInProcess();
});
afterAll(async () => {
  await production?.close();
  await development?.close();
});

const send = (app: InProcessApp, init: RequestInit & { path?: string }) =>
  app.gateway.runtime.fetch(`http://localhost${init.path ?? '/graphql'}`, init);

describe('configuration of the hardening', () => {
  it('turns introspection off in production unless INTROSPECTION says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'off' }).introspection).toBe(false);
  });

  it('reads limits from the environment and names a bad value', () => {
    const config = loadConfig({
      MAX_DEPTH: '8',
      MAX_BODY_BYTES: '2048',
      RATE_LIMIT: '120',
      SUBGRAPH_TIMEOUT_MS: '750',
    });
    expect(config.limits).toEqual({ maxDepth: 8 });
    expect(config).toMatchObject({
      maxBodyBytes: 2048,
      rateLimit: { perMinute: 120, burst: 300, pointsPerMinute: 500_000 },
      subgraphTimeoutMs: 750,
    });
    expect(loadConfig({})).toMatchObject({
      limits: {},
      maxBodyBytes: 100_000,
      maxResponseBytes: 10_000_000,
      rateLimit: { perMinute: 1200, burst: 300, pointsPerMinute: 500_000 },
      subgraphTimeoutMs: 5000,
      sqlReadNice: 5,
    });
    expect(loadConfig({ SQL_READ_NICE: '0' }).sqlReadNice).toBe(0);
    expect(() => loadConfig({ SQL_READ_NICE: '20' })).toThrow(
      'SQL_READ_NICE must be a whole number from 0 to 19, got "20"',
    );
    expect(() => loadConfig({ RATE_LIMIT: 'fast' })).toThrow(
      'RATE_LIMIT must be a whole number of at least 1, got "fast"',
    );
    expect(() => loadConfig({ MAX_COST: '-5' })).toThrow(/MAX_COST must be a whole number/);
    expect(() => loadConfig({ INTROSPECTION: 'maybe' })).toThrow(/INTROSPECTION must be true or false/);
  });
});

describe('production mode', () => {
  it('applies limits set in the environment', async () => {
    const six = `{ sectors { ${Array.from({ length: 6 }, (_, i) => `a${i}: name`).join(' ')} } }`;
    expect((await gatewayQuery(production, six)).errors?.[0]).toMatchObject({
      message: 'operation number of aliases 6 exceeds the limit of 5',
      extensions: { code: 'MAX_ALIASES_EXCEEDED' },
    });
    expect((await gatewayQuery(development, six)).errors).toBeUndefined();
  });

  it('keeps internal details of a bad request to itself', async () => {
    const res = await send(production, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('refuses introspection by default, still answers __typename', async () => {
    const res = await gatewayQuery(production, '{ __schema { queryType { name } } }');
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].message).toMatch(/introspection has been disabled/);
    expect((await gatewayQuery(production, '{ __typename citation(number: 84) { label } }')).data).toEqual({
      __typename: 'Query',
      citation: { label: 'ESMfold' },
    });
    const dev = await gatewayQuery(development, '{ __schema { queryType { name } } }');
    expect(dev.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('gives no "Did you mean" suggestions, for fields or enum values', async () => {
    const typo = '{ models(first: 2) { nodes { nam } } }';
    const enumTypo = '{ models(filter: { trainedOnAccess: [CLOSEDD] }) { totalCount } }';
    for (const query of [typo, enumTypo]) {
      const dev = await gatewayQuery(development, query);
      expect(dev.errors?.[0].message).toMatch(/Did you mean/);
      const prod = await gatewayQuery(production, query);
      expect(prod.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(prod)).not.toMatch(/Did you mean/);
    }
    const prod = await gatewayQuery(production, typo);
    expect(prod.errors?.[0]).toMatchObject({
      message: 'Cannot query field "nam" on type "Model".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('prevents CSRF: simple cross-site requests are refused, JSON POSTs work', async () => {
    const query = '{ citation(number: 84) { label } }';
    const json = await send(production, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({
      data: { citation: { label: 'ESMfold' } },
      extensions: { cost: { requested: 1, limit: 50000 } },
    });
    const text = await send(production, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query }),
    });
    expect(text.status).toBe(403);
    const form = await send(production, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `query=${encodeURIComponent(query)}`,
    });
    expect(form.status).toBe(403);
    const get = await send(production, {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(query)}`,
    });
    expect(get.status).toBe(403);
    const preflighted = await send(production, {
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent(query)}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await preflighted.json()).toEqual({
      data: { citation: { label: 'ESMfold' } },
      extensions: { cost: { requested: 1, limit: 50000 } },
    });
  });

  // last: it closes the literature store
  it('masks an unexpected error and logs it as one JSON line with the request id the response carries', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const sqlLog = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // the real cause, worded by the engine: SQLite 'database connection is not open', PostgreSQL 'Driver not Connected'
      await production.stores.literature.dataSource.destroy();
      const query = '{ models(first: 2) { nodes { name } } citation(number: 84) { label } }';
      const res = await send(production, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.json()).toEqual({
        data: { models: { nodes: [{ name: 'ChatGPT' }, { name: 'SAM' }] }, citation: null },
        errors: [
          { message: 'Unexpected error.', path: ['citation'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        ],
        extensions: { cost: { requested: 4, limit: 50000 } },
      });
      const lines = stderr.mock.calls.map(([chunk]) => String(chunk)).filter((l) => l.startsWith('{'));
      expect(lines).toHaveLength(1);
      expect(lines[0].trimEnd().split('\n')).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
        level: 'error',
        requestId,
        code: 'INTERNAL_SERVER_ERROR',
        path: ['citation'],
        message: match.stringMatching(/database connection is not open|Driver not Connected/),
      });

      // a request id the client sends is kept, echoed and logged
      const echoed = await send(production, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'support-ticket-42' },
        body: JSON.stringify({ query }),
      });
      expect(echoed.headers.get('x-request-id')).toBe('support-ticket-42');
      expect(
        JSON.parse(
          stderr.mock.calls
            .map(([c]) => String(c))
            .filter((l) => l.startsWith('{'))
            .pop()!,
        ),
      ).toMatchObject({ requestId: 'support-ticket-42' });
    } finally {
      stderr.mockRestore();
      sqlLog.mockRestore();
    }
  });
});
