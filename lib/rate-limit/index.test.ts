import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseConnection } from "@/db/client";
import { rateLimitCounters } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { claimSize, RateLimiter, windowStart } from ".";

const t = setupTestDatabase();

const at = (iso: string) => new Date(iso);
const bucket = (kind: string) => `${kind}:${randomUUID()}`;

async function hitsOf(name: string): Promise<number> {
  const rows = await t.db
    .select({ hits: rateLimitCounters.hits })
    .from(rateLimitCounters)
    .where(sql`${rateLimitCounters.bucket} = ${name}`);
  return rows.reduce((sum, row) => sum + row.hits, 0);
}

describe("API rate limits", () => {
  it("keeps its counters in an unlogged table, whose writes don't wait for a WAL flush", async () => {
    const [{ persistence }] = await t.db.$client`select relpersistence as persistence from pg_class where relname = 'rate_limit_counters'`;
    expect(persistence).toBe("u");
  });

  it("lets the limit-th request of a window through and refuses the next", async () => {
    const limiter = new RateLimiter(t.db);
    const ip = bucket("ip");
    const now = at("2030-01-01T10:00:05Z");
    const verdicts = [];
    for (let i = 0; i < 4; i++) verdicts.push(await limiter.hit([{ bucket: ip, limit: 3 }], now));
    expect(verdicts.map(({ allowed, remaining }) => ({ allowed, remaining }))).toEqual([
      { allowed: true, remaining: 2 },
      { allowed: true, remaining: 1 },
      { allowed: true, remaining: 0 },
      { allowed: false, remaining: 0 },
    ]);
    expect(verdicts[3].limit).toBe(3);
  });

  it("claims a high limit's hits in blocks, one statement for many requests", async () => {
    const limiter = new RateLimiter(t.db);
    const ip = { bucket: bucket("ip"), limit: 1000 };
    const now = at("2030-01-01T10:00:30Z");
    const verdicts = [];
    for (let i = 0; i < 120; i++) verdicts.push(await limiter.hit([ip], now));
    expect(verdicts.every((verdict) => verdict.allowed)).toBe(true);
    expect(verdicts.at(-1)!.remaining).toBe(880);
    expect(await hitsOf(ip.bucket)).toBe(150);
    expect([claimSize(5), claimSize(39), claimSize(40), claimSize(600), claimSize(1_000_000)]).toEqual([1, 1, 2, 30, 100]);
  });

  it("counts the remaining requests down to 0 exactly, also when the last claim goes past the limit", async () => {
    const limiter = new RateLimiter(t.db);
    const limit = [{ bucket: bucket("token"), limit: 62 }];
    const now = at("2030-01-01T10:00:40Z");
    const verdicts = [];
    for (let i = 0; i < 63; i++) verdicts.push(await limiter.hit(limit, now));
    expect(claimSize(62)).toBe(3);
    expect(verdicts.map((verdict) => verdict.remaining)).toEqual([...Array.from({ length: 62 }, (_, i) => 61 - i), 0]);
    expect(verdicts.map((verdict) => verdict.allowed)).toEqual([...Array(62).fill(true), false]);
  });

  it("keeps each window's count apart while requests of both are in flight at the turn", async () => {
    const limiter = new RateLimiter(t.db);
    const limit = [{ bucket: bucket("token"), limit: 40 }];
    const before = at("2030-01-01T10:08:59.990Z");
    const after = at("2030-01-01T10:09:00.010Z");
    const verdicts = await Promise.all(Array.from({ length: 60 }, (_, i) => limiter.hit(limit, i % 2 === 0 ? before : after)));
    expect(verdicts.every((verdict) => verdict.allowed)).toBe(true);
    const counts = await t.db.$client`select window_start, hits from rate_limit_counters where bucket = ${limit[0].bucket} order by window_start`;
    // 30 requests in each window, claimed 2 at a time.
    expect(counts.map((row) => row.hits)).toEqual([30, 30]);
  });

  it("tells the seconds left until the window ends, rounded up", async () => {
    const limiter = new RateLimiter(t.db);
    const limit = [{ bucket: bucket("ip"), limit: 1 }];
    expect((await limiter.hit(limit, at("2030-01-01T10:01:00.000Z"))).resetSeconds).toBe(60);
    expect((await limiter.hit(limit, at("2030-01-01T10:01:45.200Z"))).resetSeconds).toBe(15);
    expect((await limiter.hit(limit, at("2030-01-01T10:01:59.999Z"))).resetSeconds).toBe(1);
  });

  it("starts counting afresh in the next window", async () => {
    const limiter = new RateLimiter(t.db);
    const limit = [{ bucket: bucket("token"), limit: 2 }];
    await limiter.hit(limit, at("2030-01-01T10:02:10Z"));
    await limiter.hit(limit, at("2030-01-01T10:02:20Z"));
    expect((await limiter.hit(limit, at("2030-01-01T10:02:59.999Z"))).allowed).toBe(false);
    const next = await limiter.hit(limit, at("2030-01-01T10:03:00Z"));
    expect(next).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("refuses when any of the request's limits is spent, and reports the tightest", async () => {
    const limiter = new RateLimiter(t.db);
    const now = at("2030-01-01T10:04:00Z");
    const ip = { bucket: bucket("ip"), limit: 10 };
    const tokenA = { bucket: bucket("token"), limit: 2 };
    const tokenB = { bucket: bucket("token"), limit: 2 };
    await limiter.hit([ip, tokenA], now);
    expect(await limiter.hit([ip, tokenA], now)).toMatchObject({ allowed: true, limit: 2, remaining: 0 });
    expect(await limiter.hit([ip, tokenA], now)).toMatchObject({ allowed: false, limit: 2 });
    // Another token from the same address has its own count; the address's count is shared.
    expect(await limiter.hit([ip, tokenB], now)).toMatchObject({ allowed: true, limit: 2, remaining: 1 });
    expect(await hitsOf(ip.bucket)).toBe(4);
  });

  describe("across app instances", () => {
    const pools: DatabaseConnection[] = [];
    beforeAll(() => {
      pools.push(connectDatabase(t.url, { max: 4 }), connectDatabase(t.url, { max: 4 }));
    });
    afterAll(async () => {
      await Promise.all(pools.map((pool) => pool.close()));
    });

    it("shares one count between two instances", async () => {
      const [first, second] = pools.map((pool) => new RateLimiter(pool.db));
      const limit = [{ bucket: bucket("token"), limit: 5 }];
      const now = at("2030-01-01T10:05:00Z");
      const verdicts = [];
      for (let i = 0; i < 6; i++) verdicts.push(await (i % 2 === 0 ? first : second).hit(limit, now));
      expect(verdicts.map((verdict) => verdict.allowed)).toEqual([true, true, true, true, true, false]);
    });

    it("counts parallel requests exactly", async () => {
      const limiters = pools.map((pool) => new RateLimiter(pool.db));
      const ip = { bucket: bucket("ip"), limit: 1000 };
      const user = { bucket: bucket("user"), limit: 30 };
      const now = at("2030-01-01T10:06:00Z");
      const verdicts = await Promise.all(Array.from({ length: 80 }, (_, i) => limiters[i % 2].hit([ip, user], now)));
      expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(30);
      // The user's limit is counted hit by hit, each instance's last claim past it at most; the address's in claims of 50.
      expect(await hitsOf(user.bucket)).toBeGreaterThanOrEqual(30);
      expect(await hitsOf(user.bucket)).toBeLessThanOrEqual(32);
      expect(await hitsOf(ip.bucket)).toBe(100);
    });

    it("lets no more than a high limit through across instances, and refuses no earlier than one claim each", async () => {
      const limiters = pools.map((pool) => new RateLimiter(pool.db));
      const token = { bucket: bucket("token"), limit: 200 };
      const now = at("2030-01-01T10:07:00Z");
      let allowed = 0;
      // 300 requests, using the two instances unevenly, some of them in parallel.
      for (let i = 0; i < 120; i++) {
        const verdicts = await Promise.all(Array.from({ length: 1 + (i % 4) }, (_, j) => limiters[(i + j) % 3 === 0 ? 1 : 0].hit([token], now)));
        allowed += verdicts.filter((verdict) => verdict.allowed).length;
      }
      expect(claimSize(200)).toBe(10);
      expect(allowed).toBeLessThanOrEqual(200);
      expect(allowed).toBeGreaterThanOrEqual(200 - 2 * 9);
      expect(await hitsOf(token.bucket)).toBeLessThanOrEqual(200 + 2 * 10);
    });
  });

  it("sweeps windows older than the previous one, once per window", async () => {
    const limiter = new RateLimiter(t.db);
    const stale = bucket("ip");
    const recent = bucket("ip");
    const now = at("2030-01-01T11:00:30Z");
    await t.db.insert(rateLimitCounters).values([
      { bucket: stale, windowStart: windowStart(at("2030-01-01T10:58:10Z")), hits: 7 },
      { bucket: recent, windowStart: windowStart(at("2030-01-01T10:59:10Z")), hits: 7 },
    ]);
    await limiter.hit([{ bucket: bucket("ip"), limit: 5 }], now);
    expect({ stale: await hitsOf(stale), recent: await hitsOf(recent) }).toEqual({ stale: 0, recent: 7 });
  });
});
