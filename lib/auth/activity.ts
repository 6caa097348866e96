import { and, count, eq, gt, gte, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loginAttempts, users } from "@/db/schema";

/** Sign-in figures for the staff dashboard: the last 24 hours, and accounts locked now. */
export async function signInActivity(db: Database, now = new Date()) {
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const recent = (succeeded: boolean) =>
    db
      .select({ value: count() })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.succeeded, succeeded), gte(loginAttempts.at, since)));
  const [[succeeded], [failed], [locked]] = await Promise.all([
    recent(true),
    recent(false),
    db
      .select({ value: count() })
      .from(users)
      .where(and(isNull(users.deletedAt), gt(users.lockedUntil, now))),
  ]);
  return { signIns: succeeded.value, failedSignIns: failed.value, lockedAccounts: locked.value };
}
