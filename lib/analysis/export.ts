import Papa from "papaparse";
import type { Database } from "@/db/client";
import type { FlowDirection } from "@/db/schema";
import { formatMinorUnits } from "@/lib/money";
import { suspiciousAccounts, suspiciousBranches, suspiciousTransactions } from "./queries";
import type { Thresholds } from "./thresholds";

export type ExportSection = "transactions" | "accounts" | "branches";

const pageSize = 5000;

/**
 * A section of a month's analysis as CSV text, a page of rows at a time, largest amounts first,
 * with a header line. Amounts are plain decimals ("100000.00") so spreadsheets read them, and
 * a value a spreadsheet would run as a formula ("=...") is escaped.
 */
export async function* analysisCsv(
  db: Database,
  month: string,
  thresholds: Thresholds,
  section: ExportSection,
  filter: { search?: string; direction?: FlowDirection },
): AsyncGenerator<string, void, undefined> {
  for (let index = 0; ; index++) {
    const page = { index, size: pageSize };
    const rows = await sectionRows(db, month, thresholds, section, filter, page);
    const header = index === 0;
    if (rows.length > 0 || header) yield Papa.unparse(rows, { header, newline: "\r\n", columns: columns[section], escapeFormulae: true }) + "\r\n";
    if (rows.length < pageSize) return;
  }
}

const columns: Record<ExportSection, string[]> = {
  transactions: [
    "origin_bank",
    "origin_branch",
    "origin_account",
    "destination_bank",
    "destination_branch",
    "destination_account",
    "amount",
    "currency",
    "date_time",
  ],
  accounts: ["bank", "branch", "account", "direction", "total", "currency", "transactions"],
  branches: ["bank", "branch", "direction", "total", "currency", "transactions"],
};

async function sectionRows(
  db: Database,
  month: string,
  thresholds: Thresholds,
  section: ExportSection,
  filter: { search?: string; direction?: FlowDirection },
  page: { index: number; size: number },
): Promise<Record<string, string | number>[]> {
  if (section === "transactions") {
    const { rows } = await suspiciousTransactions(db, month, thresholds.transaction, {
      search: filter.search,
      sort: { key: "amount", descending: true },
      page,
    });
    return rows.map((row) => ({
      origin_bank: row.originBank,
      origin_branch: row.originBranch,
      origin_account: row.originAccount,
      destination_bank: row.destinationBank,
      destination_branch: row.destinationBranch,
      destination_account: row.destinationAccount,
      amount: formatMinorUnits(row.amount),
      currency: row.currency,
      date_time: row.occurredAt.replace(" ", "T"),
    }));
  }
  const options = { ...filter, sort: { key: "total", descending: true } as const, page };
  if (section === "accounts") {
    const { rows } = await suspiciousAccounts(db, month, thresholds.account, options);
    return rows.map((row) => ({ ...flowFields(row), account: row.account }));
  }
  const { rows } = await suspiciousBranches(db, month, thresholds.branch, options);
  return rows.map(flowFields);
}

function flowFields(row: { bank: string; branch: string; direction: FlowDirection; total: bigint; count: number }) {
  // Bank files only hold BRL.
  return { bank: row.bank, branch: row.branch, direction: row.direction, total: formatMinorUnits(row.total), currency: "BRL", transactions: row.count };
}
