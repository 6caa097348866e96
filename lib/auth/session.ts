import type { Database } from "@/db/client";
import type { UserRole } from "@/db/schema";

export type SessionUser = { id: string; name: string; email: string; role: UserRole };

/** What a session cookie carries: enough to find the user and tell a revoked session. */
export type SessionClaims = { userId: string; sessionVersion: number };

/**
 * The user behind a session, read fresh from the database on every request, so a
 * deleted user or a reset password ends existing sessions at once.
 */
export async function resolveSessionUser(db: Database, claims: SessionClaims): Promise<SessionUser | null> {
  // Every signed-in page runs this: a tagged query, prepared once per connection (see resolveApiToken).
  const [user] = await db.$client`
    select id, name, email, role, session_version from users where id = ${claims.userId} and deleted_at is null`;
  if (!user || user.session_version !== claims.sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

export const staffRoles: readonly UserRole[] = ["admin", "analyst"];

export function isStaff(role: UserRole): boolean {
  return staffRoles.includes(role);
}
