import { randomInt } from "node:crypto";
import type postgres from "postgres";
import { sql as drizzleSql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ledgerAccounts, type LedgerAccountKind } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { heldFrom } from "./available";
import type { LedgerSql, Queryable } from "./db";

export type Wallet = {
  id: string;
  ownerId: string;
  accountNumber: string;
  currency: string;
  balance: bigint;
  /** The balance less the holds of pending withdrawals. */
  available: bigint;
  frozen: boolean;
  closed: boolean;
  ownerVerified: boolean;
};

/** Whether wallet `a`'s owner has confirmed their email: the one SQL of it, for every spend's check. */
export const ownerVerified = (sql: Queryable) => sql`exists (select 1 from users u where u.id = a.owner_id and u.email_verified_at is not null)`;

const walletColumns = (sql: Queryable) => sql`
  a.id, a.owner_id, a.account_number, a.currency, a.balance, a.frozen_at, a.closed_at, ${ownerVerified(sql)} as owner_verified,
  a.balance - ${heldFrom(sql, sql`a.id`)} as available`;

function toWallet(row: postgres.Row): Wallet {
  return {
    id: row.id,
    ownerId: row.owner_id,
    accountNumber: row.account_number,
    currency: row.currency,
    balance: BigInt(row.balance),
    available: BigInt(row.available),
    frozen: row.frozen_at !== null,
    closed: row.closed_at !== null,
    ownerVerified: row.owner_verified,
  };
}

/** A wallet account number: 10 digits, random, so numbers say nothing about who or when. */
function newAccountNumber(): string {
  return String(randomInt(1_000_000_000, 10_000_000_000));
}

function isAccountNumberTaken(error: unknown): boolean {
  const cause = error instanceof Error && "cause" in error ? error.cause : error;
  return typeof cause === "object" && cause !== null && "constraint_name" in cause && cause.constraint_name === "ledger_accounts_accountNumber_unique";
}

/**
 * Opens the customer's wallet in `currency` unless they have one. Takes a drizzle database or
 * transaction, so creating a customer and their first wallet commit together; a clash of random
 * account numbers (a savepoint rolls it back) just draws again.
 */
export async function openWallet(db: Pick<Database, "transaction">, ownerId: string, currency: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction((savepoint) =>
        savepoint
          .insert(ledgerAccounts)
          .values({ kind: "wallet", currency, ownerId, accountNumber: newAccountNumber() })
          .onConflictDoNothing({ target: [ledgerAccounts.ownerId, ledgerAccounts.currency], where: drizzleSql`kind = 'wallet'` }),
      );
      return;
    } catch (error) {
      if (attempt === 5 || !isAccountNumberTaken(error)) throw error;
    }
  }
}

export async function listWallets(db: Database, ownerId: string): Promise<Wallet[]> {
  const sql = db.$client;
  const rows = await sql`select ${walletColumns(sql)} from ledger_accounts a where a.owner_id = ${ownerId} and a.kind = 'wallet' order by a.created_at, a.currency`;
  return rows.map(toWallet);
}

export async function findWallet(db: Database, id: string): Promise<Wallet | null> {
  const sql = db.$client;
  const [row] = await sql`select ${walletColumns(sql)} from ledger_accounts a where a.id = ${id} and a.kind = 'wallet'`;
  return row ? toWallet(row) : null;
}

export async function findWalletByNumber(db: Database, accountNumber: string): Promise<Wallet | null> {
  const sql = db.$client;
  const [row] = await sql`select ${walletColumns(sql)} from ledger_accounts a where a.account_number = ${accountNumber} and a.kind = 'wallet'`;
  return row ? toWallet(row) : null;
}

/** The caller's own wallet, or NOT_FOUND: another customer's wallet is as good as missing. */
export async function ownWallet(db: Database, ownerId: string, walletId: string): Promise<Wallet> {
  const wallet = isUuid(walletId) ? await findWallet(db, walletId) : null;
  if (!wallet || wallet.ownerId !== ownerId) throw new DomainError("NOT_FOUND", "No such wallet.", "from");
  return wallet;
}

const systemAccounts = new WeakMap<object, Map<string, string>>();

/**
 * The id of a system account (settlement, fees, FX) for a currency, created on first use. Pass
 * the transaction as `via` when calling inside one (a pool connection may not be free): an
 * account it creates is remembered only once committed, so a rollback leaves no stale id.
 */
export async function systemAccountId(
  sql: LedgerSql,
  kind: Exclude<LedgerAccountKind, "wallet">,
  currency: string,
  via: Queryable = sql,
): Promise<string> {
  let known = systemAccounts.get(sql);
  if (!known) systemAccounts.set(sql, (known = new Map()));
  const cacheKey = `${kind}:${currency}`;
  const cached = known.get(cacheKey);
  if (cached) return cached;
  const [created] = await via`
    insert into ledger_accounts (kind, currency) values (${kind}, ${currency})
    on conflict (kind, currency) where kind <> 'wallet' do nothing returning id`;
  if (created && via !== sql) return created.id;
  const [row] = created ? [created] : await via`select id from ledger_accounts where kind = ${kind} and currency = ${currency}`;
  known.set(cacheKey, row.id);
  return row.id;
}
