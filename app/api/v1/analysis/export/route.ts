import { apiRoute } from "@/app/_server/api";
import { analysisCsv } from "@/lib/analysis/export";
import { currentThresholds } from "@/lib/analysis/thresholds";
import { exportAnalysis } from "@/lib/api/operations";

/** A section of the analysis as CSV, streamed page by page: the file can be any size. */
export const GET = apiRoute(exportAnalysis, async ({ query, services }) => {
  const { month, section, q, direction } = query;
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
