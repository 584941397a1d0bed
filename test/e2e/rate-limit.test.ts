import { addressKey, ClientRateLimits, RateLimiter } from '../../src/app/rate-limit';
import { postGraphQL, RunningServer, startOneProcess, timedFetch } from '../helpers/http';
import { KeyStore, keyStoreTarget } from '../../src/app/api-keys/key-store';
import type { Config } from '../../src/common/config';
import { tempConfig } from '../helpers/app';

const QUERY = { query: '{ citation(number: 84) { label } }' };
/** twelve pages of 500 models with their results' datasets: cost 12 × 3501 = 42012, under MAX_COST */
const COSTLY = {
  query: `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: models(first: 500) { nodes { results { dataset { name } } } }`).join(' ')} }`,
};

/** Sends `n` requests, `concurrency` at a time, and counts the answers by status. */
async function send(server: RunningServer, body: object, n: number, concurrency: number) {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        statuses.push((await postGraphQL(server, body)).status);
      }
    }),
  );
  return { ok: statuses.filter((s) => s === 200).length, refused: statuses.filter((s) => s === 429).length };
}

describe('rate limiting over real HTTP', () => {
  let server: RunningServer;
  let config: Config;
  beforeAll(async () => {
    // one token every 10 s, bursts of 5, a point a second: nothing comes back while a burst is answered
    config = tempConfig({ RATE_LIMIT: '6', RATE_LIMIT_BURST: '5', RATE_LIMIT_POINTS: '60' });
    server = await startOneProcess(config);
  });
  afterAll(() => server?.stop());

  it('refuses an invented API key: a new header per request is no way around the limit', async () => {
    const invented = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        postGraphQL(server, { query: '{ __typename }' }, { 'x-api-key': `invented-${i}` }),
      ),
    );
    for (const r of invented) {
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="lam-atlas"');
      expect(r.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });

  it('counts every anonymous request against its address', async () => {
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => postGraphQL(server, { query: '{ __typename }' })),
    );
    const allowed = burst.filter((r) => r.status === 200);
    const refused = burst.filter((r) => r.status === 429);
    expect(allowed).toHaveLength(5);
    expect(allowed[0].body).toEqual({
      data: { __typename: 'Query' },
      extensions: { cost: { requested: 0, limit: 50000 } },
    });
    expect(refused).toHaveLength(3);
    expect(Number(refused[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused[0].headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(refused[0].body).toEqual({
      errors: [
        {
          message: expect.stringMatching(
            /^too many requests: the limit is 6 requests \(bursts of 5\) and 60 cost points per minute; retry in \d+ s$/,
          ) as unknown,
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    // /healthz is not limited
    for (let i = 0; i < 3; i++) expect((await timedFetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('tells every answer its policies and what is left (IETF RateLimit headers)', async () => {
    const res = await postGraphQL(server, QUERY);
    expect(res.headers.get('ratelimit-policy')).toBe('"requests";q=6;w=60, "cost";q=60;w=60');
    expect(res.headers.get('ratelimit')).toMatch(/^"requests";r=0;t=\d+, "cost";r=\d+;t=\d+$/);
  });

  it('gives an authenticated key a bucket of its own, and a revoked key none', async () => {
    const keys = await KeyStore.open(keyStoreTarget(config));
    try {
      const { key } = await keys.create('alice', 'curator');
      // the address's bucket is empty (the tests above), the key's is full: its burst of 5
      expect((await postGraphQL(server, { query: '{ __typename }' })).status).toBe(429);
      const mine = await Promise.all(
        Array.from({ length: 6 }, () =>
          postGraphQL(server, { query: '{ __typename }' }, { authorization: `Bearer ${key}` }),
        ),
      );
      expect(mine.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
      await keys.revoke('alice');
      const revoked = await postGraphQL(
        server,
        { query: '{ __typename }' },
        { authorization: `Bearer ${key}` },
      );
      expect(revoked.status).toBe(401);
      expect(revoked.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    } finally {
      await keys.close();
    }
  });
});

describe('the cost bucket over real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // requests are plentiful; 200 points a minute (one every 0.3 s), nothing to speak of while the test runs
    server = await startOneProcess(
      tempConfig({ RATE_LIMIT: '100000', RATE_LIMIT_BURST: '1000', RATE_LIMIT_POINTS: '200' }),
    );
  });
  afterAll(() => server?.stop());

  const page = { query: '{ models(first: 100) { nodes { name } } }' }; // cost 101

  it('charges each request its cost: two pages of cost 101 leave the bucket in debt, and the third is refused', async () => {
    const first = await postGraphQL(server, page);
    expect(first.status).toBe(200);
    expect(first.body?.extensions).toEqual({ cost: { requested: 101, limit: 50000 } });
    // the header says what is left after this request's cost
    expect(first.headers.get('ratelimit')).toMatch(/"cost";r=(99|\d{3});t=\d+$/);
    expect(Number(/"cost";r=(\d+)/.exec(first.headers.get('ratelimit')!)![1])).toBeLessThan(200 - 100);
    // 99 points left: still admitted, although it costs more
    expect((await postGraphQL(server, page)).status).toBe(200);
    const refused = await postGraphQL(server, page);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit')).toMatch(/"cost";r=0;t=\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('charges nothing for an operation refused by the cost limit', async () => {
    const other = await startOneProcess(
      tempConfig({
        RATE_LIMIT: '100000',
        RATE_LIMIT_BURST: '1000',
        RATE_LIMIT_POINTS: '200',
        MAX_COST: '50',
      }),
    );
    try {
      for (let i = 0; i < 5; i++) {
        const res = await postGraphQL(other, page);
        expect(res.status).toBe(200);
        expect(res.body?.errors?.[0].extensions?.code).toBe('COST_LIMIT_EXCEEDED');
      }
    } finally {
      await other.stop();
    }
  });
});

describe('the default rate limits over real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOneProcess(tempConfig());
  });
  afterAll(() => server?.stop());

  it('never refuse normal local use: a test suite of 250 requests, costly ones among them, 10 at a time', async () => {
    const mixed = [
      QUERY,
      { query: '{ models(first: 100) { nodes { name } } }' },
      { query: '{ sectors { name } }' },
    ];
    const cheap = await Promise.all(mixed.map((body) => send(server, body, 80, 10)));
    const costly = await send(server, COSTLY, 5, 1);
    expect([...cheap, costly].map((r) => r.refused)).toEqual([0, 0, 0, 0]);
  });

  it('refuse a flood of cheap requests from one address', async () => {
    const flood = await send(server, { query: '{ __typename }' }, 1500, 50);
    expect(flood.refused).toBeGreaterThan(0);
    expect(flood.ok).toBeGreaterThan(0);
  });
});

describe('the default cost budget over real HTTP', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOneProcess(tempConfig());
  });
  afterAll(() => server?.stop());

  it('refuses a flood of costly requests long before the request limit would', async () => {
    // the bucket refills from the first charge on: counted from before it, however slow the machine
    const started = performance.now();
    const first = await postGraphQL(server, COSTLY);
    expect(first.body?.extensions).toEqual({ cost: { requested: 42012, limit: 50000 } });
    // 500000 points hold eleven or twelve of them (the last one admitted takes the bucket into debt),
    // and the bucket refills a full bucket a minute: no more get through
    const flood = await send(server, COSTLY, 19, 1);
    const refilled = ((performance.now() - started) / 60_000) * 500_000;
    const affordable = Math.ceil((500_000 - 42_012 + refilled) / 42_012);
    expect(flood.ok).toBeLessThanOrEqual(affordable);
    expect(flood.refused).toBe(19 - flood.ok);
    if (affordable < 19) expect(flood.refused).toBeGreaterThan(0);
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

  it('admit while any cost point is left, and refuse until a debt is paid back', () => {
    let now = 0;
    const limits = new ClientRateLimits({ perMinute: 600, burst: 10, pointsPerMinute: 60, now: () => now });
    expect(limits.admit('k').allowed).toBe(true);
    limits.chargeCost('k', 59);
    expect(limits.admit('k').allowed).toBe(true);
    expect(limits.chargeCost('k', 31).ratelimit).toBe('"requests";r=8;t=1, "cost";r=0;t=90');
    const refused = limits.admit('k');
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 31 });
    // a refused request spends no request token
    expect(refused.headers.ratelimit).toBe('"requests";r=8;t=1, "cost";r=0;t=90');
    now += 31_000;
    expect(limits.admit('k').allowed).toBe(true);
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
