import { RunningServer, startOneProcess } from '../helpers/http';
import { tempConfig } from '../helpers/app';

const QUERY = JSON.stringify({ query: '{ citation(number: 84) { label } }' });

async function withServer(env: Record<string, string>, run: (s: RunningServer) => Promise<void>) {
  const server = await startOneProcess(tempConfig(env));
  try {
    await run(server);
  } finally {
    await server.stop();
  }
}

const post = (s: RunningServer, headers: Record<string, string>) =>
  fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: QUERY,
  });
const preflight = (s: RunningServer, origin: string) =>
  fetch(`${s.url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });

describe('CORS', () => {
  it('allows no origin in production unless CORS_ORIGINS names it, and never credentials', () =>
    withServer({ NODE_ENV: 'production' }, async (s) => {
      const res = await post(s, { origin: 'https://evil.example' });
      expect(await res.json()).toEqual({
        data: { citation: { label: 'ESMfold' } },
        extensions: { cost: { requested: 1, limit: 50_000 } },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(
        (await preflight(s, 'https://evil.example')).headers.get('access-control-allow-origin'),
      ).toBeNull();
    }));

  it('allows the listed origins only', () =>
    withServer(
      { NODE_ENV: 'production', CORS_ORIGINS: 'https://a.example, https://b.example' },
      async (s) => {
        for (const origin of ['https://a.example', 'https://b.example']) {
          const res = await preflight(s, origin);
          expect(res.headers.get('access-control-allow-origin')).toBe(origin);
          expect(res.headers.get('access-control-allow-credentials')).toBeNull();
        }
        const other = await preflight(s, 'https://evil.example');
        expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
      },
    ));

  it('allows any origin in development, without credentials', () =>
    withServer({}, async (s) => {
      const res = await post(s, { origin: 'http://localhost:3000' });
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }));
});

describe("a client's request id", () => {
  it('is echoed when short and plain, replaced by a generated one otherwise', () =>
    withServer({}, async (s) => {
      expect((await post(s, { 'x-request-id': 'abc-123.X_9' })).headers.get('x-request-id')).toBe(
        'abc-123.X_9',
      );
      for (const unsafe of ['x'.repeat(65), 'a b', 'id%C3%A9', '<script>', 'x'.repeat(8000)]) {
        const id = (await post(s, { 'x-request-id': unsafe })).headers.get('x-request-id');
        expect(id).not.toBe(unsafe);
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
      }
    }));
});
