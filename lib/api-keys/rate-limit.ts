// Per API key rate limit, counted in this process's memory: a database write
// per request would cost the token read its speed, so the limit is per
// instance (the README says so). Each key has a token bucket holding a full
// minute's allowance, refilled continuously, so a burst up to the limit passes.
import { getConfig } from "../config";
import { RateLimited } from "../errors";

/** Milliseconds from some fixed point; injectable so tests move time instead of sleeping. */
export type Clock = () => number;

type Bucket = { tokens: number; updatedAt: number };

/** How often idle buckets are swept; a bucket idle this long is full again, so forgetting it changes nothing. */
const SWEEP_INTERVAL_MS = 60_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;
  private lastSweep: number;

  constructor(
    readonly perMinute: number,
    private readonly now: Clock = () => Date.now(),
  ) {
    this.refillPerMs = perMinute / 60_000;
    this.lastSweep = now();
  }

  /** Takes one token for `key`: 0 when allowed, otherwise the seconds until one is back. */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, updatedAt: now };
    bucket.tokens = this.refilled(bucket, now);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000));
  }

  /** Keys with a bucket in memory (for the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  // A clock set back (the wall clock can be) refills nothing rather than draining the bucket.
  private refilled(bucket: Bucket, now: number): number {
    return Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.updatedAt) * this.refillPerMs);
  }

  // A full bucket is the same as no bucket: drop those, so memory holds only keys used within the last minute.
  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now) >= this.perMinute) this.buckets.delete(key);
    }
  }
}

// On globalThis: the server's direct proxy route (scripts/proxy-route.ts) loads this module beside Next's bundle, and both must count against one allowance.
const holder = globalThis as unknown as { latchkeyApiKeyLimiter?: TokenBuckets };

/** Counts one request for an accepted API key, or RateLimited (429) when its minute's allowance is spent. API_RATE_LIMIT_PER_MINUTE=0 turns this off. */
export function chargeApiKey(apiKeyId: string): void {
  const perMinute = getConfig().apiRateLimitPerMinute;
  if (perMinute === 0) return;
  holder.latchkeyApiKeyLimiter ??= new TokenBuckets(perMinute);
  const retryAfterSeconds = holder.latchkeyApiKeyLimiter.take(apiKeyId);
  if (retryAfterSeconds > 0) {
    throw new RateLimited(
      `Too many requests for this API key: the limit is ${perMinute} per minute. Retry after ${retryAfterSeconds} seconds.`,
      retryAfterSeconds,
    );
  }
}
