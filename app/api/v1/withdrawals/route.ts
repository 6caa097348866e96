import { apiRoute, idempotencyKey, parseJson } from "@/app/_server/api";
import { requestWithdrawal, withdrawalInputSchema } from "@/lib/ledger/provider";

/** Holds the amount until the payment provider settles or cancels the withdrawal. */
export const POST = apiRoute(["customer"], async ({ request, user, services }) => {
  const key = idempotencyKey(request);
  const input = await parseJson(request, withdrawalInputSchema);
  const withdrawal = await requestWithdrawal(services.db.$client, { userId: user.id }, input, key, services.config.WITHDRAWAL_HOLD_MINUTES);
  return Response.json(withdrawal, { status: 201 });
});
