import { apiRoute, reply } from "@/app/_server/api";
import { paymentRequestJson } from "@/lib/api/json";
import { cancelPaymentRequest as cancel } from "@/lib/api/operations";
import { cancelPaymentRequest } from "@/lib/ledger/payment-requests";

/** The requester cancels a pending request. */
export const POST = apiRoute(cancel, async ({ params, actor, services }) => {
  return reply(200, paymentRequestJson(await cancelPaymentRequest(services.db, actor, params.id)));
});
