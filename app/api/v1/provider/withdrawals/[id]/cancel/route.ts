import { providerRoute } from "@/app/_server/api";
import { cancelWithdrawal } from "@/lib/ledger/provider";

/** The provider could not pay the withdrawal out: the held money is available again. */
export const POST = providerRoute<{ id: string }>(async ({ params, services }) => {
  return Response.json(await cancelWithdrawal(services.db.$client, params.id));
});
