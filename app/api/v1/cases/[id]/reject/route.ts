import { apiRoute, reply } from "@/app/_server/api";
import { rejectCase } from "@/lib/api/operations";
import { getCase } from "@/lib/screening/cases";
import { decideCase } from "@/lib/screening/decide";
import { caseDetailJson } from "@/lib/screening/json";

/** The held movement is refused: its hold goes back to the sender's available balance. */
export const POST = apiRoute(rejectCase, async ({ params, body, actor, services }) => {
  await decideCase(services.db, actor, params.id, "reject", body.note, services.config.WITHDRAWAL_HOLD_MINUTES);
  return reply(200, caseDetailJson((await getCase(services.db, params.id, services.config.REVIEW_HOURS))!));
});
