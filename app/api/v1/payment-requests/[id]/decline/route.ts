import { apiRoute, reply } from "@/app/_server/api";
import { paymentRequestJson } from "@/lib/api/json";
import { declinePaymentRequest as decline } from "@/lib/api/operations";
import { declinePaymentRequest } from "@/lib/ledger/payment-requests";

/** The payer declines a pending request. */
export const POST = apiRoute(decline, async ({ params, actor, services }) => {
  return reply(200, paymentRequestJson(await declinePaymentRequest(services.db, actor, params.id)));
});
