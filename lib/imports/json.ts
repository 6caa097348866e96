import { formatMinorUnits } from "@/lib/money";
import type { ImportSummary } from "./importer";
import type { ImportRow, TransactionRow } from "./queries";

// The API answers with at most this many ignored lines; the detail endpoint pages them all.
const ignoredInResponse = 1000;

export function importSummaryJson(summary: ImportSummary) {
  return {
    id: summary.id,
    fileName: summary.fileName,
    transactionsDate: summary.transactionsDate,
    imported: summary.imported,
    ignoredCount: summary.ignoredCount,
    ignored: summary.ignored.slice(0, ignoredInResponse),
  };
}

export function importJson(row: NonNullable<ImportRow>) {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    transactionsDate: row.transactionsDate,
    importedAt: row.importedAt.toISOString(),
    importedBy: { id: row.importedById, name: row.importedBy },
    imported: row.transactionCount,
    ignoredCount: row.ignoredCount,
    bytes: row.byteCount,
    // Whether the import is in the monthly totals the analysis reads (they follow shortly after).
    analysisReady: row.totalsAppliedAt !== null,
  };
}

export function transactionJson(row: TransactionRow) {
  return {
    origin: { bank: row.originBank, branch: row.originBranch, account: row.originAccount },
    destination: { bank: row.destinationBank, branch: row.destinationBranch, account: row.destinationAccount },
    amount: formatMinorUnits(row.amount),
    currency: row.currency,
    dateTime: row.occurredAt.replace(" ", "T"),
  };
}
