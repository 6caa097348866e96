import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, loginAttempts, users, type NewUser } from "@/db/schema";
import { seedDatabase, seededAdmin } from "@/db/seed";
import { setupTestDatabase } from "@/test/database";
import { authenticate, refusalMessage } from "./authenticate";
import { hashPassword } from "./passwords";
import type { LockoutPolicy } from "./policy";

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

const reload = async (id: string) => (await t.db.query.users.findFirst({ where: eq(users.id, id) }))!;

const auditActions = async (userId: string) =>
  (await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, userId))).map((event) => event.action);

beforeAll(async () => {
  passwordHash = await hashPassword(password, 10);
  await seedDatabase(t.db, { bcryptCost: 10 });
});

describe("authenticate", () => {
  it("signs in with the right password and resets the failure counter", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    expect(await authenticate(t.db, policy, { login: user.email, password: "000000", ip })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(t.db, policy, { login: user.email, password: "111111", ip })).toEqual({ ok: false, reason: "invalid" });
    expect((await reload(user.id)).failedAttempts).toBe(2);

    const result = await authenticate(t.db, policy, { login: user.email, password, ip });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.user.id).toBe(user.id);
      expect(result.user.failedAttempts).toBe(0);
    }
    const after = await reload(user.id);
    expect(after.failedAttempts).toBe(0);
    expect(after.lockedUntil).toBeNull();

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
    if (!unknown.ok) expect(refusalMessage(unknown)).toBe("Wrong login or password.");
  });

  it("locks the account for 15 minutes after 5 failures, refusing even the right password", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 1; i <= 4; i++) {
      expect(await authenticate(t.db, policy, { login: user.email, password: "000000", ip }, now)).toEqual({ ok: false, reason: "invalid" });
    }
    const fifth = await authenticate(t.db, policy, { login: user.email, password: "000000", ip }, now);
    expect(fifth).toEqual({ ok: false, reason: "locked", lockedUntil: minutesAfter(now, 15) });

    const right = await authenticate(t.db, policy, { login: user.email, password, ip }, minutesAfter(now, 1));
    expect(right.ok).toBe(false);
    if (!right.ok) {
      expect(right.reason).toBe("locked");
      if (right.reason === "locked") {
        expect(right.lockedUntil.getTime()).toBe(minutesAfter(now, 15).getTime());
        expect(refusalMessage(right)).toContain("locked");
      }
    }
    const locked = await reload(user.id);
    expect(locked.lockedUntil?.getTime()).toBe(minutesAfter(now, 15).getTime());

    // Still locked just before it ends.
    const almost = await authenticate(t.db, policy, { login: user.email, password, ip }, minutesAfter(now, 14.9));
    expect(almost.ok).toBe(false);

    const actions = await auditActions(user.id);
    expect(actions.filter((action) => action === "auth.sign_in_failed")).toHaveLength(5);
    expect(actions.filter((action) => action === "auth.account_locked")).toHaveLength(1);
    expect(actions.filter((action) => action === "auth.sign_in_locked")).toHaveLength(2);
    expect(actions).not.toContain("auth.sign_in");
  });

  it("lets the right password in once the lock has expired, starting the count afresh", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 0; i < 5; i++) await authenticate(t.db, policy, { login: user.email, password: "000000", ip }, now);
    expect((await reload(user.id)).lockedUntil).not.toBeNull();

    const later = minutesAfter(now, 16);
    const result = await authenticate(t.db, policy, { login: user.email, password, ip }, later);
    expect(result.ok).toBe(true);
    const after = await reload(user.id);
    expect(after.failedAttempts).toBe(0);
    expect(after.lockedUntil).toBeNull();
  });

  it("gives a fresh set of attempts after an expired lock, not a single one", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    const now = new Date();
    for (let i = 0; i < 5; i++) await authenticate(t.db, policy, { login: user.email, password: "000000", ip }, now);
    const later = minutesAfter(now, 16);
    // One wrong try after the lock ends is an ordinary failure, not an instant relock.
    expect(await authenticate(t.db, policy, { login: user.email, password: "000000", ip }, later)).toEqual({ ok: false, reason: "invalid" });
    expect((await reload(user.id)).failedAttempts).toBe(1);
    expect((await authenticate(t.db, policy, { login: user.email, password, ip }, later)).ok).toBe(true);
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
    if (!limited.ok) expect(refusalMessage(limited)).toContain("network");
    // The refused try didn't reach the account.
    expect((await reload(other.id)).failedAttempts).toBe(0);

    const elsewhere = await authenticate(t.db, ipPolicy, { login: other.email, password, ip: uniqueIp() }, now);
    expect(elsewhere.ok).toBe(true);

    // Failures older than the window no longer count.
    const later = minutesAfter(now, 16);
    expect((await authenticate(t.db, ipPolicy, { login: other.email, password, ip }, later)).ok).toBe(true);

    const limitedEvents = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "auth.ip_limited"), eq(auditEvents.ip, ip)));
    expect(limitedEvents).toHaveLength(1);
  });

  it("locks the account under concurrent wrong guesses without extra comparisons", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        authenticate(t.db, policy, { login: user.email, password: String(100000 + i), ip }),
      ),
    );
    expect(results.every((result) => !result.ok)).toBe(true);
    expect(results.filter((result) => !result.ok && result.reason === "locked").length).toBeGreaterThanOrEqual(5);

    const after = await reload(user.id);
    expect(after.lockedUntil).not.toBeNull();
    expect(after.lockedUntil!.getTime()).toBeGreaterThan(Date.now());

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
    expect(refused).toHaveLength(10 - policy.maxAttempts);
    expect(after.failedAttempts).toBe(policy.maxAttempts);

    const right = await authenticate(t.db, policy, { login: user.email, password, ip });
    expect(right.ok).toBe(false);
    if (!right.ok) expect(right.reason).toBe("locked");
  });

  it("records audit events for every outcome", async () => {
    const user = await seedUser();
    const ip = uniqueIp();
    await authenticate(t.db, policy, { login: user.email, password, ip });
    for (let i = 0; i < 6; i++) await authenticate(t.db, policy, { login: user.email, password: "000000", ip });
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
