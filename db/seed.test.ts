import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { setupTestDatabase } from "@/test/database";
import { users } from "./schema";
import { demoUsers, seedDatabase, seededAdmin } from "./seed";

describe("seedDatabase", () => {
  const t = setupTestDatabase();

  it("creates the system administrator once, however often it runs", async () => {
    await seedDatabase(t.db, { demo: false, bcryptCost: 10 });
    await seedDatabase(t.db, { demo: false, bcryptCost: 10 });

    const all = await t.db.select().from(users);
    expect(all).toHaveLength(1);
    const [admin] = all;
    expect(admin).toMatchObject({
      username: "Admin",
      email: seededAdmin.email,
      role: "admin",
      isSystem: true,
      deletedAt: null,
      failedAttempts: 0,
    });
    expect(await verifyPassword("123999", admin.passwordHash)).toBe(true);
    expect(await verifyPassword("123998", admin.passwordHash)).toBe(false);
  });

  it("leaves an existing administrator as it is", async () => {
    await t.db.update(users).set({ name: "Renamed" }).where(eq(users.username, "Admin"));
    const [before] = await t.db.select().from(users).where(eq(users.username, "Admin"));
    await seedDatabase(t.db, { demo: false, bcryptCost: 10 });
    const [after] = await t.db.select().from(users).where(eq(users.username, "Admin"));
    expect(after).toEqual(before);
  });

  it("adds the demo users once with --demo", async () => {
    await seedDatabase(t.db, { demo: true, bcryptCost: 10 });
    await seedDatabase(t.db, { demo: true, bcryptCost: 10 });

    const emails = demoUsers.map((demo) => demo.email);
    const rows = await t.db.select().from(users).where(inArray(users.email, emails));
    expect(rows).toHaveLength(demoUsers.length);
    for (const demo of demoUsers) {
      const row = rows.find((candidate) => candidate.email === demo.email)!;
      expect(row).toMatchObject({ name: demo.name, role: demo.role, isSystem: false, username: null });
      expect(await verifyPassword(demo.password, row.passwordHash)).toBe(true);
    }
    const [{ admins }] = await t.db
      .select({ admins: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(users.isSystem, true));
    expect(admins).toBe(1);
    expect(await t.db.$count(users)).toBe(demoUsers.length + 1);
  });

  it("covers every role with the demo accounts", () => {
    expect(new Set(demoUsers.map((demo) => demo.role))).toEqual(new Set(["admin", "analyst", "customer"]));
    for (const demo of demoUsers) expect(demo.password).toMatch(/^\d{6}$/);
  });
});
