import { gte, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { accountMonthlyTotals, branchMonthlyTotals, transactions } from "@/db/schema";

/** A threshold in minor units, or the SQL that reads it (the dashboard reads the thresholds in force in its statement). */
type Threshold = bigint | SQL | PgColumn;

// The monitoring rule, written once for every list, figure, chart and export: a transaction is
// suspicious at or above the transaction threshold; an account, or a branch, when its month's
// total sent (or received) is at or above its own threshold.
export const isSuspiciousTransaction = (threshold: Threshold) => gte(transactions.amount, threshold);
export const isSuspiciousAccountTotal = (threshold: Threshold) => gte(accountMonthlyTotals.total, threshold);
export const isSuspiciousBranchTotal = (threshold: Threshold) => gte(branchMonthlyTotals.total, threshold);
