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

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updated: number;
}

/** An API key is the client's own choice: only its first characters name the bucket, so keys cannot grow the map's memory. */
const MAX_KEY_LENGTH = 128;

/** Which client a request counts against: its `x-api-key` header if present, else its remote address. */
export function clientKey(req: IncomingMessage): string {
  const header = req.headers['x-api-key'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (apiKey) return `key:${apiKey.slice(0, MAX_KEY_LENGTH)}`;
  return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
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
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)),
    };
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
