import type { Database } from "@/db/client";
import type { UserRole } from "@/db/schema";

export type SessionUser = { id: string; name: string; email: string; role: UserRole };

/** What a session cookie carries: enough to find the user and its server-side session. */
export type SessionClaims = { userId: string; sessionId: string; sessionVersion: number };

/** A new server-side session for a cookie sign-in; its id goes into the cookie. */
export async function startSession(db: Database, userId: string): Promise<string> {
  const [row] = await db.$client`insert into user_sessions (user_id) values (${userId}) returning id`;
  return row.id;
}

/** Ends one session on the server: a copy of its cookie opens nothing from now on. */
export async function endSession(db: Database, claims: Pick<SessionClaims, "userId" | "sessionId">): Promise<void> {
  await db.$client`update user_sessions set revoked_at = now() where id = ${claims.sessionId} and user_id = ${claims.userId} and revoked_at is null`;
}

/**
 * The user behind a session, read fresh from the database on every request: a session signed
 * out, or a user deleted or whose sessions were all ended (session_version), resolves to null.
 */
export async function resolveSessionUser(db: Database, claims: SessionClaims): Promise<SessionUser | null> {
  // Every signed-in page runs this: one tagged query, prepared once per connection (see resolveApiToken).
  const [user] = await db.$client`
    select u.id, u.name, u.email, u.role, u.session_version from users u
    join user_sessions s on s.user_id = u.id and s.id = ${claims.sessionId} and s.revoked_at is null
    where u.id = ${claims.userId} and u.deleted_at is null`;
  if (!user || user.session_version !== claims.sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

export const staffRoles: readonly UserRole[] = ["admin", "analyst"];

export function isStaff(role: UserRole): boolean {
  return staffRoles.includes(role);
}
