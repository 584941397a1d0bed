import type { IncomingMessage } from 'http';

export interface BucketOptions {
  /** sustained tokens per minute per client */
  perMinute: number;
  /** how many tokens a full bucket holds: what a client may spend at once before the sustained rate applies */
  burst: number;
  /** at most this many clients are tracked; the least recently seen are dropped first */
  maxClients?: number;
  /** injectable clock, in milliseconds */
  now?: () => number;
}

/** What a request is told: whether it may run, what is left, and when the bucket is full again. */
export type RateDecision = { remaining: number; resetSeconds: number } & (
  { allowed: true } | { allowed: false; retryAfterSeconds: number }
);

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Which client a request counts against: its remote address, whatever headers it sends (a header is the
 * client's own choice, and a new one per request would be a new bucket per request). An IPv6 client
 * holds a whole /64 network, so its bucket is that network's. `apiKeyName` is the name of the API key
 * the request authenticated with, once keys exist (the curation issue): such a key gets a bucket of its
 * own. Nothing authenticates yet, so callers pass null.
 */
export function clientKey(req: IncomingMessage, apiKeyName: string | null = null): string {
  if (apiKeyName !== null) return `key:${apiKeyName}`;
  return addressKey(req.socket.remoteAddress ?? 'unknown');
}

export function addressKey(address: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4) return `ip:${v4[1]}`;
  if (!address.includes(':')) return `ip:${address}`;
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `ip6:${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * A token bucket per client: `burst` tokens, refilled at `perMinute / 60` per second. A bucket that has
 * refilled completely is the same as no bucket, so idle ones are dropped; the map never holds more than
 * `maxClients` entries.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: BucketOptions) {
    if (!(options.perMinute > 0) || !(options.burst >= 1))
      throw new Error('a rate limit needs perMinute > 0 and burst >= 1');
    this.perMs = options.perMinute / 60_000;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /**
   * Admits a request when `key`'s bucket holds at least one token, and takes `tokens` from it (one per
   * request; none for the cost bucket, which is charged once the cost is known); otherwise says how
   * long until a token is available.
   */
  take(key: string, tokens = 1): RateDecision {
    const bucket = this.refilled(key);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= tokens;
    return allowed
      ? { allowed, ...this.left(bucket) }
      : { allowed, ...this.left(bucket), retryAfterSeconds: Math.max(1, this.secondsUntil(bucket, 1)) };
  }

  /** Takes `tokens` from an admitted request's bucket; it may go below zero, refusing the next requests until it refills. */
  charge(key: string, tokens: number): { remaining: number; resetSeconds: number } {
    const bucket = this.refilled(key);
    bucket.tokens -= tokens;
    return this.left(bucket);
  }

  private refilled(key: string): Bucket {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updated: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.updated) * this.perMs);
    bucket.updated = now;
    // re-inserting keeps the map in least-recently-seen order
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    return bucket;
  }

  private left(bucket: Bucket): { remaining: number; resetSeconds: number } {
    return {
      remaining: Math.max(0, Math.floor(bucket.tokens)),
      resetSeconds: this.secondsUntil(bucket, this.options.burst),
    };
  }

  /** This bucket as an item of the `RateLimit-Policy` header (IETF httpapi-ratelimit-headers): quota per window. */
  policy(name: string): string {
    return `"${name}";q=${this.options.perMinute};w=60`;
  }

  private secondsUntil(bucket: Bucket, tokens: number): number {
    return Math.ceil(Math.max(0, tokens - bucket.tokens) / this.perMs / 1000);
  }

  /** How many clients are tracked now. */
  get size(): number {
    return this.buckets.size;
  }

  /** Drops the buckets that have refilled completely; at most once per refill time. */
  private sweep(now: number): void {
    const refillMs = this.options.burst / this.perMs;
    if (now - this.lastSweep < Math.min(refillMs, 60_000)) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updated) * this.perMs >= this.options.burst) this.buckets.delete(key);
    }
  }
}

export interface RateLimitOptions extends BucketOptions {
  /** sustained cost points per minute per client; a full bucket holds one minute's */
  pointsPerMinute: number;
  maxClients?: number;
  now?: () => number;
}

/** What a request is told in headers, and whether it may run. */
export interface RateLimitAnswer {
  allowed: boolean;
  /** seconds until the client may send again, when refused */
  retryAfterSeconds: number;
  headers: Record<string, string>;
}

/**
 * The two limits a client is under: requests (`perMinute`, bursts of `burst`), so a flood of cheap
 * requests is refused, and cost points (`pointsPerMinute`), so a client running the costliest operations
 * gets a few of them a minute, like GitHub's points or Shopify's cost budget. A request is admitted when
 * the client has a request token and any cost point left; it takes the token, and its operation's cost
 * (the `extensions.cost.requested` of its answer) is charged once computed, just before it runs, which
 * may take the cost bucket below zero: the client then waits until it refills above zero.
 */
export class ClientRateLimits {
  private readonly requests: RateLimiter;
  private readonly points: RateLimiter;

  constructor(readonly options: RateLimitOptions) {
    const { maxClients, now } = options;
    this.requests = new RateLimiter({ perMinute: options.perMinute, burst: options.burst, maxClients, now });
    this.points = new RateLimiter({
      perMinute: options.pointsPerMinute,
      burst: options.pointsPerMinute,
      maxClients,
      now,
    });
  }

  /** Admits a request of `key` or refuses it, with the headers either answer carries. */
  admit(key: string): RateLimitAnswer {
    const requests = this.requests.take(key);
    // the cost bucket is only looked at here: the cost is charged once known
    const points = this.points.take(key, 0);
    if (requests.allowed && points.allowed)
      return { allowed: true, retryAfterSeconds: 0, headers: this.headers(requests, points) };
    // a refused request spends nothing
    const left = requests.allowed ? this.requests.charge(key, -1) : requests;
    const waits = [requests, points].map((d) => (d.allowed ? 0 : d.retryAfterSeconds));
    return { allowed: false, retryAfterSeconds: Math.max(...waits), headers: this.headers(left, points) };
  }

  /** Charges an admitted request's cost; the headers it should now carry. */
  chargeCost(key: string, cost: number): Record<string, string> {
    return this.headers(this.requests.charge(key, 0), this.points.charge(key, cost));
  }

  /** How many clients are tracked now. */
  get size(): number {
    return this.requests.size;
  }

  private headers(requests: RateState, points: RateState): Record<string, string> {
    const item = (name: string, s: RateState) => `"${name}";r=${s.remaining};t=${s.resetSeconds}`;
    return {
      'ratelimit-policy': `${this.requests.policy('requests')}, ${this.points.policy('cost')}`,
      ratelimit: `${item('requests', requests)}, ${item('cost', points)}`,
    };
  }
}

type RateState = { remaining: number; resetSeconds: number };
