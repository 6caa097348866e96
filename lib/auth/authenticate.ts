import { and, count, eq, gte, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loginAttempts, users, type User } from "@/db/schema";
import { recordAudit, type AuditAction } from "@/lib/audit";
import { formatDateTime } from "@/lib/time";
import { findKnownDevice } from "./devices";
import { verifyAgainstNobody, verifyPassword } from "./passwords";
import type { LockoutPolicy } from "./lockout";
import {
  everySource,
  lock,
  lockedUntil,
  normalizeLogin,
  releaseAttempt,
  reserveAttempt,
  resetCeilingCount,
  resetSource,
  type ThrottleKey,
} from "./throttle";

/** `deviceToken`: the `lw_device` cookie sent with the attempt, if any. */
export type Credentials = { login: string; password: string; ip: string; deviceToken?: string };

export type AuthenticationResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date }
  | { ok: false; reason: "ip_limited"; retryAfter: Date };

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

export function findActiveUserByLogin(db: Database, login: string) {
  const normalized = normalizeLogin(login);
  return db.query.users.findFirst({
    where: and(
      isNull(users.deletedAt),
      or(eq(sql`lower(${users.email})`, normalized), eq(sql`lower(${users.username})`, normalized)),
    ),
  });
}

/**
 * Checks a login and password with brute-force protection, answering an unknown login exactly as
 * a known one (same results, same queries, one bcrypt comparison or none):
 * - per (login, source), `maxAttempts` consecutive failures lock that source out of that login for
 *   1 minute, each later lock twice as long, up to `lockMinutes`; the right password is refused too.
 *   The source is a known device of the login's user (its `lw_device` cookie) or else the client IP,
 *   so a stranger's failures never lock the owner's own browser;
 * - per login, all non-device sources together get `4 × maxAttempts` consecutive failures before
 *   they are locked (progressively too), so rotating addresses doesn't buy unlimited guesses;
 * - per client IP, `ipMaxFailures` failures within `ipWindowMinutes` refuse further tries.
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
  const audit = (action: AuditAction, user: User | undefined, details: Record<string, unknown> = {}) =>
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
  const device = await findKnownDevice(db, credentials.deviceToken, user?.id);
  const key = normalizeLogin(login);
  const source: ThrottleKey = { login: key, source: device ? `device:${device.id}` : ip };
  const ceiling: ThrottleKey | undefined = device ? undefined : { login: key, source: everySource };
  const ceilingMax = 4 * policy.maxAttempts;
  const via = device ? "known device" : "address";

  const refuse = async (by: ThrottleKey): Promise<AuthenticationResult> => {
    const until = await lockedUntil(db, by, policy.lockMinutes, now);
    await record(user?.id ?? null, false);
    await audit("auth.sign_in_locked", user, { lockedUntil: until.toISOString(), via: by.source === everySource ? "any address" : via });
    return { ok: false, reason: "locked", lockedUntil: until };
  };

  const reserved = await reserveAttempt(db, source, policy.maxAttempts, now);
  if (!reserved) return refuse(source);
  const reservedCeiling = ceiling && (await reserveAttempt(db, ceiling, ceilingMax, now));
  if (ceiling && !reservedCeiling) {
    await releaseAttempt(db, source);
    return refuse(ceiling);
  }

  const matches = user ? await verifyPassword(password, user.passwordHash) : (await verifyAgainstNobody(password), false);
  if (user && matches) {
    await resetSource(db, source);
    if (ceiling) await resetCeilingCount(db, key);
    await record(user.id, true);
    await audit("auth.sign_in", user, { via });
    return { ok: true, user };
  }

  await record(user?.id ?? null, false);
  await audit("auth.sign_in_failed", user, { reason: user ? "wrong password" : "unknown login", attempt: reserved.failures, via });
  const sourceLocked = reserved.failures >= policy.maxAttempts;
  const ceilingLocked = reservedCeiling !== undefined && reservedCeiling.failures >= ceilingMax;
  if (!sourceLocked && !ceilingLocked) return { ok: false, reason: "invalid" };
  const locks = [
    sourceLocked ? await lock(db, source, policy.lockMinutes, now) : undefined,
    ceilingLocked && ceiling ? await lock(db, ceiling, policy.lockMinutes, now) : undefined,
  ].filter((date) => date !== undefined);
  const until = new Date(Math.max(...locks.map((date) => date.getTime())));
  await audit("auth.account_locked", user, { lockedUntil: until.toISOString(), via: ceilingLocked ? "any address" : via });
  return { ok: false, reason: "locked", lockedUntil: until };
}

/** The message a person sees for a refused sign-in, its time in `timeZone`; never says whether the login exists. */
export function refusalMessage(result: Exclude<AuthenticationResult, { ok: true }>, timeZone: string): string {
  switch (result.reason) {
    case "invalid":
      return "Wrong login or password.";
    case "locked":
      return `This account is locked after too many failed attempts. Try again after ${formatDateTime(result.lockedUntil, timeZone)}.`;
    case "ip_limited":
      return `Too many failed sign-in attempts from your network. Try again after ${formatDateTime(result.retryAfter, timeZone)}.`;
  }
}
