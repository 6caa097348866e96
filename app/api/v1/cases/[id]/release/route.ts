import { apiRoute, reply } from "@/app/_server/api";
import { releaseCase } from "@/lib/api/operations";
import { getCase } from "@/lib/screening/cases";
import { decideCase } from "@/lib/screening/decide";
import { caseDetailJson } from "@/lib/screening/json";

/** The held movement goes: a transfer completes as quoted, a withdrawal goes on to the provider. */
export const POST = apiRoute(releaseCase, async ({ params, body, actor, services }) => {
  await decideCase(services.db, actor, params.id, "release", body.note, services.config.WITHDRAWAL_HOLD_MINUTES);
  return reply(200, caseDetailJson((await getCase(services.db, params.id, services.config.REVIEW_HOURS))!));
});
