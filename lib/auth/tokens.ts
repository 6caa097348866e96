import { and, eq, gt, isNull, or } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { SessionUser } from "./session";

const tokenPrefix = "lw_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type IssuedToken = { token: string; expiresAt: Date | null };

/** A bearer token for the API; only its hash is stored. */
export async function issueApiToken(
  db: Database,
  input: { userId: string; kind: "session" | "personal"; name: string; ttlMinutes: number | null },
  now = new Date(),
): Promise<IssuedToken> {
  const token = tokenPrefix + randomBytes(32).toString("base64url");
  const expiresAt = input.ttlMinutes === null ? null : new Date(now.getTime() + input.ttlMinutes * 60_000);
  await db.insert(apiTokens).values({
    userId: input.userId,
    kind: input.kind,
    name: input.name,
    tokenHash: hashToken(token),
    expiresAt,
  });
  return { token, expiresAt };
}

/** The active user a bearer token belongs to, or null when it is unknown, expired, revoked or its user deleted. */
export async function resolveApiToken(db: Database, token: string, now = new Date()): Promise<SessionUser | null> {
  if (!token.startsWith(tokenPrefix)) return null;
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
        isNull(users.deletedAt),
      ),
    );
  return row ?? null;
}
