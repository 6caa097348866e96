import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { connectDatabase, type Database } from "../db/client";
import { openWallet } from "../lib/ledger/accounts";
import { setFeeSchedule } from "../lib/ledger/fees";
import type { FeeSchedule } from "../lib/ledger/pricing";
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

/** A customer's wallet in a currency. */
export function walletOf(email: string, currency: string): Promise<{ id: string; accountNumber: string }> {
  return withDatabase(async (sql) => {
    const [row] = await sql`
      select a.id, a.account_number from ledger_accounts a join users u on u.id = a.owner_id
      where lower(u.email) = ${email.toLowerCase()} and a.kind = 'wallet' and a.currency = ${currency}`;
    if (!row) throw new Error(`${email} has no ${currency} wallet`);
    return { id: row.id, accountNumber: row.account_number };
  });
}

/** A customer's BRL wallet, the one every customer gets when created. */
export function brlWalletOf(email: string): Promise<{ id: string; accountNumber: string }> {
  return walletOf(email, "BRL");
}

/** Opens a customer's wallet in another currency, as the wallet page does. */
export function openWalletOf(email: string, currency: string): Promise<void> {
  return withDatabase(async (sql, db) => {
    const [user] = await sql`select id from users where lower(email) = ${email.toLowerCase()} and deleted_at is null`;
    await openWallet(db, user.id, currency);
  });
}

/** Money the payment provider received for a customer's wallet in `currency`, booked as its deposit endpoint books it: returns the deposit's id. */
export async function depositTo(email: string, currency: string, amount: string): Promise<string> {
  const wallet = await walletOf(email, currency);
  return withDatabase(async (_sql, db) => {
    const booked = await deposit(db, { accountNumber: wallet.accountNumber, amount, currency, reference: `e2e-${randomUUID()}` }, randomUUID());
    return booked.id;
  });
}

export function depositBrl(email: string, amount: string): Promise<string> {
  return depositTo(email, "BRL", amount);
}

/** What sending from a currency costs, as staff would set it. */
export function setFee(currency: string, schedule: FeeSchedule): Promise<void> {
  return withDatabase(async (sql) => {
    await setFeeSchedule(sql, currency, schedule, null);
  });
}

/** Sets the current exchange rate for a pair, as staff would: one `base` buys `rate` of `quote`. */
export function setExchangeRate(base: string, quote: string, rate: string, source: string): Promise<void> {
  return withDatabase(async (sql) => {
    await setRate(sql, { base, quote, rate, source }, null);
  });
}
