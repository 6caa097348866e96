import { idempotencyKey, parseJson, providerRoute } from "@/app/_server/api";
import { deposit, depositInputSchema } from "@/lib/ledger/provider";

/** The payment provider reports money it received for a wallet. */
export const POST = providerRoute(async ({ request, services }) => {
  const key = idempotencyKey(request);
  const input = await parseJson(request, depositInputSchema);
  return Response.json(await deposit(services.db.$client, input, key), { status: 201 });
});
