import { apiRoute, reply } from "@/app/_server/api";
import { withdrawalJson } from "@/lib/api/json";
import { settleWithdrawal as settle } from "@/lib/api/operations";
import { settleWithdrawal } from "@/lib/ledger/provider";

/** The provider paid the withdrawal out; settling it again answers the same. */
export const POST = apiRoute(settle, async ({ params, services }) => {
  return reply(200, withdrawalJson(await settleWithdrawal(services.db, params.id)));
});
