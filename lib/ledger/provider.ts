import type { Database } from "@/db/client";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { currencySchema } from "@/lib/money/currency";
import { holdsMoney } from "./available";
import { findWalletByNumber, ownWallet, systemAccountId } from "./accounts";
import { requestHash } from "./idempotency";
import { applyMovements, currentStatuses, lockWallets, money, parseAmount, unwrap, walletBook } from "./movements";
import { depositMovement, finishMovement, plan, withdrawalMovement } from "./plan";
import { post } from "./post";
import type { Customer } from "./transfers";
import { inTransaction } from "./transaction";
import type { LedgerSql } from "./db";

/** The payment provider's idempotency keys share one scope. */
const providerScope = "provider";

export const depositInputSchema = z.object({
  accountNumber: z.string().trim().min(1),
  amount: z.string().trim().min(1),
  currency: currencySchema,
  reference: z.string().trim().min(1).max(200),
});

/** Money the payment provider received for a wallet: from its settlement account into the wallet. */
export async function deposit(db: Database, input: z.output<typeof depositInputSchema>, idempotencyKey: string) {
  const sql = db.$client;
  const hash = requestHash("deposit", input);
  const wallet = await findWalletByNumber(db, input.accountNumber);
  if (!wallet) throw new DomainError("UNKNOWN_RECIPIENT", "No wallet has this account number.", "accountNumber");
  if (wallet.currency !== input.currency) {
    throw new DomainError("VALIDATION_FAILED", `Wallet ${input.accountNumber} holds ${wallet.currency}, not ${input.currency}.`, "currency");
  }
  const amount = parseAmount(input.amount, wallet.currency);
  const settlement = await systemAccountId(sql, "settlement", wallet.currency);
  const answer = (id: string) => ({ id, status: "completed", credited: money(amount, wallet.currency), accountNumber: wallet.accountNumber, reference: input.reference });
  const [outcome] = await applyMovements<ReturnType<typeof answer>>(sql, async () => [
    { key: { scope: providerScope, key: idempotencyKey, hash }, movement: depositMovement(wallet, amount, settlement, input.reference, answer) },
  ]);
  return unwrap(outcome);
}

export const withdrawalInputSchema = z.object({
  from: z.string().trim().min(1, "Choose the wallet to withdraw from."),
  amount: z.string().trim().min(1, "Enter an amount."),
});

/**
 * A customer asks to withdraw: the amount is held (no longer available) until the payment
 * provider settles or cancels the withdrawal, or the hold lapses after `holdMinutes`.
 */
export async function requestWithdrawal(
  db: Database,
  customer: Customer,
  input: z.output<typeof withdrawalInputSchema>,
  idempotencyKey: string,
  holdMinutes: number,
) {
  const sql = db.$client;
  const hash = requestHash("withdrawal", input);
  const wallet = await ownWallet(db, customer.userId, input.from);
  const amount = parseAmount(input.amount, wallet.currency);
  const answer = (id: string, status: string) => ({ id, status, amount: money(amount, wallet.currency) });
  const outcomes = await applyMovements<ReturnType<typeof answer>>(sql, async () => [
    { key: { scope: `user:${customer.userId}`, key: idempotencyKey, hash }, movement: withdrawalMovement(wallet, amount, customer.userId, holdMinutes, answer) },
  ]);
  const [outcome] = await currentStatuses(sql, outcomes);
  return unwrap(outcome);
}

/**
 * The provider paid the withdrawal out: the held money leaves the wallet for the settlement
 * account. Settling again answers the same; a cancelled or lapsed withdrawal can't be settled.
 */
export async function settleWithdrawal(db: Database, withdrawalId: string) {
  const sql = db.$client;
  return finishWithdrawal(sql, withdrawalId, "settled");
}

/** The provider could not pay the withdrawal out: the hold is released. */
export async function cancelWithdrawal(db: Database, withdrawalId: string) {
  const sql = db.$client;
  return finishWithdrawal(sql, withdrawalId, "cancelled");
}

async function finishWithdrawal(sql: LedgerSql, withdrawalId: string, outcome: "settled" | "cancelled") {
  const [found] = isUuid(withdrawalId)
    ? await sql`select from_account_id, debit_currency from ledger_transfers where id = ${withdrawalId} and kind = 'withdrawal'`
    : [];
  if (!found) throw new DomainError("NOT_FOUND", "No such withdrawal.");
  const settlement = await systemAccountId(sql, "settlement", found.debit_currency);
  return inTransaction(sql, async (tx) => {
    // The wallet first, then the withdrawal: the same order as every movement of that wallet.
    const locked = await lockWallets(tx, { ids: [found.from_account_id] });
    // The lapse is judged by the database's clock as it is now, after the locks, and not by the
    // transaction's start (see available.ts).
    const [row] = await tx`
      select id, status, debit_amount, fee_amount, debit_currency, not (${holdsMoney(tx, tx`clock_timestamp()`)}) as lapsed
      from ledger_transfers t where id = ${withdrawalId} for update`;
    const amount = BigInt(row.debit_amount);
    const result = (status: string) => ({ id: row.id as string, status, amount: money(amount, row.debit_currency) });
    if (row.status === outcome) return result(outcome);
    if (row.status !== "pending") throw new DomainError("INVALID_STATE", `This withdrawal is already ${row.status}.`);
    // A lapsed hold no longer counts against the wallet, whatever its status says.
    if (outcome === "settled" && row.lapsed) {
      throw new DomainError("INVALID_STATE", "This withdrawal's hold lapsed before it was settled; the money stayed in the wallet.");
    }
    const withdrawal = { id: row.id, walletId: found.from_account_id, amount, fee: BigInt(row.fee_amount), currency: row.debit_currency };
    // Ending a hold spends nothing: the wallets' own holds don't matter to the plan here.
    const planned = plan(walletBook(locked).byId, [finishMovement(withdrawal, outcome, settlement, () => result(outcome))]);
    await post(tx, planned);
    return unwrap(planned.outcomes[0]);
  });
}
