import { z } from "zod";
import { apiRoute, parseJson } from "@/app/_server/api";
import { batchInputSchema, type batchResultSchema } from "@/lib/api/schemas";
import { transferBatch } from "@/lib/ledger/transfers";

type BatchResult = z.infer<typeof batchResultSchema>["results"][number];

/** Up to 1,000 transfers in one database transaction, each under its own key, answered item by item in order. */
export const POST = apiRoute(["customer"], async ({ request, user, services }) => {
  const { transfers } = await parseJson(request, batchInputSchema);
  const outcomes = await transferBatch(services.db.$client, { userId: user.id }, transfers);
  const results = outcomes.map((outcome, i): BatchResult => {
    const { idempotencyKey } = transfers[i];
    if (outcome.ok) return { idempotencyKey, ok: true, transfer: outcome.result };
    return { idempotencyKey, ok: false, error: { code: outcome.error.code, message: outcome.error.message } };
  });
  return Response.json({ results });
});
