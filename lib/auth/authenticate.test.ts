import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, loginAttempts, signInThrottles, users, type NewUser } from "@/db/schema";
import { seedDatabase, seededAdmin } from "@/db/seed";
import { formatDateTime } from "@/lib/time";
import { setupTestDatabase } from "@/test/database";
import { authenticate, refusalMessage, type AuthenticationResult } from "./authenticate";
import { rememberDevice } from "./devices";
import { hashPassword } from "./passwords";
import type { LockoutPolicy } from "./lockout";
import { clearLockout } from "./throttle";

const t = setupTestDatabase();

const policy: LockoutPolicy = { maxAttempts: 5, lockMinutes: 15, ipMaxFailures: 1_000, ipWindowMinutes: 15 };
const password = "246810";
let passwordHash: string;

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);
// Each test signs in from its own address so the per-IP limit of one never affects another.
const uniqueIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function seedUser(values: Partial<NewUser> = {}) {
  const [user] = await t.db
    .insert(users)
    .values({
      name: "Test Person",
      email: `person-${randomUUID()}@example.com`,
      role: "customer",
      passwordHash,
      ...values,
    })
    .returning();
  return user;
}

const throttle = (login: string, source: string) =>
  t.db.query.signInThrottles.findFirst({ where: and(eq(signInThrottles.login, login.toLowerCase()), eq(signInThrottles.source, source)) });

const wrongTries = async (login: string, ip: string, times: number, now: Date) => {
  const results: AuthenticationResult[] = [];
  for (let i = 0; i < times; i++) results.push(await authenticate(t.db, policy, { login, password: "000000", ip }, now));
  return results;
};

const auditActions = async (userId: string) =>
  (await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, userId))).map((event) => event.action);

beforeAll(async () => {
  passwordHash = await hashPassword(password, 10);
  await seedDatabase(t.db, { bcryptCost: 10 });
});

describe("authenticate", () => {
  it("signs in with the right password and forgets the source's failures", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    expect(await authenticate(t.db, policy, { login: user.email, password: "000000", ip })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t.db, policy, { login: user.email, password: "111111", ip })).toEqual({ ok: false, reason: "invalid" });
    expect((await throttle(user.email, ip))?.failures).toBe(2);
    expect((await throttle(user.email, "*"))?.failures).toBe(2);

    const result = await authenticate(t.db, policy, { login: user.email, password, ip });
    expect(result.ok && result.user.id).toBe(user.id);
    expect(await throttle(user.email, ip)).toBeUndefined();
    expect((await throttle(user.email, "*"))?.failures).toBe(0);

    const attempts = await t.db.select().from(loginAttempts).where(eq(loginAttempts.userId, user.id));
    expect(attempts.map((attempt) => attempt.succeeded).sort()).toEqual([false, false, true]);
    expect(attempts.every((attempt) => attempt.ip === ip && attempt.login === user.email)).toBe(true);
  });

  it("refuses an unknown login and a wrong password alike", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    const unknown = await authenticate(t.db, policy, { login: "nobody@example.com", password, ip });
    const wrong = await authenticate(t.db, policy, { login: user.email, password: "999999", ip });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
    if (!unknown.ok) expect(refusalMessage(unknown, "America/Sao_Paulo")).toBe("Wrong login or password.");
  });

  it("answers 12 wrong tries for an unknown login exactly as for a known one, locks included", async () => {
    const user = await seedUser();
    const unknown = `ghost-${randomUUID()}@example.com`;
    const start = new Date();
    const run = async (login: string) => {
      const ip = uniqueIp();
      const results: AuthenticationResult[] = [];
      // One try every 20 seconds: the first lock (1 minute) ends during the run.
      for (let i = 0; i < 12; i++) {
        results.push(await authenticate(t.db, policy, { login, password: "000000", ip }, new Date(start.getTime() + i * 20_000)));
      }
      return results;
    };
    const known = await run(user.email);
    expect(known.map((result) => result.ok || result.reason)).toEqual([
      "invalid", "invalid", "invalid", "invalid", "locked", "locked", "locked", "invalid", "invalid", "invalid", "invalid", "locked",
    ]);
    expect(await run(unknown)).toEqual(known);
    const locked = known[4];
    if (locked.ok === false && locked.reason === "locked") {
      expect(refusalMessage(locked, "Asia/Tokyo")).toBe(`This account is locked after too many failed attempts. Try again after ${formatDateTime(locked.lockedUntil, "Asia/Tokyo")}.`);
    }

    const ghostEvents = await t.db.select().from(auditEvents).where(eq(auditEvents.actorLabel, unknown));
    expect(ghostEvents.every((event) => event.targetId === null && event.actorId === null)).toBe(true);
    const actions = (events: { action: string }[]) => events.map((event) => event.action).sort();
    expect(actions(ghostEvents)).toEqual(actions(await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id))));
  });

  it("throttles an unknown login on its text however it is typed", async () => {
    const ip = uniqueIp();
    const now = new Date();
    const login = `Ghost-${randomUUID()}@Example.com`;
    await wrongTries(`  ${login} `, ip, 2, now);
    await wrongTries(login.toUpperCase(), ip, 2, now);
    expect(await wrongTries(login.toLowerCase(), ip, 1, now)).toEqual([{ ok: false, reason: "locked", lockedUntil: minutesAfter(now, 1) }]);
  });

  it("locks a source for 1, 2, 4, 8 and then at most 15 minutes, refusing even the right password", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    let now = new Date();
    for (const minutes of [1, 2, 4, 8, 15, 15]) {
      const tries = await wrongTries(user.email, ip, 5, now);
      expect(tries.slice(0, 4).every((result) => !result.ok && result.reason === "invalid")).toBe(true);
      expect(tries[4]).toEqual({ ok: false, reason: "locked", lockedUntil: minutesAfter(now, minutes) });
      // Still locked just before it ends, for the right password too.
      expect(await authenticate(t.db, policy, { login: user.email, password, ip }, minutesAfter(now, minutes - 0.1))).toEqual(tries[4]);
      now = minutesAfter(now, minutes);
    }
    const actions = await auditActions(user.id);
    expect(actions.filter((action) => action === "auth.sign_in_failed")).toHaveLength(30);
    expect(actions.filter((action) => action === "auth.account_locked")).toHaveLength(6);
    expect(actions.filter((action) => action === "auth.sign_in_locked")).toHaveLength(6);
    expect(actions).not.toContain("auth.sign_in");

    // Once a lock has ended the right password gets in, and the next lock is a short one again.
    expect((await authenticate(t.db, policy, { login: user.email, password, ip }, now)).ok).toBe(true);
    expect((await wrongTries(user.email, ip, 5, now))[4]).toEqual({ ok: false, reason: "locked", lockedUntil: minutesAfter(now, 1) });
  });

  it("gives a fresh set of attempts after an expired lock, not a single one", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    const now = new Date();
    await wrongTries(user.email, ip, 5, now);
    const later = minutesAfter(now, 1);
    // One wrong try after the lock ends is an ordinary failure, not an instant relock.
    expect(await wrongTries(user.email, ip, 4, later)).toEqual(Array(4).fill({ ok: false, reason: "invalid" }));
    expect((await throttle(user.email, ip))?.failures).toBe(4);
    expect((await authenticate(t.db, policy, { login: user.email, password, ip }, later)).ok).toBe(true);
  });

  it("locks one address out of a login, not the others", async () => {
    const user = await seedUser();
    const now = new Date();
    await wrongTries(user.email, uniqueIp(), 5, now);
    expect((await authenticate(t.db, policy, { login: user.email, password, ip: uniqueIp() }, now)).ok).toBe(true);
  });

  it("locks every address of a login after 20 failures across addresses, but not the user's known device", async () => {
    const user = await seedUser();
    const now = new Date();
    const deviceToken = await rememberDevice(t.db, user.id, undefined, now);
    // Four addresses, four failures each, then four more from a fifth: the ceiling locks at the 20th.
    for (let i = 0; i < 4; i++) await wrongTries(user.email, uniqueIp(), 4, now);
    const fifth = await wrongTries(user.email, uniqueIp(), 4, now);
    expect(fifth.slice(0, 3)).toEqual(Array(3).fill({ ok: false, reason: "invalid" }));
    expect(fifth[3]).toEqual({ ok: false, reason: "locked", lockedUntil: minutesAfter(now, 1) });
    expect((await throttle(user.email, "*"))?.lockedUntil).toEqual(minutesAfter(now, 1));

    // A new address with the right password is refused, and its try doesn't count against it.
    const fresh = uniqueIp();
    expect(await authenticate(t.db, policy, { login: user.email, password, ip: fresh }, now)).toEqual(fifth[3]);
    expect((await throttle(user.email, fresh))?.failures).toBe(0);

    const fromDevice = await authenticate(t.db, policy, { login: user.email, password, ip: fresh, deviceToken }, now);
    expect(fromDevice.ok && fromDevice.user.id).toBe(user.id);
    // The device didn't lift the lock for everyone else.
    expect((await authenticate(t.db, policy, { login: user.email, password, ip: fresh }, now)).ok).toBe(false);
  });

  it("lets a known device sign in while an attacker's address is locked out", async () => {
    const user = await seedUser();
    const now = new Date();
    const ip = uniqueIp();
    const deviceToken = await rememberDevice(t.db, user.id, undefined, now);
    expect((await wrongTries(user.email, ip, 5, now))[4]).toMatchObject({ ok: false, reason: "locked" });
    expect((await authenticate(t.db, policy, { login: user.email, password, ip }, now)).ok).toBe(false);

    // Same address, but with the cookie: its own throttle.
    const signedIn = await authenticate(t.db, policy, { login: user.email, password, ip, deviceToken }, now);
    expect(signedIn.ok && signedIn.user.id).toBe(user.id);
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.sign_in")));
    expect(events.map((event) => event.details)).toEqual([{ via: "known device" }]);
  });

  it("treats another user's device cookie, or a made-up one, as no device at all", async () => {
    const user = await seedUser();
    const other = await seedUser();
    const now = new Date();
    const ip = uniqueIp();
    const othersToken = await rememberDevice(t.db, other.id, undefined, now);
    await wrongTries(user.email, ip, 5, now);
    for (const deviceToken of [othersToken, "made-up"]) {
      expect(await authenticate(t.db, policy, { login: user.email, password, ip, deviceToken }, now)).toMatchObject({ ok: false, reason: "locked" });
    }
  });

  it("locks a known device after 5 failures from it, apart from other sources", async () => {
    const user = await seedUser();
    const now = new Date();
    const ip = uniqueIp();
    const deviceToken = await rememberDevice(t.db, user.id, undefined, now);
    for (let i = 0; i < 5; i++) await authenticate(t.db, policy, { login: user.email, password: "000000", ip, deviceToken }, now);
    expect(await authenticate(t.db, policy, { login: user.email, password, ip, deviceToken }, now)).toMatchObject({ ok: false, reason: "locked" });
    // Device failures don't count towards the ceiling, nor lock the address.
    expect(await throttle(user.email, "*")).toBeUndefined();
    expect((await authenticate(t.db, policy, { login: user.email, password, ip }, now)).ok).toBe(true);
  });

  it("lets the right password in after the user's throttles are cleared (a password reset)", async () => {
    const user = await seedUser({ username: `user-${randomUUID()}` });
    const now = new Date();
    const ip = uniqueIp();
    await wrongTries(user.email, ip, 5, now);
    for (let i = 0; i < 4; i++) await wrongTries(user.username!, uniqueIp(), 5, now);
    expect((await throttle(user.username!, "*"))?.lockedUntil).not.toBeNull();

    await clearLockout(t.db, [user.email, user.username]);
    expect(await t.db.select().from(signInThrottles).where(eq(signInThrottles.login, user.email.toLowerCase()))).toEqual([]);
    expect(await t.db.select().from(signInThrottles).where(eq(signInThrottles.login, user.username!.toLowerCase()))).toEqual([]);
    expect((await authenticate(t.db, policy, { login: user.email, password, ip }, now)).ok).toBe(true);
  });

  it("finds users by email in any case and the administrator by username", async () => {
    const user = await seedUser({ email: "Mixed.Case@Example.com" });
    const ip = uniqueIp();
    for (const login of ["mixed.case@example.com", "MIXED.CASE@EXAMPLE.COM", "  Mixed.Case@Example.com  "]) {
      const result = await authenticate(t.db, policy, { login, password, ip });
      expect(result.ok && result.user.id).toBe(user.id);
    }
    for (const login of ["Admin", "admin", seededAdmin.email, seededAdmin.email.toUpperCase()]) {
      const result = await authenticate(t.db, policy, { login, password: seededAdmin.password, ip });
      expect(result.ok && result.user.username).toBe("Admin");
    }
  });

  it("refuses a deleted user with the right password", async () => {
    const user = await seedUser({ deletedAt: new Date() });
    const result = await authenticate(t.db, policy, { login: user.email, password, ip: uniqueIp() });
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("limits failures per IP, whichever account they are for", async () => {
    const ipPolicy: LockoutPolicy = { ...policy, ipMaxFailures: 3 };
    const victim = await seedUser();
    const other = await seedUser();
    const ip = uniqueIp();
    const now = new Date();
    await authenticate(t.db, ipPolicy, { login: victim.email, password: "000000", ip }, now);
    await authenticate(t.db, ipPolicy, { login: "unknown@example.com", password: "000000", ip }, now);
    expect(await authenticate(t.db, ipPolicy, { login: victim.email, password: "000001", ip }, now)).toEqual({ ok: false, reason: "invalid" });

    const limited = await authenticate(t.db, ipPolicy, { login: other.email, password, ip }, now);
    expect(limited).toEqual({ ok: false, reason: "ip_limited", retryAfter: minutesAfter(now, 15) });
    if (!limited.ok) expect(refusalMessage(limited, "America/Sao_Paulo")).toContain("network");
    // The refused try didn't reach the account's throttle.
    expect(await throttle(other.email, ip)).toBeUndefined();

    const elsewhere = await authenticate(t.db, ipPolicy, { login: other.email, password, ip: uniqueIp() }, now);
    expect(elsewhere.ok).toBe(true);

    // Failures older than the window no longer count.
    const later = minutesAfter(now, 16);
    expect((await authenticate(t.db, ipPolicy, { login: other.email, password, ip }, later)).ok).toBe(true);

    const limitedEvents = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "auth.ip_limited"), eq(auditEvents.ip, ip)));
    expect(limitedEvents).toHaveLength(1);
  });

  it("gives 20 concurrent wrong guesses from one source at most 5 comparisons", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate(t.db, policy, { login: user.email, password: String(100000 + i), ip })),
    );
    expect(results.every((result) => !result.ok)).toBe(true);
    expect(results.filter((result) => !result.ok && result.reason === "locked").length).toBeGreaterThanOrEqual(15);

    // Each comparison audits one "wrong password" failure: no more than the policy allows.
    const compared = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.sign_in_failed")));
    expect(compared).toHaveLength(policy.maxAttempts);
    const refused = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.sign_in_locked")));
    expect(refused).toHaveLength(20 - policy.maxAttempts);
    const row = (await throttle(user.email, ip))!;
    expect(row.failures).toBe(policy.maxAttempts);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

    const right = await authenticate(t.db, policy, { login: user.email, password, ip });
    expect(right.ok).toBe(false);
    if (!right.ok) expect(right.reason).toBe("locked");
  });

  it("records audit events for every outcome", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    await authenticate(t.db, policy, { login: user.email, password, ip });
    await wrongTries(user.email, ip, 6, new Date());
    await authenticate(t.db, policy, { login: "ghost@example.com", password, ip });

    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.ip, ip));
    const actions = new Set(events.map((event) => event.action));
    for (const action of ["auth.sign_in", "auth.sign_in_failed", "auth.account_locked", "auth.sign_in_locked"]) {
      expect(actions).toContain(action);
    }
    const signIn = events.find((event) => event.action === "auth.sign_in")!;
    expect(signIn).toMatchObject({ actorId: user.id, actorLabel: user.email, targetType: "user", targetId: user.id });
    const ghost = events.find((event) => event.actorLabel === "ghost@example.com")!;
    expect(ghost).toMatchObject({ action: "auth.sign_in_failed", actorId: null, targetId: null, details: { reason: "unknown login" } });
    // Audit details never carry the password that was tried.
    expect(JSON.stringify(events)).not.toContain(password);
    expect(JSON.stringify(events)).not.toContain("000000");
  });
});
