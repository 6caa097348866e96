import { apiRoute, idempotencyKey, parseJson } from "@/app/_server/api";
import { transfer, transferInputSchema } from "@/lib/ledger/transfers";

/** Sends money from one of the customer's wallets; a retry with the same Idempotency-Key answers the same. */
export const POST = apiRoute(["customer"], async ({ request, user, services }) => {
  const key = idempotencyKey(request);
  const input = await parseJson(request, transferInputSchema);
  const result = await transfer(services.db.$client, { userId: user.id }, input, key);
  return Response.json(result, { status: 201 });
});
