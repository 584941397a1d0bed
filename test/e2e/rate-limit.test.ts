import { addressKey, RateLimiter } from '../../src/app/rate-limit';
import { postGraphQL, RunningServer, startOneProcess, timedFetch } from '../helpers/http';
import { tempConfig } from '../helpers/app';

const QUERY = { query: '{ citation(number: 84) { label } }' };

describe('rate limiting over real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // one token every 10 s, bursts of 5: no token comes back while a burst is answered
    server = await startOneProcess(tempConfig({ RATE_LIMIT: '6', RATE_LIMIT_BURST: '5' }));
  });
  afterAll(() => server?.stop());

  it('counts every request against its address, whatever API key header it invents', async () => {
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => postGraphQL(server, QUERY, { 'x-api-key': `invented-${i}` })),
    );
    const allowed = burst.filter((r) => r.status === 200);
    const refused = burst.filter((r) => r.status === 429);
    expect(allowed).toHaveLength(5);
    expect(allowed[0].body).toEqual({
      data: { citation: { label: 'ESMfold' } },
      extensions: { cost: { requested: 1, limit: 50000 } },
    });
    expect(refused).toHaveLength(3);
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused[0].headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(refused[0].body).toEqual({
      errors: [
        {
          message: expect.stringMatching(
            /too many requests: the limit is 6 per minute \(bursts of 5\); retry in \d+ s/,
          ) as unknown,
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    // /healthz is not limited
    for (let i = 0; i < 3; i++) expect((await timedFetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('tells every answer its policy and what is left (IETF RateLimit headers)', async () => {
    const res = await postGraphQL(server, QUERY);
    expect(res.headers.get('ratelimit-policy')).toBe('"per-client";q=6;w=60;burst=5');
    expect(res.headers.get('ratelimit')).toMatch(/^"per-client";r=0;t=\d+$/);
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

  it('refill at the configured rate, never above the burst, and say what is left', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 30, burst: 2, now: () => now });
    expect(limiter.take('k')).toEqual({ allowed: true, remaining: 1, resetSeconds: 2 });
    expect(limiter.take('k')).toEqual({ allowed: true, remaining: 0, resetSeconds: 4 });
    expect(limiter.take('k')).toEqual({
      allowed: false,
      remaining: 0,
      resetSeconds: 4,
      retryAfterSeconds: 2,
    });
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

describe('the client a request counts against', () => {
  it.each([
    ['203.0.113.7', 'ip:203.0.113.7'],
    ['::ffff:203.0.113.7', 'ip:203.0.113.7'],
    ['127.0.0.1', 'ip:127.0.0.1'],
    // every address of one IPv6 /64 network is one client
    ['2001:db8:1:2:aaaa::1', 'ip6:2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', 'ip6:2001:db8:1:2::/64'],
    ['2001:db8::1', 'ip6:2001:db8:0:0::/64'],
    ['::1', 'ip6:0:0:0:0::/64'],
  ])('%s is %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
