import type { Database } from "@/db/client";

/**
 * Sign-in figures for the staff dashboard: the last 24 hours, and accounts locked now (for sign-ins
 * from unknown sources: the `*` throttle of their email or username). One statement, as the
 * dashboard runs it on every visit.
 */
export async function signInActivity(db: Database, now = new Date()) {
  // Sent as ISO text: drizzle turns off postgres.js's date serializer on the client it wraps.
  const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const [row] = await db.$client`
    select
      (select count(*)::int from login_attempts where succeeded and at >= ${since.toISOString()}::timestamptz) as sign_ins,
      (select count(*)::int from login_attempts where not succeeded and at >= ${since.toISOString()}::timestamptz) as failed_sign_ins,
      (select count(*)::int from users u where u.deleted_at is null and exists (
        select 1 from sign_in_throttles s
        where s.source = '*' and s.login in (lower(u.email), lower(u.username)) and s.locked_until > ${now.toISOString()}::timestamptz
      )) as locked_accounts`;
  return { signIns: row.sign_ins as number, failedSignIns: row.failed_sign_ins as number, lockedAccounts: row.locked_accounts as number };
}
