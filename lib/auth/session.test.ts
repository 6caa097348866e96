import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { isStaff, resolveSessionUser } from "./session";

const t = setupTestDatabase();

async function seedUser() {
  const [user] = await t.db
    .insert(users)
    .values({ name: "Session Person", email: `session-${randomUUID()}@example.com`, role: "customer", passwordHash: "x" })
    .returning();
  return user;
}

describe("resolveSessionUser", () => {
  it("returns the user while the session version matches", async () => {
    const user = await seedUser();
    expect(user.sessionVersion).toBe(1);
    expect(await resolveSessionUser(t.db, { userId: user.id, sessionVersion: 1 })).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: "customer",
    });
  });

  it("reads the user fresh, so a changed role or name shows at once", async () => {
    const user = await seedUser();
    await t.db.update(users).set({ role: "analyst", name: "Promoted" }).where(eq(users.id, user.id));
    expect(await resolveSessionUser(t.db, { userId: user.id, sessionVersion: 1 })).toMatchObject({ role: "analyst", name: "Promoted" });
  });

  it("returns null after the session version is bumped", async () => {
    const user = await seedUser();
    await t.db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
    expect(await resolveSessionUser(t.db, { userId: user.id, sessionVersion: 1 })).toBeNull();
    expect((await resolveSessionUser(t.db, { userId: user.id, sessionVersion: 2 }))?.id).toBe(user.id);
  });

  it("returns null for a deleted user, even with the current version", async () => {
    const user = await seedUser();
    await t.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, user.id));
    expect(await resolveSessionUser(t.db, { userId: user.id, sessionVersion: 1 })).toBeNull();
  });

  it("returns null for an unknown user", async () => {
    expect(await resolveSessionUser(t.db, { userId: randomUUID(), sessionVersion: 1 })).toBeNull();
  });
});

describe("isStaff", () => {
  it("is true for admins and analysts only", () => {
    expect(isStaff("admin")).toBe(true);
    expect(isStaff("analyst")).toBe(true);
    expect(isStaff("customer")).toBe(false);
  });
});
