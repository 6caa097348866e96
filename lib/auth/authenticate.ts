import { and, count, eq, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loginAttempts, users, type User } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { verifyAgainstNobody, verifyPassword } from "./passwords";
import type { LockoutPolicy } from "./policy";

export type Credentials = { login: string; password: string; ip: string };

export type AuthenticationResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date }
  | { ok: false; reason: "ip_limited"; retryAfter: Date };

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

export function findActiveUserByLogin(db: Database, login: string) {
  const normalized = login.trim().toLowerCase();
  return db.query.users.findFirst({
    where: and(
      isNull(users.deletedAt),
      or(eq(sql`lower(${users.email})`, normalized), eq(sql`lower(${users.username})`, normalized)),
    ),
  });
}

/**
 * Checks a login and password with brute-force protection: per account, `maxAttempts`
 * consecutive failures lock it for `lockMinutes` (the right password is refused too);
 * per client IP, `ipMaxFailures` failures within `ipWindowMinutes` refuse further tries.
 */
export async function authenticate(
  db: Database,
  policy: LockoutPolicy,
  credentials: Credentials,
  now = new Date(),
): Promise<AuthenticationResult> {
  const { ip, password } = credentials;
  const login = credentials.login.trim();
  const record = async (userId: string | null, succeeded: boolean) => {
    await db.insert(loginAttempts).values({ ip, login, userId, succeeded, at: now });
  };
  const audit = (action: string, user: User | undefined, details: Record<string, unknown> = {}) =>
    recordAudit(db, {
      actor: { id: user?.id ?? null, label: user?.email ?? login, ip },
      action,
      targetType: user ? "user" : undefined,
      targetId: user?.id,
      details,
    });

  const windowStart = minutesAfter(now, -policy.ipWindowMinutes);
  const [{ failures }] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, windowStart)));
  if (failures >= policy.ipMaxFailures) {
    await audit("auth.ip_limited", undefined, { failures });
    return { ok: false, reason: "ip_limited", retryAfter: minutesAfter(now, policy.ipWindowMinutes) };
  }

  const user = await findActiveUserByLogin(db, login);
  if (!user) {
    await verifyAgainstNobody(password);
    await record(null, false);
    await audit("auth.sign_in_failed", undefined, { reason: "unknown login" });
    return { ok: false, reason: "invalid" };
  }

  // Reserve an attempt before comparing, atomically: concurrent guesses can't get more
  // than `maxAttempts` comparisons in before the lock, and an expired lock starts afresh.
  // `lte` binds `now` through the column's encoder: a bare Date in a sql`` template is not
  // serialized by the postgres-js driver and the query fails.
  const lockExpired = lte(users.lockedUntil, now);
  const [reserved] = await db
    .update(users)
    .set({
      failedAttempts: sql`case when ${lockExpired} then 1 else ${users.failedAttempts} + 1 end`,
      lockedUntil: sql`case when ${lockExpired} then null else ${users.lockedUntil} end`,
    })
    .where(
      and(
        eq(users.id, user.id),
        sql`((${users.lockedUntil} is null and ${users.failedAttempts} < ${policy.maxAttempts}) or ${lockExpired})`,
      ),
    )
    .returning({ attempt: users.failedAttempts });

  if (!reserved) {
    const lockedUntil = user.lockedUntil ?? minutesAfter(now, policy.lockMinutes);
    await record(user.id, false);
    await audit("auth.sign_in_locked", user, { lockedUntil: lockedUntil.toISOString() });
    return { ok: false, reason: "locked", lockedUntil };
  }

  if (await verifyPassword(password, user.passwordHash)) {
    await db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await record(user.id, true);
    await audit("auth.sign_in", user);
    return { ok: true, user: { ...user, failedAttempts: 0, lockedUntil: null } };
  }

  await record(user.id, false);
  if (reserved.attempt >= policy.maxAttempts) {
    const lockedUntil = minutesAfter(now, policy.lockMinutes);
    await db.update(users).set({ lockedUntil }).where(eq(users.id, user.id));
    await audit("auth.sign_in_failed", user, { reason: "wrong password", attempt: reserved.attempt });
    await audit("auth.account_locked", user, { lockedUntil: lockedUntil.toISOString() });
    return { ok: false, reason: "locked", lockedUntil };
  }
  await audit("auth.sign_in_failed", user, { reason: "wrong password", attempt: reserved.attempt });
  return { ok: false, reason: "invalid" };
}

/** The message a person sees for a refused sign-in; never says whether the login exists. */
export function refusalMessage(result: Exclude<AuthenticationResult, { ok: true }>): string {
  switch (result.reason) {
    case "invalid":
      return "Wrong login or password.";
    case "locked":
      return `This account is locked after too many failed attempts. Try again after ${formatTime(result.lockedUntil)}.`;
    case "ip_limited":
      return `Too many failed sign-in attempts from your network. Try again after ${formatTime(result.retryAfter)}.`;
  }
}

function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
