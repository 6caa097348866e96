import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users, type UserRole } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { importDemoTransactions } from "./transactions";
import { seedDemoWallets } from "./wallets";

/** Demo accounts for `npm run db:seed:demo`: known passwords, so a new user can sign in as each role. */
export const demoUsers: { name: string; email: string; role: UserRole; password: string }[] = [
  { name: "Ana Analyst", email: "analyst@ledgerwatch.demo", role: "analyst", password: "111111" },
  { name: "Otto Operations", email: "ops@ledgerwatch.demo", role: "admin", password: "222222" },
  { name: "Carla Customer", email: "carla@ledgerwatch.demo", role: "customer", password: "333333" },
  { name: "Caio Customer", email: "caio@ledgerwatch.demo", role: "customer", password: "444444" },
];

/**
 * The demo: its staff and customers, a file of made-up transactions for every day since the start of last
 * month, and funded wallets. Idempotent: what is there already is left as it is.
 */
export async function seedDemo(db: Database, options: { bcryptCost: number }): Promise<void> {
  for (const demo of demoUsers) {
    const passwordHash = await hashPassword(demo.password, options.bcryptCost);
    await db.insert(users).values({ name: demo.name, email: demo.email, role: demo.role, passwordHash }).onConflictDoNothing();
  }
  const [analyst] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, demoUsers[0].email));
  await importDemoTransactions(db, { id: analyst.id, label: analyst.email });
  const customers = demoUsers.filter((demo) => demo.role === "customer").map((demo) => demo.email);
  await seedDemoWallets(db, [customers[0], customers[1]]);
}
