import { z } from "zod";
import { apiError, apiRoute } from "@/app/_server/api";
import { flowDirection } from "@/db/schema";
import { monthSchema } from "@/lib/analysis/month";
import { analysisCsv } from "@/lib/analysis/export";
import { currentThresholds } from "@/lib/analysis/thresholds";

const exportSchema = z.object({
  month: monthSchema,
  section: z.enum(["transactions", "accounts", "branches"]),
  q: z.string().trim().max(100).optional(),
  direction: z.enum(flowDirection.enumValues).optional(),
});

/** A section of the analysis as CSV, streamed page by page: the file can be any size. */
export const GET = apiRoute(["admin", "analyst"], async ({ request, services }) => {
  const parsed = exportSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError("VALIDATION_FAILED", "Give a month (YYYY-MM) and a section: transactions, accounts or branches.");
  const { month, section, q, direction } = parsed.data;
  const thresholds = await currentThresholds(services.db);
  const chunks = analysisCsv(services.db, month, thresholds, section, { search: q || undefined, direction });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="suspicious-${section}-${month}-thresholds-v${thresholds.version}.csv"`,
    },
  });
});
