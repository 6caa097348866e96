"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import {
  cancelPaymentRequest,
  createPaymentRequest,
  declinePaymentRequest,
  paymentRequestInputSchema,
  payPaymentRequest,
  payRequestInputSchema,
  quotePaymentRequest,
} from "@/lib/ledger/payment-requests";

/** Asks another customer for money; the request then waits among the customer's outgoing ones. */
export const requestMoneyAction = protectedAction(["customer"], paymentRequestInputSchema, async (input, { actor, services }) => {
  await createPaymentRequest(services.db, actor, input);
  revalidatePath("/wallet", "layout");
  redirect("/wallet/requests");
});

const paySchema = payRequestInputSchema.extend({
  requestId: z.uuid(),
  idempotencyKey: z.uuid(),
  quotedTotal: z.string().optional(),
  quotedCredited: z.string().optional(),
});

/**
 * Pays a request as the page quoted it: the idempotency key came with the quote, so a double
 * submit pays once; a fee or rate changed since then is shown instead of paid.
 */
export const payRequestAction = protectedAction(
  ["customer"],
  paySchema,
  async ({ requestId, idempotencyKey, quotedTotal, quotedCredited, from }, { user, actor, services }) => {
    const quote = await quotePaymentRequest(services.db, user.id, requestId, from);
    if ((quote.amount + quote.fee).toString() !== quotedTotal || quote.credited.toString() !== quotedCredited) {
      revalidatePath("/wallet/requests");
      return { error: "The rate or the fee changed since the page showed it: check the new amounts." };
    }
    const { transfer } = await payPaymentRequest(services.db, actor, requestId, { from }, idempotencyKey);
    revalidatePath("/wallet", "layout");
    redirect(`/wallet/transfers/${transfer.id}`);
  },
);

const requestIdSchema = z.object({ requestId: z.uuid() });

// The page shown again says what changed: the request's status in place of its buttons.
export const declineRequestAction = protectedAction(["customer"], requestIdSchema, async ({ requestId }, { actor, services }) => {
  await declinePaymentRequest(services.db, actor, requestId);
  revalidatePath("/wallet", "layout");
  return {};
});

export const cancelRequestAction = protectedAction(["customer"], requestIdSchema, async ({ requestId }, { actor, services }) => {
  await cancelPaymentRequest(services.db, actor, requestId);
  revalidatePath("/wallet", "layout");
  return {};
});
