import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { connectDatabase, type Database } from "../db/client";
import { deposit } from "../lib/ledger/provider";
import { setRate } from "../lib/ledger/rates";

/** The e2e server's database, as scripts/e2e-server.ts wrote it down. */
export async function withDatabase<T>(work: (sql: postgres.Sql, db: Database) => Promise<T>): Promise<T> {
  const env = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".data", "e2e-server.json"), "utf8"));
  const connection = connectDatabase(env.DATABASE_URL, { max: 1 });
  try {
    return await work(connection.db.$client, connection.db);
  } finally {
    await connection.close();
  }
}

/** A customer's BRL wallet, the one every customer gets when created. */
export function brlWalletOf(email: string): Promise<{ id: string; accountNumber: string }> {
  return withDatabase(async (sql) => {
    const [row] = await sql`
      select a.id, a.account_number from ledger_accounts a join users u on u.id = a.owner_id
      where lower(u.email) = ${email.toLowerCase()} and a.kind = 'wallet' and a.currency = 'BRL'`;
    if (!row) throw new Error(`${email} has no BRL wallet`);
    return { id: row.id, accountNumber: row.account_number };
  });
}

/**
 * Money the payment provider received for a customer, booked as its deposit endpoint books it
 * (that endpoint is not on this branch): returns the deposit's id.
 */
export async function depositBrl(email: string, amount: string): Promise<string> {
  const wallet = await brlWalletOf(email);
  return withDatabase(async (_sql, db) => {
    const booked = await deposit(db, { accountNumber: wallet.accountNumber, amount, currency: "BRL", reference: `e2e-${randomUUID()}` }, randomUUID());
    return booked.id;
  });
}

/** Sets the current exchange rate for a pair, as staff would: one `base` buys `rate` of `quote`. */
export function setExchangeRate(base: string, quote: string, rate: string, source: string): Promise<void> {
  return withDatabase(async (sql) => {
    await setRate(sql, { base, quote, rate, source }, null);
  });
}
