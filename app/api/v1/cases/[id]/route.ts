import { apiError, apiRoute, reply } from "@/app/_server/api";
import { getCase as getCaseOperation } from "@/lib/api/operations";
import { getCase } from "@/lib/screening/cases";
import { caseDetailJson } from "@/lib/screening/json";

export const GET = apiRoute(getCaseOperation, async ({ params, services }) => {
  const found = await getCase(services.db, params.id, services.config.REVIEW_HOURS);
  if (!found) return apiError("NOT_FOUND", "No such case.");
  return reply(200, caseDetailJson(found));
});
