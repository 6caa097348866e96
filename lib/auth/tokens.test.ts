import { createHash, randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens, users, type NewUser } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { createPersonalToken, issueApiToken, listPersonalTokens, resolveApiToken, revokePersonalToken } from "./tokens";

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
      tokenId: expect.any(String),
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

  it("answers each of many lookups made at once with its own token's user, as one statement does them together", async () => {
    const now = new Date();
    const holders = await Promise.all(Array.from({ length: 12 }, () => seedUser()));
    const issued = await Promise.all(holders.map((holder) => issueApiToken(t.db, { userId: holder.id, kind: "session", name: "many", ttlMinutes: 60 }, now)));
    await t.db.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, issued[3].id));
    await t.db.update(users).set({ deletedAt: now }).where(eq(users.id, holders[7].id));

    // Twice each, in shuffled order, with one token asked as of after its expiry and one never
    // issued: the first goes alone, the rest wait for it and go in groups.
    const asks = [...issued.keys(), ...issued.keys()].sort((a, b) => ((a * 7 + 3) % 12) - ((b * 7 + 3) % 12));
    const answers = await Promise.all([
      ...asks.map((i) => resolveApiToken(t.db, issued[i].token, now)),
      resolveApiToken(t.db, issued[0].token, minutesAfter(now, 61)),
      resolveApiToken(t.db, `lw_${randomBytes(32).toString("base64url")}`, now),
    ]);
    expect(answers.slice(0, asks.length).map((answer) => answer?.id ?? null)).toEqual(asks.map((i) => (i === 3 || i === 7 ? null : holders[i].id)));
    expect(answers.slice(0, asks.length).map((answer) => answer?.tokenId ?? null)).toEqual(asks.map((i) => (i === 3 || i === 7 ? null : issued[i].id)));
    expect(answers.slice(asks.length)).toEqual([null, null]);
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

describe("personal API tokens", () => {
  const firstPage = { index: 0, size: 25 };
  const actorFor = (user: { id: string; email: string }) => ({ id: user.id, label: user.email, ip: null });

  it("lists a user's own personal tokens, newest first, without sign-in tokens", async () => {
    const owner = await seedUser({ role: "customer" });
    const other = await seedUser({ role: "customer" });
    const now = new Date();
    await createPersonalToken(t.db, actorFor(owner), { name: "older", expiresInDays: "never" }, minutesAfter(now, -5));
    await createPersonalToken(t.db, actorFor(owner), { name: "newer", expiresInDays: "30" }, now);
    await issueApiToken(t.db, { userId: owner.id, kind: "session", name: "API sign-in", ttlMinutes: 60 });
    await createPersonalToken(t.db, actorFor(other), { name: "someone else's", expiresInDays: "never" });

    const { rows, total } = await listPersonalTokens(t.db, owner.id, firstPage);
    expect(total).toBe(2);
    expect(rows.map((row) => row.name)).toEqual(["newer", "older"]);
    expect(rows[0].expiresAt).toEqual(minutesAfter(now, 30 * 24 * 60));
    expect(rows[1].expiresAt).toBeNull();
    expect(JSON.stringify(rows)).not.toContain("tokenHash");
  });

  it("pages the list", async () => {
    const owner = await seedUser();
    for (const name of ["a", "b", "c"]) await createPersonalToken(t.db, actorFor(owner), { name, expiresInDays: "90" });
    const second = await listPersonalTokens(t.db, owner.id, { index: 1, size: 2 });
    expect(second.total).toBe(3);
    expect(second.rows).toHaveLength(1);
  });

  it("issues a working token and stops it once its owner revokes it", async () => {
    const owner = await seedUser({ role: "customer" });
    const { token } = await createPersonalToken(t.db, actorFor(owner), { name: "script", expiresInDays: "365" });
    expect((await resolveApiToken(t.db, token))?.id).toBe(owner.id);
    const [listed] = (await listPersonalTokens(t.db, owner.id, firstPage)).rows;

    await revokePersonalToken(t.db, actorFor(owner), listed.id);
    expect(await resolveApiToken(t.db, token)).toBeNull();
    expect((await listPersonalTokens(t.db, owner.id, firstPage)).total).toBe(0);
    await expect(revokePersonalToken(t.db, actorFor(owner), listed.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to revoke another user's token, which keeps working", async () => {
    const owner = await seedUser({ role: "customer" });
    const intruder = await seedUser({ role: "customer" });
    const { token } = await createPersonalToken(t.db, actorFor(owner), { name: "mine", expiresInDays: "never" });
    const [listed] = (await listPersonalTokens(t.db, owner.id, firstPage)).rows;

    await expect(revokePersonalToken(t.db, actorFor(intruder), listed.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokePersonalToken(t.db, actorFor(intruder), "not-a-uuid")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listPersonalTokens(t.db, intruder.id, firstPage)).total).toBe(0);
    expect((await resolveApiToken(t.db, token))?.id).toBe(owner.id);
  });

  it("doesn't let the revoke of a personal token end a sign-in token", async () => {
    const owner = await seedUser();
    await issueApiToken(t.db, { userId: owner.id, kind: "session", name: "API sign-in", ttlMinutes: 60 });
    const [session] = await t.db.select().from(apiTokens).where(eq(apiTokens.userId, owner.id));
    await expect(revokePersonalToken(t.db, actorFor(owner), session.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
