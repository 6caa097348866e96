import { z } from "zod";
import { apiError, apiRoute, reply } from "@/app/_server/api";
import { readImport } from "@/lib/api/operations";
import { listPage, pageIndex } from "@/lib/api/paging";
import { importJson, transactionJson } from "@/lib/imports/json";
import { getImport, listIgnoredLines, listImportTransactions } from "@/lib/imports/queries";

/** An import with one page of its transactions (`?page=`, `?size=`) and of its ignored lines. */
export const GET = apiRoute(readImport, async ({ params, query, services }) => {
  const found = z.uuid().safeParse(params.id).success ? await getImport(services.db, params.id) : null;
  if (!found) return apiError("NOT_FOUND", "No such import.");
  const page = pageIndex(query);
  const [rows, ignored] = await Promise.all([
    listImportTransactions(services.db, found.id, page),
    listIgnoredLines(services.db, found.id, page),
  ]);
  return reply(200, {
    ...importJson(found),
    transactions: listPage(rows.map(transactionJson), query, found.transactionCount),
    ignored: listPage(ignored, query, found.ignoredCount),
  });
});
