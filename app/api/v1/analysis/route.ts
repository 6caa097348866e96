import { z } from "zod";
import { apiError, apiRoute } from "@/app/_server/api";
import { monthSchema } from "@/lib/analysis/month";
import { analysisReport } from "@/lib/analysis/report";
import { currentThresholds } from "@/lib/analysis/thresholds";

const querySchema = z.object({ month: monthSchema });

/** Everything suspicious in a month, with the thresholds (and their version) used. */
export const GET = apiRoute(["admin", "analyst"], async ({ request, services }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError("VALIDATION_FAILED", "Give the month as ?month=YYYY-MM, for example ?month=2022-01.");
  const thresholds = await currentThresholds(services.db);
  return Response.json(await analysisReport(services.db, parsed.data.month, thresholds));
});
