import { providerRoute } from "@/app/_server/api";
import { settleWithdrawal } from "@/lib/ledger/provider";

/** The provider paid the withdrawal out; settling it again answers the same. */
export const POST = providerRoute<{ id: string }>(async ({ params, services }) => {
  return Response.json(await settleWithdrawal(services.db.$client, params.id));
});
