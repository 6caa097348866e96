import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { listWallets, openWallet, type Wallet } from "@/lib/ledger/accounts";

export type NewCustomer = {
  name: string;
  email: string;
  /** The wallets to open, in this order; BRL alone when left out, none when empty. */
  currencies?: string[];
  deletedAt?: Date;
};

export type CreatedCustomer = { id: string; wallets: Wallet[] };

/**
 * Inserts the customers in one statement, then opens each one's wallets one after another, so
 * their wallets come back in the order listWallets lists them (by creation). The password hash
 * is no hash: these tests never sign in.
 */
export async function createCustomers(db: Database, people: NewCustomer[]): Promise<CreatedCustomer[]> {
  const rows = await db
    .insert(users)
    .values(people.map(({ name, email, deletedAt }) => ({ name, email, deletedAt, role: "customer" as const, passwordHash: "x" })))
    .returning({ id: users.id });
  const customers: CreatedCustomer[] = [];
  for (const [index, { id }] of rows.entries()) {
    for (const currency of people[index].currencies ?? ["BRL"]) await openWallet(db, id, currency);
    customers.push({ id, wallets: await listWallets(db, id) });
  }
  return customers;
}
