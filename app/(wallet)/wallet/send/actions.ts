"use server";

import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { protectedAction, type ActionState } from "@/app/_server/action";

import { DomainError } from "@/lib/errors";
import { findWallet } from "@/lib/ledger/accounts";
import { quoteTransfer, transfer, transferInputSchema, type TransferQuote } from "@/lib/ledger/transfers";
import { formatMoney } from "@/lib/money";

export type SendReview = {
  idempotencyKey: string;
  from: { accountNumber: string; currency: string };
  to: { accountNumber: string; currency: string };
  sent: string;
  fee: string;
  total: string;
  credited: string;
  /** Minor units, to tell at confirmation whether the quote changed since the review. */
  quoted: { fee: string; credited: string };
  rate: { base: string; quote: string; rate: string; source: string; at: string } | null;
};

const sendSchema = transferInputSchema.extend({
  step: z.enum(["review", "confirm", "edit"]),
  idempotencyKey: z.uuid().optional(),
  quotedFee: z.string().optional(),
  quotedCredited: z.string().optional(),
});

function reviewOf(quote: TransferQuote, idempotencyKey: string): SendReview {
  const rate = quote.rate;
  return {
    idempotencyKey,
    from: { accountNumber: quote.from.accountNumber, currency: quote.from.currency },
    to: { accountNumber: quote.to.accountNumber, currency: quote.to.currency },
    sent: formatMoney(quote.amount, quote.from.currency),
    fee: formatMoney(quote.fee, quote.from.currency),
    total: formatMoney(quote.amount + quote.fee, quote.from.currency),
    credited: formatMoney(quote.credited, quote.to.currency),
    quoted: { fee: quote.fee.toString(), credited: quote.credited.toString() },
    rate: rate && { base: rate.base, quote: rate.quote, rate: rate.rate, source: rate.source, at: rate.at.toISOString() },
  };
}

/**
 * What transfer() would refuse for the sending wallet, said at the review rather than after
 * the confirmation; transfer() checks again, with the wallet locked.
 */
async function refuseEarly(sql: postgres.Sql, quote: TransferQuote) {
  const wallet = await findWallet(sql, quote.from.id);
  if (wallet?.frozen) throw new DomainError("WALLET_FROZEN", "This wallet is frozen: it can't send money. Contact support.", "from");
  if (wallet && wallet.available < quote.amount + quote.fee) {
    throw new DomainError("INSUFFICIENT_FUNDS", `Not enough money: ${formatMoney(wallet.available, wallet.currency)} available.`, "amount");
  }
}

/**
 * Sending money in two steps: "review" quotes the transfer and issues the idempotency key the
 * confirmation carries, so a double submit or a retry sends once; "confirm" sends, unless the
 * fee or the rate changed since the review; "edit" goes back to the form with the values.
 */
export const sendMoneyAction = protectedAction<typeof sendSchema, SendReview>(
  ["customer"],
  sendSchema,
  async ({ step, idempotencyKey, quotedFee, quotedCredited, ...input }, { user, services }): Promise<ActionState<SendReview>> => {
    const values = { from: input.from, to: input.to, amount: input.amount };
    if (step === "edit") return { values };
    const sql = services.db.$client;
    const customer = { userId: user.id };
    const quote = await quoteTransfer(sql, customer, input);
    if (step === "review" || !idempotencyKey) {
      await refuseEarly(sql, quote);
      return { values, data: reviewOf(quote, randomUUID()) };
    }
    if (quote.fee.toString() !== quotedFee || quote.credited.toString() !== quotedCredited) {
      return { values, data: reviewOf(quote, idempotencyKey), error: "The rate or the fee changed since you reviewed: check the new amounts." };
    }
    const sent = await transfer(sql, customer, input, idempotencyKey);
    revalidatePath("/wallet", "layout");
    redirect(`/wallet/transfers/${sent.id}`);
  },
);
