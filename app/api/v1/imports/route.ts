import { after } from "next/server";
import { apiError, apiRoute, reply } from "@/app/_server/api";
import { importFile, listImports as listImportsOperation } from "@/lib/api/operations";
import { listPage, pageIndex } from "@/lib/api/paging";
import { applyPendingTotals } from "@/lib/analysis/rollups";
import { formatBytes, importTransactions, type ImportSummary } from "@/lib/imports/importer";
import { importJson, importSummaryJson } from "@/lib/imports/json";
import { listImports } from "@/lib/imports/queries";
import { ImportsBusyError } from "@/lib/imports/slots";
import { BodyTimeoutError, uploadFileName, uploadFormat, withSpooledBody } from "@/lib/imports/upload";
import { log } from "@/lib/log";

/**
 * Receives the file into a temporary file first (408 when it stalls or trickles), then imports it
 * in one transaction on the imports' own pool: a slow client never holds a database connection.
 * At most a few imports run at once, per user and per process; more get 429 before the body is read.
 */
export const POST = apiRoute(importFile, async ({ request, actor, services }) => {
  const { config } = services;
  const maxBytes = config.MAX_UPLOAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return apiError("TOO_LARGE", `The file is larger than the ${formatBytes(maxBytes)} limit.`);
  if (!request.body) return apiError("EMPTY_FILE", "The file is empty.");

  const url = new URL(request.url);
  const fileName = uploadFileName(url, request.headers.get("content-disposition"));
  const format = uploadFormat(request.headers.get("content-type"), fileName);
  let release: () => void;
  try {
    release = services.importSlots.acquire(actor.id);
  } catch (error) {
    if (!(error instanceof ImportsBusyError)) throw error;
    return apiError("IMPORTS_BUSY", error.message, { headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  const limits = {
    maxBytes,
    idleMs: config.IMPORT_BODY_IDLE_SECONDS * 1000,
    minBytesPerSecond: config.IMPORT_MIN_BYTES_PER_SECOND,
  };
  let summary: ImportSummary;
  try {
    summary = await withSpooledBody(request.body, limits, (body) =>
      importTransactions(services.importDb, actor, { fileName, format, body, maxBytes }),
    );
  } catch (error) {
    if (error instanceof BodyTimeoutError) {
      log().warn({ reason: error.reason, receivedBytes: error.receivedBytes, fileName }, "import upload timed out");
    }
    throw error;
  } finally {
    release();
  }
  // The monthly totals follow once the answer is sent; the analysis waits for them if asked first.
  after(() => applyPendingTotals(services.db).catch((error) => log().error({ err: error }, "could not add an import to the monthly totals")));
  return reply(201, importSummaryJson(summary));
});

export const GET = apiRoute(listImportsOperation, async ({ query, services }) => {
  const { sort = "transactionsDate", order = "desc" } = query;
  const { rows, total } = await listImports(services.db, { key: sort, descending: order === "desc" }, pageIndex(query));
  return reply(200, listPage(rows.map(importJson), query, total));
});
