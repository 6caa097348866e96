import type postgres from "postgres";
import type { LedgerTransferKind, LedgerTransferStatus } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { formatMinorUnits, parseDecimalAmount } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";

// Array parameters go as text[] and are cast in SQL: drizzle's postgres.js client doesn't
// serialize arrays of types it doesn't know (uuid[], bigint[], enums).

/** A wallet row as locked for a movement. */
export type LockedWallet = { id: string; ownerId: string; currency: string; balance: bigint; frozen: boolean };

/**
 * Locks the wallets in one global order (by id), so two movements between the same wallets
 * in opposite directions queue instead of deadlocking.
 */
export async function lockWallets(tx: postgres.TransactionSql, ids: string[]): Promise<Map<string, LockedWallet>> {
  const rows = await tx`
    select id, owner_id, currency, balance, frozen_at from ledger_accounts
    where id = any(${[...new Set(ids)]}::text[]::uuid[]) and kind = 'wallet' order by id for update`;
  return new Map(rows.map((row) => [row.id, lockedWallet(row)]));
}

export function lockedWallet(row: postgres.Row): LockedWallet {
  return { id: row.id, ownerId: row.owner_id, currency: row.currency, balance: BigInt(row.balance), frozen: row.frozen_at !== null };
}

/** What the wallet's pending withdrawals hold; call with the wallet locked. */
export async function heldAmount(tx: postgres.TransactionSql, walletId: string): Promise<bigint> {
  const [row] = await tx`
    select coalesce(sum(debit_amount + fee_amount), 0) as held from ledger_transfers
    where from_account_id = ${walletId} and status = 'pending' and expires_at > now()`;
  return BigInt(row.held);
}

/** An amount typed or sent as a decimal string, in the currency's minor units, or INVALID_AMOUNT. */
export function parseAmount(text: string, currency: string, field = "amount"): bigint {
  const amount = parseDecimalAmount(text.trim(), currencyScale(currency));
  if (amount === null || amount <= 0n || amount > 9_000_000_000_000_000n) {
    throw new DomainError(
      "INVALID_AMOUNT",
      `The amount must be a positive ${currency} amount with at most ${currencyScale(currency)} decimal places, like ${formatMinorUnits(1050n, currencyScale(currency))}.`,
      field,
    );
  }
  return amount;
}

export function money(amount: bigint, currency: string) {
  return { amount: formatMinorUnits(amount, currencyScale(currency)), currency };
}

export type Posting = { accountId: string; amount: bigint; currency: string; purpose: "principal" | "fee" };

export type NewTransfer = {
  kind: LedgerTransferKind;
  status: LedgerTransferStatus;
  fromAccountId: string | null;
  toAccountId: string | null;
  debit: { amount: bigint; currency: string };
  credit: { amount: bigint; currency: string };
  fee: bigint;
  rate?: { value: string; base: string; source: string; at: Date };
  reference?: string | null;
  requestedBy: string | null;
  expiresAt?: Date | null;
};

/**
 * Inserts a transfer row; returns its id and time. (drizzle's postgres.js client passes Date and
 * JSON parameters through unserialized, so they go as strings.)
 */
export async function insertTransfer(tx: postgres.TransactionSql, transfer: NewTransfer): Promise<{ id: string; createdAt: Date }> {
  const [row] = await tx`
    insert into ledger_transfers (kind, status, from_account_id, to_account_id, debit_amount, debit_currency,
      credit_amount, credit_currency, fee_amount, rate, rate_base, rate_source, rate_at, reference, requested_by,
      expires_at, completed_at)
    values (${transfer.kind}, ${transfer.status}, ${transfer.fromAccountId}, ${transfer.toAccountId},
      ${transfer.debit.amount.toString()}, ${transfer.debit.currency}, ${transfer.credit.amount.toString()}, ${transfer.credit.currency},
      ${transfer.fee.toString()}, ${transfer.rate?.value ?? null}, ${transfer.rate?.base ?? null}, ${transfer.rate?.source ?? null},
      ${transfer.rate?.at.toISOString() ?? null}, ${transfer.reference ?? null}, ${transfer.requestedBy},
      ${transfer.expiresAt?.toISOString() ?? null}, ${transfer.status === "pending" ? null : new Date().toISOString()})
    returning id, created_at`;
  return { id: row.id, createdAt: new Date(row.created_at) };
}

/** A transfer's lines must sum to zero in each currency: checked before anything is written. */
export function assertBalanced(transferId: string, postings: Posting[]): void {
  const sums = new Map<string, bigint>();
  for (const line of postings) sums.set(line.currency, (sums.get(line.currency) ?? 0n) + line.amount);
  for (const [currency, sum] of sums) if (sum !== 0n) throw new Error(`Unbalanced transfer ${transferId}: ${currency} lines sum to ${sum}`);
}

/**
 * Writes a transfer's postings and moves the locked wallets' balances with them. The lines of
 * each currency must sum to zero: checked here, before anything is written.
 */
export async function post(tx: postgres.TransactionSql, transferId: string, postings: Posting[], wallets: Map<string, LockedWallet>): Promise<void> {
  assertBalanced(transferId, postings);

  const balanceAfter = postings.map((line) => {
    const wallet = wallets.get(line.accountId);
    if (!wallet) return null;
    wallet.balance += line.amount;
    return wallet.balance.toString();
  });
  await tx`
    insert into ledger_postings (transfer_id, account_id, amount, currency, purpose, balance_after)
    select ${transferId}, * from unnest(
      ${postings.map((line) => line.accountId)}::text[]::uuid[], ${postings.map((line) => line.amount.toString())}::text[]::bigint[],
      ${postings.map((line) => line.currency)}::text[]::char(3)[], ${postings.map((line) => line.purpose)}::text[]::ledger_posting_purpose[],
      ${balanceAfter}::text[]::bigint[])`;
  const touched = [...new Set(postings.map((line) => line.accountId))].filter((id) => wallets.has(id));
  if (touched.length > 0) {
    await tx`
      update ledger_accounts a set balance = v.balance
      from unnest(${touched}::text[]::uuid[], ${touched.map((id) => wallets.get(id)!.balance.toString())}::text[]::bigint[]) as v(id, balance)
      where a.id = v.id`;
  }
}
