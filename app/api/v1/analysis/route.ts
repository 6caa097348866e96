import { apiRoute, reply } from "@/app/_server/api";
import { analysis } from "@/lib/api/operations";
import { analysisReport } from "@/lib/analysis/report";
import { currentThresholds } from "@/lib/analysis/thresholds";

/** Everything suspicious in a month, with the thresholds (and their version) used. */
export const GET = apiRoute(analysis, async ({ query, services }) => {
  const thresholds = await currentThresholds(services.db);
  return reply(200, await analysisReport(services.db, query.month, thresholds));
});
