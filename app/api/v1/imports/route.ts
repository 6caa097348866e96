import { after } from "next/server";
import { z } from "zod";
import { apiError, apiRoute } from "@/app/_server/api";
import { applyPendingTotals } from "@/lib/analysis/rollups";
import { formatBytes, importTransactions } from "@/lib/imports/importer";
import { importJson, importSummaryJson } from "@/lib/imports/json";
import { importSortKeys, listImports } from "@/lib/imports/queries";
import { bodyChunks, uploadFileName, uploadFormat } from "@/lib/imports/upload";
import { log } from "@/lib/log";
import { parsePage } from "@/lib/paging";

const staff = ["admin", "analyst"] as const;

/** Streams the request body into an import: the file is never held in memory. */
export const POST = apiRoute(staff, async ({ request, actor, services }) => {
  const maxBytes = services.config.MAX_UPLOAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return apiError("TOO_LARGE", `The file is larger than the ${formatBytes(maxBytes)} limit.`);
  if (!request.body) return apiError("EMPTY_FILE", "The file is empty.");

  const url = new URL(request.url);
  const fileName = uploadFileName(url, request.headers.get("content-disposition"));
  const format = uploadFormat(request.headers.get("content-type"), fileName);
  const summary = await importTransactions(services.db, actor, {
    fileName,
    format,
    body: bodyChunks(request.body),
    maxBytes,
  });
  // The monthly totals follow once the answer is sent; the analysis waits for them if asked first.
  after(() => applyPendingTotals(services.db).catch((error) => log().error({ err: error }, "could not add an import to the monthly totals")));
  return Response.json(importSummaryJson(summary), { status: 201 });
});

const listSchema = z.object({
  sort: z.enum(importSortKeys).catch("transactionsDate"),
  order: z.enum(["asc", "desc"]).catch("desc"),
});

export const GET = apiRoute(staff, async ({ request, services }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { sort, order } = listSchema.parse(params);
  const page = parsePage(params);
  const { rows, total } = await listImports(services.db, { key: sort, descending: order === "desc" }, page);
  return Response.json({ data: rows.map(importJson), page: page.index + 1, size: page.size, total });
});
