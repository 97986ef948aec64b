/**
 * GitLab's Rack::Attack throttle for authenticated API requests ([RL]): a fixed window aligned to
 * the epoch, counted per user. Every counted response carries the RateLimit-* headers.
 */
const PERIOD_SECONDS = 60;
export const THROTTLE_NAME = "throttle_authenticated_api";

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  clear(): void {
    this.windows.clear();
  }

  /** Counts one request of `key` and says whether it is within `limit` for the current minute. */
  hit(key: string, limit: number, now = Date.now()): RateLimitVerdict {
    const nowSeconds = Math.floor(now / 1000);
    const start = nowSeconds - (nowSeconds % PERIOD_SECONDS);
    const current = this.windows.get(key);
    const window = current?.start === start ? current : { start, count: 0 };
    window.count += 1;
    this.windows.set(key, window);
    const resetAt = start + PERIOD_SECONDS;
    const allowed = window.count <= limit;
    const headers = rateLimitHeaders({ limit, observed: window.count, resetAt });
    if (!allowed) Object.assign(headers, throttledHeaders(resetAt - nowSeconds, resetAt));
    return { allowed, headers };
  }
}

export function rateLimitHeaders({ limit, observed, resetAt }: { limit: number; observed: number; resetAt: number }) {
  return {
    "RateLimit-Limit": String(limit),
    "RateLimit-Name": THROTTLE_NAME,
    "RateLimit-Observed": String(observed),
    "RateLimit-Remaining": String(Math.max(0, limit - observed)),
    "RateLimit-Reset": String(resetAt),
  };
}

/** Added on a 429 only: when to come back, in seconds and as an HTTP date. */
export function throttledHeaders(retryAfterSeconds: number, resetAt: number): Record<string, string> {
  return {
    "Retry-After": String(Math.max(0, retryAfterSeconds)),
    "RateLimit-ResetTime": new Date(resetAt * 1000).toUTCString(),
  };
}

/** Rack::Attack's throttled body. */
export const THROTTLED_BODY = "Retry later\n";
