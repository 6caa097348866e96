import { z } from "zod";
import { apiError, apiRoute } from "@/app/_server/api";
import { importJson, transactionJson } from "@/lib/imports/json";
import { getImport, listIgnoredLines, listImportTransactions } from "@/lib/imports/queries";
import { parsePage } from "@/lib/paging";

/** An import with one page of its transactions (`?page=`, `?size=`) and of its ignored lines. */
export const GET = apiRoute<{ id: string }>(["admin", "analyst"], async ({ request, params, services }) => {
  const found = z.uuid().safeParse(params.id).success ? await getImport(services.db, params.id) : null;
  if (!found) return apiError("NOT_FOUND", "No such import.");
  const page = parsePage(Object.fromEntries(new URL(request.url).searchParams));
  const [rows, ignored] = await Promise.all([
    listImportTransactions(services.db, found.id, page),
    listIgnoredLines(services.db, found.id, page),
  ]);
  return Response.json({
    ...importJson(found),
    transactions: { data: rows.map(transactionJson), page: page.index + 1, size: page.size, total: found.transactionCount },
    ignored: { data: ignored, page: page.index + 1, size: page.size, total: found.ignoredCount },
  });
});
