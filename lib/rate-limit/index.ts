import type { Database } from "@/db/client";

const windowMs = 60_000;

/** One counter to bump: `ip:<address>`, `token:<id>`, `user:<id>` or `provider`, and its limit per minute. */
export type RateLimit = { bucket: string; limit: number };

/** How the request stands against its tightest limit in the current one-minute window. */
export type RateLimitVerdict = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the counts start again (1..60). */
  resetSeconds: number;
};

export function windowStart(now: Date): Date {
  return new Date(now.getTime() - (now.getTime() % windowMs));
}

/**
 * Counts requests in PostgreSQL, so every app instance shares the count. Each request costs one
 * prepared statement on an unlogged table; once per window the instance sweeps the old windows.
 */
export class RateLimiter {
  private sweptWindow = 0;

  constructor(private readonly db: Database) {}

  /** Counts one request against every limit; it is allowed only if no count went over its limit. */
  async hit(limits: readonly RateLimit[], now = new Date()): Promise<RateLimitVerdict> {
    const start = windowStart(now);
    // One statement for every bucket, whatever their number: the bucket list is an array parameter.
    const rows = await this.db.$client<{ bucket: string; hits: number }[]>`
      insert into rate_limit_counters (bucket, window_start, hits)
      select bucket, ${start.toISOString()}::timestamptz, 1 from unnest(${limits.map((limit) => limit.bucket)}::text[]) as bucket
      on conflict (bucket, window_start) do update set hits = rate_limit_counters.hits + 1
      returning bucket, hits`;
    if (this.sweptWindow !== start.getTime()) {
      this.sweptWindow = start.getTime();
      await this.sweep(start);
    }
    const hitsByBucket = new Map(rows.map((row) => [row.bucket, row.hits]));
    const resetSeconds = Math.max(1, Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000));
    const standings = limits.map(({ bucket, limit }) => ({ limit, left: limit - (hitsByBucket.get(bucket) ?? 0) }));
    const tightest = standings.reduce((a, b) => (b.left < a.left ? b : a));
    return { allowed: tightest.left >= 0, limit: tightest.limit, remaining: Math.max(0, tightest.left), resetSeconds };
  }

  /** Drops the windows before the previous one, so the table holds about two minutes of callers. */
  private async sweep(start: Date): Promise<void> {
    await this.db.$client`delete from rate_limit_counters where window_start < ${new Date(start.getTime() - windowMs).toISOString()}::timestamptz`;
  }
}
