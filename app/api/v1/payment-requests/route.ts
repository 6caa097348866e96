import { apiRoute, reply } from "@/app/_server/api";
import { paymentRequestJson } from "@/lib/api/json";
import { createPaymentRequest as create, listPaymentRequests as list } from "@/lib/api/operations";
import { listPage, pageIndex } from "@/lib/api/paging";
import { createPaymentRequest, listPaymentRequests } from "@/lib/ledger/payment-requests";

/** A page of the requests asked of the customer and made by them, newest first. */
export const GET = apiRoute(list, async ({ query, user, services }) => {
  const { rows, total } = await listPaymentRequests(services.db, user.id, { direction: query.direction, status: query.status }, pageIndex(query));
  return reply(200, listPage(rows.map(paymentRequestJson), query, total));
});

/** Asks another customer for money, into one of the customer's wallets. */
export const POST = apiRoute(create, async ({ body, actor, services }) => {
  return reply(201, paymentRequestJson(await createPaymentRequest(services.db, actor, body)));
});
