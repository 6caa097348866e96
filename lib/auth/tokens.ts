import { and, count, desc, eq, isNull } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type postgres from "postgres";
import type { Database } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { Batcher } from "@/lib/batcher";
import { DomainError } from "@/lib/errors";
import type { Page } from "@/lib/paging";
import type { SessionUser } from "./session";

const tokenPrefix = "lw_";

/** How every secret token (API, refresh, password reset) is stored: its SHA-256, never itself. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type IssuedToken = { id: string; token: string; expiresAt: Date | null };

/** A bearer token for the API; only its hash is stored. */
export async function issueApiToken(
  db: Database,
  input: { userId: string; kind: "session" | "personal"; name: string; ttlMinutes: number | null },
  now = new Date(),
): Promise<IssuedToken> {
  const token = tokenPrefix + randomBytes(32).toString("base64url");
  const expiresAt = input.ttlMinutes === null ? null : new Date(now.getTime() + input.ttlMinutes * 60_000);
  const [{ id }] = await db
    .insert(apiTokens)
    .values({ userId: input.userId, kind: input.kind, name: input.name, tokenHash: hashToken(token), expiresAt })
    .returning({ id: apiTokens.id });
  return { id, token, expiresAt };
}

/** A token's user, and the token's id (what the API's rate limit counts by). */
export type ApiTokenUser = SessionUser & { tokenId: string };

type TokenLookup = { hash: string; at: Date };

/**
 * Every API call looks its token up, so the lookups of calls arriving together go as one
 * statement (see Batcher), one lot per pool. Each lot is sent after its calls arrived, so none is
 * answered from before a revocation it came after. A tagged query, which postgres.js prepares
 * once per connection, where drizzle's builder would have PostgreSQL parse and plan it anew each time.
 */
const lookups = Batcher.per((sql: postgres.Sql, items: TokenLookup[]): Promise<Array<ApiTokenUser | null>> =>
  sql`
    select k.n, u.id, u.name, u.email, u.role, t.id as token_id
    from unnest(${items.map((item) => item.hash)}::text[], ${items.map((item) => item.at.toISOString())}::text[]::timestamptz[]) with ordinality as k(hash, at, n)
    join api_tokens t on t.token_hash = k.hash and t.revoked_at is null and (t.expires_at is null or t.expires_at > k.at)
    join users u on u.id = t.user_id and u.deleted_at is null`.then((rows) => {
    const found = new Map(rows.map((row) => [Number(row.n), { id: row.id, name: row.name, email: row.email, role: row.role, tokenId: row.token_id } as ApiTokenUser]));
    return items.map((_, i) => found.get(i + 1) ?? null);
  }),
);

/** The active user a bearer token belongs to, or null when it is unknown, expired, revoked or its user deleted. */
export async function resolveApiToken(db: Database, token: string, now = new Date()): Promise<ApiTokenUser | null> {
  if (!token.startsWith(tokenPrefix)) return null;
  return lookups(db.$client).submit({ hash: hashToken(token), at: now });
}

export const personalTokenInputSchema = z.object({
  name: z.string().trim().min(1, "Name the token after what will use it.").max(100, "Use at most 100 characters."),
  expiresInDays: z.enum(["30", "90", "365", "never"], "Choose when the token expires."),
});
export type PersonalTokenInput = z.infer<typeof personalTokenInputSchema>;

/** A personal token the user made for a script or an integration; shown to them once, then only named. */
export async function createPersonalToken(db: Database, actor: Actor & { id: string }, input: PersonalTokenInput, now = new Date()): Promise<IssuedToken> {
  const ttlMinutes = input.expiresInDays === "never" ? null : Number(input.expiresInDays) * 24 * 60;
  const issued = await issueApiToken(db, { userId: actor.id, kind: "personal", name: input.name, ttlMinutes }, now);
  await recordAudit(db, { actor, action: "api_token.created", targetType: "user", targetId: actor.id, details: { name: input.name } });
  return issued;
}

export type PersonalToken = { id: string; name: string; createdAt: Date; expiresAt: Date | null };

/** The user's personal tokens not revoked, newest first, a page at a time (expired ones too, to tell them apart). */
export async function listPersonalTokens(db: Database, userId: string, page: Page): Promise<{ rows: PersonalToken[]; total: number }> {
  const where = and(eq(apiTokens.userId, userId), eq(apiTokens.kind, "personal"), isNull(apiTokens.revokedAt));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .where(where)
      .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
      .limit(page.size)
      .offset(page.index * page.size),
    db.select({ total: count() }).from(apiTokens).where(where),
  ]);
  return { rows, total };
}

/** Revokes one of the user's own personal tokens; anyone else's is NOT_FOUND, as if it didn't exist. */
export async function revokePersonalToken(db: Database, actor: Actor & { id: string }, tokenId: string): Promise<void> {
  const revoked = z.uuid().safeParse(tokenId).success
    ? await db
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id), eq(apiTokens.kind, "personal"), isNull(apiTokens.revokedAt)))
        .returning({ name: apiTokens.name })
    : [];
  if (revoked.length === 0) throw new DomainError("NOT_FOUND", "No such token.");
  await recordAudit(db, { actor, action: "api_token.revoked", targetType: "user", targetId: actor.id, details: { name: revoked[0].name } });
}
