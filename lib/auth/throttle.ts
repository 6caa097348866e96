import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { signInThrottles, users } from "@/db/schema";

/** The source whose row caps the failures of all non-device sources of one login together. */
export const everySource = "*";

export type ThrottleKey = { login: string; source: string };

/** The text a throttle is keyed on: the login as typed, trimmed and lower-cased, known or not. */
export const normalizeLogin = (login: string) => login.trim().toLowerCase();

const keyIs = (key: ThrottleKey) => and(eq(signInThrottles.login, key.login), eq(signInThrottles.source, key.source));

/**
 * Reserves one attempt for `key` before the password is compared, in one statement: concurrent
 * guesses can't get more than `maxFailures` comparisons in before the lock, and an expired lock
 * starts a fresh count (its lock count stays, so the next lock is longer). Undefined when locked.
 * `lte` binds `now` through the column's encoder: a bare Date in a sql`` template is not
 * serialized by the postgres-js driver.
 */
export async function reserveAttempt(db: Database, key: ThrottleKey, maxFailures: number, now: Date) {
  const lockExpired = lte(signInThrottles.lockedUntil, now);
  const [reserved] = await db
    .insert(signInThrottles)
    .values({ ...key, failures: 1, lockCount: 0, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: [signInThrottles.login, signInThrottles.source],
      set: {
        failures: sql`case when ${lockExpired} then 1 else ${signInThrottles.failures} + 1 end`,
        lockedUntil: sql`case when ${lockExpired} then null else ${signInThrottles.lockedUntil} end`,
        updatedAt: now,
      },
      setWhere: sql`((${signInThrottles.lockedUntil} is null and ${signInThrottles.failures} < ${maxFailures}) or ${lockExpired})`,
    })
    .returning({ failures: signInThrottles.failures });
  return reserved as { failures: number } | undefined;
}

/** Gives back a reservation that never reached a comparison (another throttle refused it). */
export async function releaseAttempt(db: Database, key: ThrottleKey) {
  await db
    .update(signInThrottles)
    .set({ failures: sql`greatest(${signInThrottles.failures} - 1, 0)` })
    .where(keyIs(key));
}

/** Locks `key` for twice as long as its previous lock, from one minute up to `capMinutes`. */
export async function lock(db: Database, key: ThrottleKey, capMinutes: number, now: Date): Promise<Date> {
  const [locked] = await db
    .update(signInThrottles)
    .set({
      lockCount: sql`${signInThrottles.lockCount} + 1`,
      lockedUntil: sql`${now.toISOString()}::timestamptz + least(power(2, ${signInThrottles.lockCount}), ${capMinutes}) * interval '1 minute'`,
      updatedAt: now,
    })
    .where(keyIs(key))
    .returning({ lockedUntil: signInThrottles.lockedUntil });
  return locked.lockedUntil!;
}

/** When a refused attempt may try again: the lock's end, or (while the lock is being set) the next lock's. */
export async function lockedUntil(db: Database, key: ThrottleKey, capMinutes: number, now: Date): Promise<Date> {
  const row = await db.query.signInThrottles.findFirst({ where: keyIs(key) });
  if (row?.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
  return new Date(now.getTime() + Math.min(2 ** (row?.lockCount ?? 0), capMinutes) * 60_000);
}

/** After a success: the source starts afresh. */
export async function resetSource(db: Database, key: ThrottleKey) {
  await db.delete(signInThrottles).where(keyIs(key));
}

/** After a success from a non-device source: the ceiling's count starts afresh, its lock count stays. */
export async function resetCeilingCount(db: Database, login: string) {
  await db.update(signInThrottles).set({ failures: 0 }).where(keyIs({ login, source: everySource }));
}

/** Every throttle of these logins (a user's email and username), from every source: a reset password gets through. */
export async function clearLockout(db: Pick<Database, "delete">, logins: readonly (string | null)[]) {
  const keys = logins.filter((login): login is string => !!login).map(normalizeLogin);
  if (keys.length > 0) await db.delete(signInThrottles).where(inArray(signInThrottles.login, keys));
}

/**
 * When a user's email or username is locked for sources that aren't a known device of theirs
 * (the `*` row), as a column of a query on `users`; null when never locked.
 */
export const ceilingLockedUntil = () =>
  sql<Date | null>`(select max(${signInThrottles.lockedUntil}) from ${signInThrottles} where ${signInThrottles.source} = ${everySource} and ${signInThrottles.login} in (lower(${users.email}), lower(${users.username})))`.mapWith(
    signInThrottles.lockedUntil,
  );
