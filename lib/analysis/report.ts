import type { Database } from "@/db/client";
import { formatMinorUnits } from "@/lib/money";
import { transactionJson } from "@/lib/imports/json";
import { suspiciousAccounts, suspiciousBranches, suspiciousTransactions } from "./queries";
import { thresholdsJson, type Thresholds } from "./thresholds";

/** Everything suspicious in a month, as the API gives it: amounts as decimal strings, never numbers. */
export async function analysisReport(db: Database, month: string, thresholds: Thresholds) {
  const [transactions, accounts, branches] = await Promise.all([
    suspiciousTransactions(db, month, thresholds.transaction, { sort: { key: "amount", descending: true } }),
    suspiciousAccounts(db, month, thresholds.account, { sort: { key: "total", descending: true } }),
    suspiciousBranches(db, month, thresholds.branch, { sort: { key: "total", descending: true } }),
  ]);
  return {
    month,
    thresholdsVersion: thresholds.version,
    thresholds: thresholdsJson(thresholds),
    transactions: transactions.rows.map(transactionJson),
    accounts: accounts.rows.map((row) => ({
      bank: row.bank,
      branch: row.branch,
      account: row.account,
      direction: row.direction,
      total: formatMinorUnits(row.total),
      count: row.count,
    })),
    branches: branches.rows.map((row) => ({
      bank: row.bank,
      branch: row.branch,
      direction: row.direction,
      total: formatMinorUnits(row.total),
      count: row.count,
    })),
  };
}
