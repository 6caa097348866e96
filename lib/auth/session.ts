import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type UserRole } from "@/db/schema";

export type SessionUser = { id: string; name: string; email: string; role: UserRole };

/** What a session cookie carries: enough to find the user and tell a revoked session. */
export type SessionClaims = { userId: string; sessionVersion: number };

/**
 * The user behind a session, read fresh from the database on every request, so a
 * deleted user or a reset password ends existing sessions at once.
 */
export async function resolveSessionUser(db: Database, claims: SessionClaims): Promise<SessionUser | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, claims.userId), isNull(users.deletedAt)));
  if (!user || user.sessionVersion !== claims.sessionVersion) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

export const staffRoles: readonly UserRole[] = ["admin", "analyst"];

export function isStaff(role: UserRole): boolean {
  return staffRoles.includes(role);
}
