import { RateLimiter } from '../../src/app/rate-limit';
import { postGraphQL, RunningServer, startOneProcess, timedFetch } from '../helpers/http';
import { tempConfig } from '../helpers/app';

const QUERY = { query: '{ citation(number: 84) { label } }' };

describe('rate limiting over real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // one token a second, bursts of 5
    server = await startOneProcess(tempConfig({ RATE_LIMIT: '60', RATE_LIMIT_BURST: '5' }));
  });
  afterAll(() => server?.stop());

  it('answers a burst beyond the bucket with 429 and Retry-After, per API key, and refills', async () => {
    const asA = (n: number) =>
      Promise.all(Array.from({ length: n }, () => postGraphQL(server, QUERY, { 'x-api-key': 'client-a' })));
    const burst = await asA(8);
    const allowed = burst.filter((r) => r.status === 200);
    const refused = burst.filter((r) => r.status === 429);
    expect(allowed).toHaveLength(5);
    expect(allowed[0].body).toEqual({
      data: { citation: { label: 'ESMfold' } },
      extensions: { cost: { requested: 1, limit: 50000 } },
    });
    expect(refused).toHaveLength(3);
    expect(refused[0].headers.get('retry-after')).toBe('1');
    expect(refused[0].body).toEqual({
      errors: [
        {
          message: expect.stringMatching(/too many requests: the limit is 60 per minute \(bursts of 5\)/),
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });

    // another client is not affected, and neither is /healthz
    const other = await postGraphQL(server, QUERY, { 'x-api-key': 'client-b' });
    expect(other.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await timedFetch(`${server.url}/healthz`)).status).toBe(200);

    // a token comes back after the Retry-After delay
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const [again, tooSoon] = await asA(2);
    expect(again.status).toBe(200);
    expect(tooSoon.status).toBe(429);
  });

  it('counts a request without an API key against its address', async () => {
    const results = await Promise.all(Array.from({ length: 7 }, () => postGraphQL(server, QUERY)));
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(2);
  });
});

describe('the token buckets', () => {
  it('keep bounded memory: full buckets are dropped, and at most maxClients are tracked', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 2, maxClients: 100, now: () => now });
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBe(100);
    now += 5_000; // every bucket has refilled
    limiter.take('late');
    expect(limiter.size).toBe(1);
  });

  it('refill at the configured rate, never above the burst', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 30, burst: 2, now: () => now });
    expect([limiter.take('k'), limiter.take('k')].every((d) => d.allowed)).toBe(true);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    now += 2_000;
    expect(limiter.take('k').allowed).toBe(true);
    now += 60_000;
    expect([limiter.take('k'), limiter.take('k'), limiter.take('k')].map((d) => d.allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
