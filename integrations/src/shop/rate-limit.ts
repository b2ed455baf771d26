// Per-key token buckets in memory: `perSecond` tokens refill each second up to `burst`; an empty bucket says how
// long until the next token.

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** 1,200 requests a minute: 20 a second, with bursts of 40. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 40 };

/**
 * The limit from requests per minute (buildServer's `shopRateLimitPerMinute`, or KASA_SHOP_RATE_LIMIT): refilled
 * evenly, with a burst of two seconds' worth (at least 1). Unset keeps the default; the limit cannot be switched off.
 */
export function rateLimitPerMinute(value: number | string | undefined): RateLimit {
  if (value === undefined || value === '') return DEFAULT_RATE_LIMIT;
  const n = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isInteger(n) || n < 1)
    throw new Error(
      `the shop API rate limit must be a whole number of requests per minute (1 or more), got "${value}"`,
    );
  return { perSecond: n / 60, burst: Math.max(1, Math.ceil(n / 30)) };
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token; returns 0 when allowed, otherwise the seconds to wait (for Retry-After). */
  take(key: string): number {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.limit.perSecond));
  }
}
