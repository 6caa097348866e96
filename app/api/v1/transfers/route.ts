import { apiRoute, reply } from "@/app/_server/api";
import { sendTransfer } from "@/lib/api/operations";
import { transfer } from "@/lib/ledger/transfers";

/** Sends money from one of the customer's wallets; a retry with the same Idempotency-Key answers the same, as it is now. */
export const POST = apiRoute(sendTransfer, async ({ body, idempotencyKey, user, services }) => {
  const made = await transfer(services.db, { userId: user.id }, body, idempotencyKey);
  return made.status === "pending_review" ? reply(202, made) : reply(201, made);
});
