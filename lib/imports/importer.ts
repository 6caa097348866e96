import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { isUniqueViolation, type Database } from "@/db/client";
import type { ImportFormat } from "@/db/schema";
import { auditOn, type Actor } from "@/lib/audit";
import { parseCsv } from "./csv";
import { decodeUtf8 } from "./decode";
import { ImportFileError } from "./errors";
import { formatBytes } from "./format";
import type { RawRecord } from "./records";
import { validateRecord } from "./validate";
import { parseXml } from "./xml";

export type IgnoredLine = { line: number; reason: string };

export type ImportSummary = {
  id: string;
  fileName: string;
  format: ImportFormat;
  transactionsDate: string;
  imported: number;
  ignoredCount: number;
  /** The first ignored lines (all of them up to `ignoredListLimit`), in file order. */
  ignored: IgnoredLine[];
};

export type ImportRequest = {
  fileName: string;
  format: ImportFormat;
  body: AsyncIterable<Uint8Array>;
  maxBytes: number;
};

/** A file with no transaction worth storing: refused, with the reasons line by line. */
export class NothingToImportError extends ImportFileError {
  constructor(readonly ignored: IgnoredLine[]) {
    super("VALIDATION_FAILED", "The file has no valid transaction, so nothing was imported.", { ignored });
  }
}

// Ignored lines kept per import: enough for any real file, bounded for a garbage one.
export const ignoredListLimit = 100_000;
const copyBufferBytes = 256 * 1024;

async function* limitBytes(body: AsyncIterable<Uint8Array>, maxBytes: number, counter: { bytes: number }) {
  for await (const chunk of body) {
    counter.bytes += chunk.byteLength;
    if (counter.bytes > maxBytes) {
      throw new ImportFileError("TOO_LARGE", `The file is larger than the ${formatBytes(maxBytes)} limit.`);
    }
    yield chunk;
  }
}

export { formatBytes };

// COPY's text format: backslash, tab, newline and carriage return must be escaped.
const copySpecial = /[\\\t\n\r]/;
function copyField(value: string): string {
  if (!copySpecial.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (char) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[char]!);
}

function parserFor(format: ImportFormat) {
  return format === "csv" ? parseCsv : parseXml;
}

/**
 * Streams a bank file into the database in one transaction: parse, validate each record,
 * COPY the valid ones of the file's day. Nothing is stored unless all of it is: a refused
 * file, a dropped upload or a killed server leave no trace. The whole file is never in memory.
 */
export async function importTransactions(
  db: Database,
  actor: Actor & { id: string },
  request: ImportRequest,
): Promise<ImportSummary> {
  const counter = { bytes: 0 };
  const records = parserFor(request.format)(decodeUtf8(limitBytes(request.body, request.maxBytes, counter)));
  const ignored: IgnoredLine[] = [];
  let ignoredCount = 0;
  const ignore = (line: number, reason: string) => {
    ignoredCount++;
    if (ignored.length < ignoredListLimit) ignored.push({ line, reason });
  };

  try {
    return await db.$client.begin(async (tx) => {
      let importId: string | undefined;
      let fileDate: string | undefined;
      let copy: NodeJS.WritableStream | undefined;
      let buffer = "";
      let imported = 0;
      let totalAmount = 0n;

      const flush = async () => {
        if (!copy || !buffer) return;
        const ready = copy.write(buffer);
        buffer = "";
        if (!ready) await once(copy, "drain");
      };

      try {
      for await (const record of records as AsyncIterable<RawRecord>) {
        if ("error" in record) {
          ignore(record.position, record.error);
          continue;
        }
        const result = validateRecord(record.fields);
        if (!result.ok) {
          ignore(record.position, result.reason);
          continue;
        }
        const transaction = result.transaction;
        if (fileDate === undefined) {
          fileDate = transaction.date;
          const existing = await tx`select 1 from imports where transactions_date = ${fileDate}`;
          if (existing.length > 0) throw dateAlreadyImported(fileDate);
          const [row] = await tx`
            insert into imports (file_name, format, transactions_date, imported_by, transaction_count, ignored_count, byte_count)
            values (${request.fileName}, ${request.format}, ${fileDate}, ${actor.id}, 0, 0, 0)
            returning id`;
          importId = row.id as string;
          copy = await tx`
            copy transactions (import_id, origin_bank, origin_branch, origin_account,
              destination_bank, destination_branch, destination_account, amount, occurred_at)
            from stdin`.writable();
        } else if (transaction.date !== fileDate) {
          ignore(record.position, `dated ${transaction.date}, not the file's date ${fileDate}`);
          continue;
        }
        buffer += `${importId}\t${copyField(transaction.originBank)}\t${copyField(transaction.originBranch)}\t${copyField(
          transaction.originAccount,
        )}\t${copyField(transaction.destinationBank)}\t${copyField(transaction.destinationBranch)}\t${copyField(
          transaction.destinationAccount,
        )}\t${transaction.amountCents}\t${transaction.dateTime}\n`;
        imported++;
        totalAmount += transaction.amountCents;
        if (buffer.length >= copyBufferBytes) await flush();
      }
      } catch (error) {
        // Fail the COPY first: the connection can't roll back while it is still copying.
        if (copy) {
          (copy as Writable).destroy(error as Error);
          await finished(copy).catch(() => undefined);
        }
        throw error;
      }

      if (!copy || !importId || !fileDate) throw new NothingToImportError(ignored.slice(0, 1000));
      await flush();
      copy.end();
      await finished(copy);

      for (let start = 0; start < ignored.length; start += 5000) {
        const batch = ignored.slice(start, start + 5000);
        await tx`
          insert into import_ignored_lines (import_id, position, reason)
          select ${importId}, * from unnest(${batch.map((line) => line.line)}::int[], ${batch.map((line) => line.reason)}::text[])`;
      }
      await tx`
        update imports set transaction_count = ${imported}, ignored_count = ${ignoredCount}, byte_count = ${counter.bytes},
          total_amount = ${totalAmount.toString()}
        where id = ${importId}`;
      await auditOn(tx, db, {
        actor,
        action: "import.created",
        targetType: "import",
        targetId: importId,
        details: { fileName: request.fileName, transactionsDate: fileDate, imported, ignored: ignoredCount },
      });

      return {
        id: importId,
        fileName: request.fileName,
        format: request.format,
        transactionsDate: fileDate,
        imported,
        ignoredCount,
        ignored,
      };
    });
  } catch (error) {
    // Another upload of the same day committed first.
    if (isUniqueViolation(error)) throw dateAlreadyImported();
    throw error;
  }
}

function dateAlreadyImported(date?: string) {
  return new ImportFileError(
    "DATE_ALREADY_IMPORTED",
    date
      ? `Transactions of ${date} were already imported. Nothing from this file was stored.`
      : "Transactions of this file's date were already imported. Nothing from this file was stored.",
  );
}
