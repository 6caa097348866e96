import { apiRoute, reply } from "@/app/_server/api";
import { paymentRequestJson } from "@/lib/api/json";
import { payPaymentRequest as pay } from "@/lib/api/operations";
import { payPaymentRequest } from "@/lib/ledger/payment-requests";

/** Pays a request asked of the customer; a retry with the same Idempotency-Key answers the same. */
export const POST = apiRoute(pay, async ({ params, body, idempotencyKey, actor, services }) => {
  const { request, transfer } = await payPaymentRequest(services.db, actor, params.id, body, idempotencyKey);
  return reply(200, { paymentRequest: paymentRequestJson(request), transfer });
});
