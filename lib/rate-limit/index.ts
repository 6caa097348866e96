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
 * The requests this instance may still let through in a bucket's window without asking the
 * database, out of the hits it last claimed there.
 */
type Lease = {
  left: number;
  /** The bucket's shared count right after this instance's last claim. */
  counted: number;
  /** The shared count reached the limit: nothing more to claim this window. */
  spent: boolean;
  claiming?: Promise<void>;
};

/**
 * Hits claimed from the shared count at once: 5% of the limit, at least 1 and at most 100. A
 * limit under 40 is counted request by request; a higher one costs one statement per claim, not
 * per request. Unused hits of a claim still count, so a caller can be refused up to 5% of the
 * limit early on each instance it uses, never let through beyond the limit.
 */
export function claimSize(limit: number): number {
  return Math.max(1, Math.min(100, Math.floor(limit / 20)));
}

/**
 * Counts requests in PostgreSQL, so every app instance shares the count: an instance claims
 * hits in blocks (see claimSize) with one upsert on an unlogged table, and counts them down in
 * memory. Once per window it sweeps the old windows.
 */
export class RateLimiter {
  private sweptWindow = 0;
  /** By window start and bucket: a claim still running when its window ends can't touch the next window's lease. */
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly db: Database) {}

  /** Counts one request against every limit; it is allowed only if no count went over its limit. */
  async hit(limits: readonly RateLimit[], now = new Date()): Promise<RateLimitVerdict> {
    const start = windowStart(now).getTime();
    // Only forward: a request that began just before the window turned may still come in late.
    if (start > this.sweptWindow) {
      this.sweptWindow = start;
      for (const key of this.leases.keys()) if (!key.startsWith(`${start} `)) this.leases.delete(key);
      await this.sweep(start);
    }
    const leaseOf = (bucket: string) => {
      const key = `${start} ${bucket}`;
      let lease = this.leases.get(key);
      if (!lease) this.leases.set(key, (lease = { left: 0, counted: 0, spent: false }));
      return lease;
    };
    // Claim where the lease ran out, then take one hit from every lease in the same synchronous
    // step, so concurrent requests can't take the same hit.
    for (;;) {
      const empty = limits.filter(({ bucket }) => {
        const lease = leaseOf(bucket);
        return lease.left === 0 && !lease.spent && !lease.claiming;
      });
      if (empty.length > 0) this.claim(empty.map((limit) => ({ ...limit, lease: leaseOf(limit.bucket) })), start);
      const claims = limits.map(({ bucket }) => leaseOf(bucket).claiming).filter((claim) => claim !== undefined);
      if (claims.length === 0) break;
      await Promise.all(claims);
    }

    const resetSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
    const standings = limits.map(({ bucket, limit }) => {
      const lease = leaseOf(bucket);
      const allowed = lease.left > 0;
      if (allowed) lease.left--;
      // What this instance still holds, and what nobody has claimed yet.
      return { limit, allowed, left: allowed ? lease.left + Math.max(0, limit - lease.counted) : 0 };
    });
    const refused = standings.find((standing) => !standing.allowed);
    const tightest = refused ?? standings.reduce((a, b) => (b.left < a.left ? b : a));
    return { allowed: !refused, limit: tightest.limit, remaining: Math.max(0, tightest.left), resetSeconds };
  }

  /** One statement for every bucket to claim, whatever their number: the buckets are an array parameter. */
  private claim(claims: Array<RateLimit & { lease: Lease }>, start: number): void {
    const sizes = claims.map(({ limit }) => claimSize(limit));
    const claiming = this.db.$client<{ bucket: string; hits: number }[]>`
      insert into rate_limit_counters (bucket, window_start, hits)
      select bucket, ${new Date(start).toISOString()}::timestamptz, size
      from unnest(${claims.map((claim) => claim.bucket)}::text[], ${sizes}::int[]) as claim(bucket, size)
      on conflict (bucket, window_start) do update set hits = rate_limit_counters.hits + excluded.hits
      returning bucket, hits`.then((rows) => {
      const counts = new Map(rows.map((row) => [row.bucket, row.hits]));
      claims.forEach(({ bucket, limit, lease }, i) => {
        const counted = counts.get(bucket)!;
        // The claim covers the counts after `counted - size`; those beyond the limit can't be used.
        lease.left = Math.max(0, Math.min(sizes[i], limit - (counted - sizes[i])));
        lease.counted = counted;
        lease.spent = counted >= limit;
      });
    });
    const settled = claiming.finally(() => {
      for (const { lease } of claims) lease.claiming = undefined;
    });
    for (const { lease } of claims) lease.claiming = settled;
  }

  /** Drops the windows before the previous one, so the table holds about two minutes of callers. */
  private async sweep(start: number): Promise<void> {
    await this.db.$client`delete from rate_limit_counters where window_start < ${new Date(start - windowMs).toISOString()}::timestamptz`;
  }
}
