import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { issueApiToken, resolveApiToken } from "./tokens";
import { endSession, isStaff, resolveSessionUser, startSession } from "./session";
import { deleteUser, updateUser } from "@/lib/users";

const t = setupTestDatabase();
const admin = { id: null, label: "test", ip: null };

async function signedIn() {
  const [user] = await t.db
    .insert(users)
    .values({ name: "Session Person", email: `session-${randomUUID()}@example.com`, role: "customer", passwordHash: "x" })
    .returning();
  const claims = { userId: user.id, sessionId: await startSession(t.db, user.id), sessionVersion: user.sessionVersion };
  return { user, claims };
}

describe("resolveSessionUser", () => {
  it("returns the user while the session is live and its version matches", async () => {
    const { user, claims } = await signedIn();
    expect(user.sessionVersion).toBe(1);
    expect(await resolveSessionUser(t.db, claims)).toEqual({ id: user.id, name: user.name, email: user.email, role: "customer" });
  });

  it("reads the user fresh, so a changed name shows at once", async () => {
    const { user, claims } = await signedIn();
    await t.db.update(users).set({ name: "Renamed" }).where(eq(users.id, user.id));
    expect(await resolveSessionUser(t.db, claims)).toMatchObject({ name: "Renamed" });
  });

  it("ends the signed-out session on the server, and only that one", async () => {
    const { user, claims } = await signedIn();
    const otherDevice = { ...claims, sessionId: await startSession(t.db, user.id) };
    await endSession(t.db, claims);
    expect(await resolveSessionUser(t.db, claims)).toBeNull();
    expect((await resolveSessionUser(t.db, otherDevice))?.id).toBe(user.id);
  });

  it("won't let one user end another's session", async () => {
    const mine = await signedIn();
    const theirs = await signedIn();
    await endSession(t.db, { userId: mine.user.id, sessionId: theirs.claims.sessionId });
    expect(await resolveSessionUser(t.db, theirs.claims)).not.toBeNull();
  });

  it("refuses a session id that isn't the user's, or doesn't exist", async () => {
    const mine = await signedIn();
    const theirs = await signedIn();
    expect(await resolveSessionUser(t.db, { ...mine.claims, sessionId: theirs.claims.sessionId })).toBeNull();
    expect(await resolveSessionUser(t.db, { ...mine.claims, sessionId: randomUUID() })).toBeNull();
    expect(await resolveSessionUser(t.db, { ...mine.claims, userId: randomUUID() })).toBeNull();
  });

  it("returns null after the session version is bumped", async () => {
    const { user, claims } = await signedIn();
    await t.db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
    expect(await resolveSessionUser(t.db, claims)).toBeNull();
  });

  it("ends every session and API sign-in of a user whose role changes; personal tokens act with the new role", async () => {
    const { user, claims } = await signedIn();
    const apiSignIn = await issueApiToken(t.db, { userId: user.id, kind: "session", name: "API sign-in", ttlMinutes: 60 });
    const personal = await issueApiToken(t.db, { userId: user.id, kind: "personal", name: "script", ttlMinutes: null });
    await updateUser(t.db, admin, user.id, { role: "analyst" });
    expect(await resolveSessionUser(t.db, claims)).toBeNull();
    expect(await resolveApiToken(t.db, apiSignIn.token)).toBeNull();
    expect(await resolveApiToken(t.db, personal.token)).toMatchObject({ id: user.id, role: "analyst" });
  });

  it("keeps sessions when something other than the role changes", async () => {
    const { user, claims } = await signedIn();
    await updateUser(t.db, admin, user.id, { name: "Only The Name" });
    expect(await resolveSessionUser(t.db, claims)).toMatchObject({ name: "Only The Name" });
  });

  it("ends every session and token of a deleted user", async () => {
    const { user, claims } = await signedIn();
    const personal = await issueApiToken(t.db, { userId: user.id, kind: "personal", name: "script", ttlMinutes: null });
    await deleteUser(t.db, admin, user.id);
    expect(await resolveSessionUser(t.db, claims)).toBeNull();
    expect(await resolveApiToken(t.db, personal.token)).toBeNull();
  });
});

describe("isStaff", () => {
  it("is true for admins and analysts only", () => {
    expect(isStaff("admin")).toBe(true);
    expect(isStaff("analyst")).toBe(true);
    expect(isStaff("customer")).toBe(false);
  });
});
