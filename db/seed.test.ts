import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/passwords";
import { setupTestDatabase } from "@/test/database";
import { users } from "./schema";
import { seedDatabase, seededAdmin } from "./seed";

describe("seedDatabase", () => {
  const t = setupTestDatabase();

  it("creates the system administrator once, however often it runs", async () => {
    await seedDatabase(t.db, { bcryptCost: 10 });
    await seedDatabase(t.db, { bcryptCost: 10 });

    const all = await t.db.select().from(users);
    expect(all).toHaveLength(1);
    const [admin] = all;
    expect(admin).toMatchObject({
      username: "Admin",
      email: seededAdmin.email,
      role: "admin",
      isSystem: true,
      deletedAt: null,
    });
    expect(await verifyPassword("123999", admin.passwordHash)).toBe(true);
    expect(await verifyPassword("123998", admin.passwordHash)).toBe(false);
  });

  it("leaves an existing administrator as it is", async () => {
    await t.db.update(users).set({ name: "Renamed" }).where(eq(users.username, "Admin"));
    const [before] = await t.db.select().from(users).where(eq(users.username, "Admin"));
    await seedDatabase(t.db, { bcryptCost: 10 });
    const [after] = await t.db.select().from(users).where(eq(users.username, "Admin"));
    expect(after).toEqual(before);
  });
});
