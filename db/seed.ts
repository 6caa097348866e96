import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/passwords";
import type { Database } from "./client";
import { importDemoTransactions } from "./demo-transactions";
import { seedDemoWallets } from "./demo-wallets";
import { users, type UserRole } from "./schema";

export const seededAdmin = { username: "Admin", email: "admin@email.com.br", password: "123999" } as const;

/** Demo accounts for `--demo`: known passwords, so a new user can sign in as each role. */
export const demoUsers: { name: string; email: string; role: UserRole; password: string }[] = [
  { name: "Ana Analyst", email: "analyst@ledgerwatch.demo", role: "analyst", password: "111111" },
  { name: "Otto Operations", email: "ops@ledgerwatch.demo", role: "admin", password: "222222" },
  { name: "Carla Customer", email: "carla@ledgerwatch.demo", role: "customer", password: "333333" },
  { name: "Caio Customer", email: "caio@ledgerwatch.demo", role: "customer", password: "444444" },
];

async function insertIfAbsent(db: Database, values: typeof users.$inferInsert) {
  // Any unique index (email, username) that already holds the user means it is there.
  await db.insert(users).values(values).onConflictDoNothing();
}

/** Idempotent: run at every start; existing rows are left as they are. */
export async function seedDatabase(db: Database, options: { demo: boolean; bcryptCost: number }): Promise<void> {
  await insertIfAbsent(db, {
    name: "Administrator",
    username: seededAdmin.username,
    email: seededAdmin.email,
    role: "admin",
    isSystem: true,
    passwordHash: await hashPassword(seededAdmin.password, options.bcryptCost),
  });
  if (!options.demo) return;
  for (const demo of demoUsers) {
    await insertIfAbsent(db, {
      name: demo.name,
      email: demo.email,
      role: demo.role,
      passwordHash: await hashPassword(demo.password, options.bcryptCost),
    });
  }
  const [analyst] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, demoUsers[0].email));
  await importDemoTransactions(db, { id: analyst.id, label: analyst.email });
  const customers = demoUsers.filter((demo) => demo.role === "customer").map((demo) => demo.email);
  await seedDemoWallets(db, [customers[0], customers[1]]);
}
