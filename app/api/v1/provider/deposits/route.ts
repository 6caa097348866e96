import { apiRoute, reply } from "@/app/_server/api";
import { depositJson } from "@/lib/api/json";
import { bookDeposit } from "@/lib/api/operations";
import { deposit } from "@/lib/ledger/provider";

/** The payment provider reports money it received for a wallet. */
export const POST = apiRoute(bookDeposit, async ({ body, idempotencyKey, services }) => {
  return reply(201, depositJson(await deposit(services.db, body, idempotencyKey)));
});
