"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { protectedAction, type ActionState } from "@/app/_server/action";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { quoteTransfer, reviewTransfer, transfer, transferInputSchema, type TransferQuote } from "@/lib/ledger/transfers";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/time";

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
  /** "1 BRL = 0.18 USD · source · when it was set", its time in the viewer's zone. */
  rate: string | null;
};

const sendSchema = transferInputSchema.extend({
  step: z.enum(["review", "confirm", "edit"]),
  idempotencyKey: z.uuid().optional(),
  quotedFee: z.string().optional(),
  quotedCredited: z.string().optional(),
});

function reviewOf(quote: TransferQuote, idempotencyKey: string, timeZone: string): SendReview {
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
    rate: rate && `1 ${rate.base} = ${rate.rate} ${rate.quote} · ${rate.source} · ${formatDateTime(rate.at, timeZone)}`,
  };
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
    const customer = { userId: user.id };
    const timeZone = await viewerTimeZone();
    if (step === "review" || !idempotencyKey) return { values, data: reviewOf(await reviewTransfer(services.db, customer, input), randomUUID(), timeZone) };
    const quote = await quoteTransfer(services.db, customer, input);
    if (quote.fee.toString() !== quotedFee || quote.credited.toString() !== quotedCredited) {
      return { values, data: reviewOf(quote, idempotencyKey, timeZone), error: "The rate or the fee changed since you reviewed: check the new amounts." };
    }
    const sent = await transfer(services.db, customer, input, idempotencyKey);
    revalidatePath("/wallet", "layout");
    redirect(`/wallet/transfers/${sent.id}`);
  },
);
