import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { imports, users } from "@/db/schema";
import { seedDatabase } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/passwords";
import { checkIntegrity } from "@/lib/ledger/integrity";
import { setupTestDatabase } from "@/test/database";
import { demoUsers, seedDemo } from ".";
import { importDemoTransactions } from "./transactions";

describe("seedDemo", () => {
  const t = setupTestDatabase();
  beforeAll(() => seedDatabase(t.db, { bcryptCost: 10 }));

  it("adds the demo users once, beside the administrator", async () => {
    await seedDemo(t.db, { bcryptCost: 10 });
    await seedDemo(t.db, { bcryptCost: 10 });

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

  it("imports a demo file for each day from the start of last month to yesterday, once", async () => {
    const [analyst] = await t.db.select().from(users).where(eq(users.email, demoUsers[0].email));
    // A leap February, far from the days the demo seed above imported.
    const today = new Date("2020-03-05T15:00:00Z");
    expect(await importDemoTransactions(t.db, { id: analyst.id, label: analyst.email }, today)).toBe(29 + 4);
    expect(await importDemoTransactions(t.db, { id: analyst.id, label: analyst.email }, today)).toBe(0);
    const days = await t.db
      .select({ date: imports.transactionsDate, count: imports.transactionCount })
      .from(imports)
      .where(sql`${imports.transactionsDate} < '2021-01-01'`)
      .orderBy(imports.transactionsDate);
    expect(days.at(0)?.date).toBe("2020-02-01");
    expect(days.at(-1)?.date).toBe("2020-03-04");
    expect(days).toHaveLength(33);
    for (const day of days) expect(day.count).toBe(120);
  });

  it("gives the demo customers funded wallets once, however often it runs", async () => {
    await seedDemo(t.db, { bcryptCost: 10 });
    const balances = await t.db.$client`
      select u.email, a.currency, a.balance::text as balance from ledger_accounts a join users u on u.id = a.owner_id
      where a.kind = 'wallet' and u.email like '%@ledgerwatch.demo' order by u.email, a.currency`;
    // Carla sent 150.00 to Caio and paid the demo fee: 0.50 + 0.1% = 0.65, at least 1.00.
    expect(balances.map((row) => [row.email, row.currency, row.balance])).toEqual([
      ["caio@ledgerwatch.demo", "BRL", "135000"],
      ["carla@ledgerwatch.demo", "BRL", "484900"],
      ["carla@ledgerwatch.demo", "USD", "30000"],
    ]);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("covers every role with the demo accounts", () => {
    expect(new Set(demoUsers.map((demo) => demo.role))).toEqual(new Set(["admin", "analyst", "customer"]));
    for (const demo of demoUsers) expect(demo.password).toMatch(/^\d{6}$/);
  });
});
