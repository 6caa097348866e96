import { createHash, randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens, users, type NewUser } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { issueApiToken, resolveApiToken } from "./tokens";

const t = setupTestDatabase();

async function seedUser(values: Partial<NewUser> = {}) {
  const [user] = await t.db
    .insert(users)
    .values({ name: "Token Holder", email: `holder-${randomUUID()}@example.com`, role: "analyst", passwordHash: "x", ...values })
    .returning();
  return user;
}

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

describe("API tokens", () => {
  let user: Awaited<ReturnType<typeof seedUser>>;
  beforeAll(async () => {
    user = await seedUser();
  });

  it("resolves an issued token to its user", async () => {
    const now = new Date();
    const issued = await issueApiToken(t.db, { userId: user.id, kind: "session", name: "sign-in", ttlMinutes: 60 }, now);
    expect(issued.token).toMatch(/^lw_[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toEqual(minutesAfter(now, 60));
    expect(await resolveApiToken(t.db, issued.token, now)).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
    });
  });

  it("stops resolving once expired", async () => {
    const now = new Date();
    const { token } = await issueApiToken(t.db, { userId: user.id, kind: "session", name: "short", ttlMinutes: 60 }, now);
    expect(await resolveApiToken(t.db, token, minutesAfter(now, 59))).not.toBeNull();
    expect(await resolveApiToken(t.db, token, minutesAfter(now, 60))).toBeNull();
    expect(await resolveApiToken(t.db, token, minutesAfter(now, 61))).toBeNull();
  });

  it("keeps a token without a lifetime valid", async () => {
    const { token, expiresAt } = await issueApiToken(t.db, { userId: user.id, kind: "personal", name: "ci", ttlMinutes: null });
    expect(expiresAt).toBeNull();
    expect((await resolveApiToken(t.db, token, minutesAfter(new Date(), 60 * 24 * 365)))?.id).toBe(user.id);
  });

  it("stops resolving once revoked", async () => {
    const { token } = await issueApiToken(t.db, { userId: user.id, kind: "personal", name: "revoke me", ttlMinutes: null });
    expect(await resolveApiToken(t.db, token)).not.toBeNull();
    await t.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.name, "revoke me"));
    expect(await resolveApiToken(t.db, token)).toBeNull();
  });

  it("doesn't resolve a deleted user's token", async () => {
    const doomed = await seedUser();
    const { token } = await issueApiToken(t.db, { userId: doomed.id, kind: "personal", name: "doomed", ttlMinutes: null });
    expect((await resolveApiToken(t.db, token))?.id).toBe(doomed.id);
    await t.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, doomed.id));
    expect(await resolveApiToken(t.db, token)).toBeNull();
  });

  it("doesn't resolve strings that were never issued", async () => {
    const { token } = await issueApiToken(t.db, { userId: user.id, kind: "session", name: "real", ttlMinutes: 60 });
    for (const candidate of [
      "",
      "lw_",
      "not-a-token",
      `lw_${randomBytes(32).toString("base64url")}`,
      token.slice(0, -1),
      token.slice(3),
      `${token}x`,
      token.toUpperCase(),
      `Bearer ${token}`,
    ]) {
      expect(await resolveApiToken(t.db, candidate)).toBeNull();
    }
  });

  it("stores only the token's SHA-256 hash", async () => {
    const { token } = await issueApiToken(t.db, { userId: user.id, kind: "personal", name: "hashed", ttlMinutes: null });
    const rows = await t.db.select().from(apiTokens);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(3));
    const row = rows.find((candidate) => candidate.name === "hashed")!;
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("issues a different token every time", async () => {
    const issued = await Promise.all(
      Array.from({ length: 5 }, () => issueApiToken(t.db, { userId: user.id, kind: "session", name: "many", ttlMinutes: 5 })),
    );
    expect(new Set(issued.map((entry) => entry.token)).size).toBe(5);
  });
});
