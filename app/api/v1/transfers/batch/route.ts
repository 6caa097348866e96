import { apiRoute, reply } from "@/app/_server/api";
import { sendBatch } from "@/lib/api/operations";
import { transferBatch } from "@/lib/ledger/transfers";

/** Up to 1,000 transfers in one database transaction, each under its own key, answered item by item in order. */
export const POST = apiRoute(sendBatch, async ({ body: { transfers }, user, services }) => {
  const outcomes = await transferBatch(services.db, { userId: user.id }, transfers);
  const results = outcomes.map((outcome, i) => {
    const { idempotencyKey } = transfers[i];
    if (outcome.ok) return { idempotencyKey, ok: true as const, transfer: outcome.result };
    return { idempotencyKey, ok: false as const, error: { code: outcome.error.code, message: outcome.error.message } };
  });
  return reply(200, { results });
});
