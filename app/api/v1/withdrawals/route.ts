import { apiRoute, reply } from "@/app/_server/api";
import { withdrawalJson } from "@/lib/api/json";
import { requestWithdrawal as withdrawal } from "@/lib/api/operations";
import { requestWithdrawal } from "@/lib/ledger/provider";

/** Holds the amount until the payment provider settles or cancels the withdrawal. */
export const POST = apiRoute(withdrawal, async ({ body, idempotencyKey, user, services }) => {
  const held = await requestWithdrawal(services.db, { userId: user.id }, body, idempotencyKey, services.config.WITHDRAWAL_HOLD_MINUTES);
  return held.status === "pending_review" ? reply(202, withdrawalJson(held)) : reply(201, withdrawalJson(held));
});
