import type { IncomingMessage } from 'http';

export interface RateLimitOptions {
  /** sustained requests per minute per client */
  perMinute: number;
  /** how many requests a client may make at once before the sustained rate applies */
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
 * holds a whole /64 network, so its bucket is that network's.
 */
export function clientKey(req: IncomingMessage): string {
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

  constructor(private readonly options: RateLimitOptions) {
    if (!(options.perMinute > 0) || !(options.burst >= 1))
      throw new Error('a rate limit needs perMinute > 0 and burst >= 1');
    this.perMs = options.perMinute / 60_000;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Takes one token from `key`'s bucket, or says how long until one is available. */
  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updated: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.updated) * this.perMs);
    bucket.updated = now;
    // re-inserting keeps the map in least-recently-seen order
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const left = {
      remaining: Math.floor(bucket.tokens),
      resetSeconds: this.secondsUntil(bucket, this.options.burst),
    };
    return allowed
      ? { allowed, ...left }
      : { allowed, ...left, retryAfterSeconds: Math.max(1, this.secondsUntil(bucket, 1)) };
  }

  /** The `RateLimit-Policy` header of this limit (IETF httpapi-ratelimit-headers): its quota and window. */
  get policy(): string {
    return `"per-client";q=${this.options.perMinute};w=60;burst=${this.options.burst}`;
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
