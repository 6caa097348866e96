import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { issueSignInTokens, refreshSignIn, refreshTokenDays } from "./refresh-tokens";
import { resolveApiToken } from "./tokens";

const t = setupTestDatabase();
const accessMinutes = 15;
let userId: string;

beforeAll(async () => {
  [{ id: userId }] = await t.db.insert(users).values({ name: "Rui Refresh", email: "rui@refresh.test", role: "customer", passwordHash: "x" }).returning({ id: users.id });
});

const bumpSessionVersion = () => t.db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));

describe("API sign-in refresh tokens", () => {
  it("issues a short-lived access token with a refresh token, and trades the refresh token for a new working pair", async () => {
    const now = new Date();
    const first = await issueSignInTokens(t.db, userId, accessMinutes, now);
    expect(first.expiresAt!.getTime() - now.getTime()).toBe(accessMinutes * 60_000);
    expect(first.refreshExpiresAt.getTime() - now.getTime()).toBe(refreshTokenDays * 24 * 60 * 60_000);
    expect(await resolveApiToken(t.db, first.token)).toMatchObject({ id: userId });

    const second = await refreshSignIn(t.db, first.refreshToken, accessMinutes);
    expect(second).not.toBeNull();
    expect(second!.token).not.toBe(first.token);
    expect(second!.refreshToken).not.toBe(first.refreshToken);
    expect(await resolveApiToken(t.db, second!.token)).toMatchObject({ id: userId });
    const third = await refreshSignIn(t.db, second!.refreshToken, accessMinutes);
    expect(await resolveApiToken(t.db, third!.token)).toMatchObject({ id: userId });
  });

  it("revokes the whole family, access tokens included, when a used refresh token is shown again", async () => {
    const first = await issueSignInTokens(t.db, userId, accessMinutes);
    const second = (await refreshSignIn(t.db, first.refreshToken, accessMinutes))!;
    const other = await issueSignInTokens(t.db, userId, accessMinutes);

    // A thief replays the first refresh token: refused, and the owner's current pair ends with it.
    expect(await refreshSignIn(t.db, first.refreshToken, accessMinutes)).toBeNull();
    expect(await resolveApiToken(t.db, first.token)).toBeNull();
    expect(await resolveApiToken(t.db, second.token)).toBeNull();
    expect(await refreshSignIn(t.db, second.refreshToken, accessMinutes)).toBeNull();
    // Another sign-in of the same user is another family, untouched.
    expect(await resolveApiToken(t.db, other.token)).toMatchObject({ id: userId });
    expect(await refreshSignIn(t.db, other.refreshToken, accessMinutes)).not.toBeNull();
  });

  it("renews once when the same refresh token is traded twice at once", async () => {
    const { refreshToken } = await issueSignInTokens(t.db, userId, accessMinutes);
    const renewed = await Promise.all([refreshSignIn(t.db, refreshToken, accessMinutes), refreshSignIn(t.db, refreshToken, accessMinutes)]);
    expect(renewed.filter(Boolean)).toHaveLength(1);
  });

  it("refuses an expired refresh token, a made-up one, and any after a password change, reset or new role", async () => {
    const old = await issueSignInTokens(t.db, userId, accessMinutes, new Date(Date.now() - (refreshTokenDays * 24 + 1) * 60 * 60_000));
    expect(await refreshSignIn(t.db, old.refreshToken, accessMinutes)).toBeNull();
    expect(await refreshSignIn(t.db, "lwr_made-up", accessMinutes)).toBeNull();
    expect(await refreshSignIn(t.db, "anything", accessMinutes)).toBeNull();

    const before = await issueSignInTokens(t.db, userId, accessMinutes);
    await bumpSessionVersion();
    expect(await refreshSignIn(t.db, before.refreshToken, accessMinutes)).toBeNull();
    const after = await issueSignInTokens(t.db, userId, accessMinutes);
    expect(await refreshSignIn(t.db, after.refreshToken, accessMinutes)).not.toBeNull();
  });

  it("refuses a deleted user's refresh token", async () => {
    const { refreshToken } = await issueSignInTokens(t.db, userId, accessMinutes);
    await t.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, userId));
    expect(await refreshSignIn(t.db, refreshToken, accessMinutes)).toBeNull();
  });
});
