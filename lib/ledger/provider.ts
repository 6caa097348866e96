import type postgres from "postgres";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { currencySchema } from "@/lib/money/currency";
import { findWalletByNumber, ownWallet, systemAccountId } from "./accounts";
import { once, requestHash } from "./idempotency";
import { heldAmount, insertTransfer, lockWallets, money, parseAmount, post } from "./movements";
import type { Customer } from "./transfers";
import { inTransaction } from "./transaction";

/** The payment provider's idempotency keys share one scope. */
const providerScope = "provider";

export const depositInputSchema = z.object({
  accountNumber: z.string().trim().min(1),
  amount: z.string().trim().min(1),
  currency: currencySchema,
  reference: z.string().trim().min(1).max(200),
});

/** Money the payment provider received for a wallet: from its settlement account into the wallet. */
export async function deposit(sql: postgres.Sql, input: z.output<typeof depositInputSchema>, idempotencyKey: string) {
  const hash = requestHash("deposit", input);
  const wallet = await findWalletByNumber(sql, input.accountNumber);
  if (!wallet) throw new DomainError("UNKNOWN_RECIPIENT", "No wallet has this account number.", "accountNumber");
  if (wallet.currency !== input.currency) {
    throw new DomainError("VALIDATION_FAILED", `Wallet ${input.accountNumber} holds ${wallet.currency}, not ${input.currency}.`, "currency");
  }
  const amount = parseAmount(input.amount, wallet.currency);
  const settlement = await systemAccountId(sql, "settlement", wallet.currency);
  return inTransaction(sql, (tx) =>
    once(tx, providerScope, idempotencyKey, hash, async () => {
      const wallets = await lockWallets(tx, [wallet.id]);
      const created = await insertTransfer(tx, {
        kind: "deposit",
        status: "completed",
        fromAccountId: null,
        toAccountId: wallet.id,
        debit: { amount, currency: wallet.currency },
        credit: { amount, currency: wallet.currency },
        fee: 0n,
        reference: input.reference,
        requestedBy: null,
      });
      await post(
        tx,
        created.id,
        [
          { accountId: settlement, amount: -amount, currency: wallet.currency, purpose: "principal" },
          { accountId: wallet.id, amount, currency: wallet.currency, purpose: "principal" },
        ],
        wallets,
      );
      return { id: created.id, status: "completed", credited: money(amount, wallet.currency), accountNumber: wallet.accountNumber, reference: input.reference };
    }),
  );
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
  sql: postgres.Sql,
  customer: Customer,
  input: z.output<typeof withdrawalInputSchema>,
  idempotencyKey: string,
  holdMinutes: number,
) {
  const hash = requestHash("withdrawal", input);
  const wallet = await ownWallet(sql, customer.userId, input.from);
  const amount = parseAmount(input.amount, wallet.currency);
  return inTransaction(sql, (tx) =>
    once(tx, `user:${customer.userId}`, idempotencyKey, hash, async () => {
      const wallets = await lockWallets(tx, [wallet.id]);
      const locked = wallets.get(wallet.id)!;
      if (locked.frozen) throw new DomainError("WALLET_FROZEN", "This wallet is frozen: it can't withdraw. Contact support.", "from");
      const available = locked.balance - (await heldAmount(tx, wallet.id));
      if (available < amount) {
        throw new DomainError("INSUFFICIENT_FUNDS", `Not enough money: ${money(available, wallet.currency).amount} ${wallet.currency} available.`, "amount");
      }
      const created = await insertTransfer(tx, {
        kind: "withdrawal",
        status: "pending",
        fromAccountId: wallet.id,
        toAccountId: null,
        debit: { amount, currency: wallet.currency },
        credit: { amount, currency: wallet.currency },
        fee: 0n,
        requestedBy: customer.userId,
        expiresAt: new Date(Date.now() + holdMinutes * 60_000),
      });
      return { id: created.id, status: "pending", amount: money(amount, wallet.currency) };
    }),
  );
}

/**
 * The provider paid the withdrawal out: the held money leaves the wallet for the settlement
 * account. Settling again answers the same; a cancelled or lapsed withdrawal can't be settled.
 */
export async function settleWithdrawal(sql: postgres.Sql, withdrawalId: string) {
  return finishWithdrawal(sql, withdrawalId, "settled");
}

/** The provider could not pay the withdrawal out: the hold is released. */
export async function cancelWithdrawal(sql: postgres.Sql, withdrawalId: string) {
  return finishWithdrawal(sql, withdrawalId, "cancelled");
}

async function finishWithdrawal(sql: postgres.Sql, withdrawalId: string, outcome: "settled" | "cancelled") {
  const [found] = isUuid(withdrawalId)
    ? await sql`select from_account_id, debit_currency from ledger_transfers where id = ${withdrawalId} and kind = 'withdrawal'`
    : [];
  if (!found) throw new DomainError("NOT_FOUND", "No such withdrawal.");
  const settlement = await systemAccountId(sql, "settlement", found.debit_currency);
  return inTransaction(sql, async (tx) => {
    // The wallet first, then the withdrawal: the same order as every movement of that wallet.
    const wallets = await lockWallets(tx, [found.from_account_id]);
    // The lapse is judged by the database's clock as it is now, after the locks: the clock that
    // transfers count holds by, and not the transaction's start, which may precede their spending it.
    const [row] = await tx`
      select id, status, debit_amount, debit_currency, expires_at <= clock_timestamp() as lapsed
      from ledger_transfers where id = ${withdrawalId} for update`;
    const amount = BigInt(row.debit_amount);
    const result = (status: string) => ({ id: row.id as string, status, amount: money(amount, row.debit_currency) });
    if (row.status === outcome) return result(outcome);
    if (row.status !== "pending") throw new DomainError("INVALID_STATE", `This withdrawal is already ${row.status}.`);
    // A lapsed hold no longer counts against the wallet (see heldAmount), whatever its status says.
    if (outcome === "settled" && row.lapsed) {
      throw new DomainError("INVALID_STATE", "This withdrawal's hold lapsed before it was settled; the money stayed in the wallet.");
    }
    await tx`update ledger_transfers set status = ${outcome}, completed_at = now() where id = ${withdrawalId}`;
    if (outcome === "settled") {
      await post(
        tx,
        withdrawalId,
        [
          { accountId: found.from_account_id, amount: -amount, currency: row.debit_currency, purpose: "principal" },
          { accountId: settlement, amount, currency: row.debit_currency, purpose: "principal" },
        ],
        wallets,
      );
    }
    return result(outcome);
  });
}
