import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { apiRefreshTokens, apiTokens, users } from "@/db/schema";
import { log } from "@/lib/log";
import { hashToken, issueApiToken } from "./tokens";

/** How long a refresh token works, unused. */
export const refreshTokenDays = 30;

const refreshPrefix = "lwr_";

export type SignInTokens = { token: string; expiresAt: Date | null; refreshToken: string; refreshExpiresAt: Date };

async function issuePair(db: Database, user: { id: string; sessionVersion: number }, familyId: string, accessMinutes: number, now: Date): Promise<SignInTokens> {
  const access = await issueApiToken(db, { userId: user.id, kind: "session", name: "API sign-in", ttlMinutes: accessMinutes }, now);
  const refreshToken = refreshPrefix + randomBytes(32).toString("base64url");
  const refreshExpiresAt = new Date(now.getTime() + refreshTokenDays * 24 * 60 * 60_000);
  await db.insert(apiRefreshTokens).values({
    familyId,
    userId: user.id,
    accessTokenId: access.id,
    sessionVersion: user.sessionVersion,
    tokenHash: hashToken(refreshToken),
    expiresAt: refreshExpiresAt,
  });
  return { token: access.token, expiresAt: access.expiresAt, refreshToken, refreshExpiresAt };
}

/** A signed-in user's short-lived access token and the refresh token that renews it: a new family. */
export async function issueSignInTokens(db: Database, userId: string, accessMinutes: number, now = new Date()): Promise<SignInTokens> {
  const [user] = await db.select({ id: users.id, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return issuePair(db, user, randomUUID(), accessMinutes, now);
}

/**
 * Trades a refresh token for a new pair of its family, once. A token already used, shown again,
 * means a copy is abroad: the whole family is revoked, the access tokens it issued included, and
 * the caller must sign in again. A token outlives neither its user nor a password change, reset or
 * new role (the session version it began under), just as sessions don't. Null when refused.
 */
export async function refreshSignIn(db: Database, refreshToken: string, accessMinutes: number, now = new Date()): Promise<SignInTokens | null> {
  if (!refreshToken.startsWith(refreshPrefix)) return null;
  const tokenHash = hashToken(refreshToken);
  const [spent] = await db
    .update(apiRefreshTokens)
    .set({ usedAt: now })
    .where(and(eq(apiRefreshTokens.tokenHash, tokenHash), isNull(apiRefreshTokens.usedAt), isNull(apiRefreshTokens.revokedAt), gt(apiRefreshTokens.expiresAt, now)))
    .returning({ familyId: apiRefreshTokens.familyId, userId: apiRefreshTokens.userId, sessionVersion: apiRefreshTokens.sessionVersion });
  if (!spent) {
    const [reused] = await db.select({ familyId: apiRefreshTokens.familyId, userId: apiRefreshTokens.userId }).from(apiRefreshTokens).where(eq(apiRefreshTokens.tokenHash, tokenHash));
    if (reused) {
      await revokeFamily(db, reused.familyId, now);
      log().warn({ userId: reused.userId }, "a used or revoked refresh token was shown again: its family is revoked");
    }
    return null;
  }
  const [user] = await db
    .select({ id: users.id, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.id, spent.userId), isNull(users.deletedAt), eq(users.sessionVersion, spent.sessionVersion)));
  if (!user) {
    await revokeFamily(db, spent.familyId, now);
    return null;
  }
  return issuePair(db, user, spent.familyId, accessMinutes, now);
}

async function revokeFamily(db: Database, familyId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(apiRefreshTokens).set({ revokedAt: now }).where(and(eq(apiRefreshTokens.familyId, familyId), isNull(apiRefreshTokens.revokedAt)));
    await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(isNull(apiTokens.revokedAt), sql`${apiTokens.id} in (select access_token_id from api_refresh_tokens where family_id = ${familyId})`));
  });
}
