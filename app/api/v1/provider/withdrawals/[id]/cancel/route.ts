import { apiRoute, reply } from "@/app/_server/api";
import { withdrawalJson } from "@/lib/api/json";
import { cancelWithdrawal as cancel } from "@/lib/api/operations";
import { cancelWithdrawal } from "@/lib/ledger/provider";

/** The provider could not pay the withdrawal out: the held money is available again. */
export const POST = apiRoute(cancel, async ({ params, services }) => {
  return reply(200, withdrawalJson(await cancelWithdrawal(services.db, params.id)));
});
