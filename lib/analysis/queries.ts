import { and, asc, count, desc, eq, gte, ilike, lt, or, sql, sum, type SQL } from "drizzle-orm";
import type { PgColumn, PgSelect } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { accountMonthlyTotals, branchMonthlyTotals, imports, transactions, type FlowDirection } from "@/db/schema";
import { transactionColumns } from "@/lib/imports/queries";
import { escapeLike, type Page } from "@/lib/paging";
import { monthRange } from "./month";
import { applyPendingTotals } from "./rollups";
import { isSuspiciousAccountTotal, isSuspiciousBranchTotal, isSuspiciousTransaction } from "./rules";

export type Sort<Key extends string> = { key: Key; descending: boolean };
export type ListOptions<Key extends string> = { search?: string; sort: Sort<Key>; page?: Page };

const contains = (columns: PgColumn[], search: string | undefined): SQL | undefined => {
  if (!search) return undefined;
  const pattern = `%${escapeLike(search)}%`;
  return or(...columns.map((column) => ilike(column, pattern)));
};

const ordered = (column: PgColumn, descending: boolean) => (descending ? desc(column) : asc(column));

/** One page of a dynamic query, or all of it without a page (the API and CSV exports). */
const paged = <Query extends PgSelect>(query: Query, page: Page | undefined) => (page ? query.limit(page.size).offset(page.index * page.size) : query);

// ---- Transactions -------------------------------------------------------------------------

export const transactionSortKeys = ["amount", "occurredAt", "originBank", "destinationBank"] as const;
export type TransactionSortKey = (typeof transactionSortKeys)[number];

const inMonth = (month: string) => {
  const { start, end } = monthRange(month);
  return and(gte(transactions.occurredAt, start), lt(transactions.occurredAt, end));
};

const transactionSearchColumns = [
  transactions.originBank,
  transactions.originBranch,
  transactions.originAccount,
  transactions.destinationBank,
  transactions.destinationBranch,
  transactions.destinationAccount,
];

/** The month's transactions at or above `threshold`, largest first by default. */
export function suspiciousTransactions(db: Database, month: string, threshold: bigint, options: ListOptions<TransactionSortKey>) {
  return listTransactions(db, and(inMonth(month), isSuspiciousTransaction(threshold)), options);
}

async function listTransactions(db: Database, filter: SQL | undefined, options: ListOptions<TransactionSortKey>) {
  const where = and(filter, contains(transactionSearchColumns, options.search));
  const [rows, [{ total }]] = await Promise.all([
    paged(
      db
        .select(transactionColumns)
        .from(transactions)
        .where(where)
        .orderBy(ordered(transactions[options.sort.key], options.sort.descending), asc(transactions.id))
        .$dynamic(),
      options.page,
    ),
    db.select({ total: count() }).from(transactions).where(where),
  ]);
  return { rows, total };
}

/** Which side of a transfer a party was on: `out` is the origin, `in` the destination. */
export type Party = { direction: FlowDirection; bank: string; branch: string; account?: string };

/** The month's transactions sent (`out`) or received (`in`) by an account or, without `account`, a branch. */
export function partyTransactions(db: Database, month: string, party: Party, options: ListOptions<TransactionSortKey>) {
  const [bank, branch, account] =
    party.direction === "out"
      ? [transactions.originBank, transactions.originBranch, transactions.originAccount]
      : [transactions.destinationBank, transactions.destinationBranch, transactions.destinationAccount];
  const filter = and(
    eq(bank, party.bank),
    eq(branch, party.branch),
    party.account === undefined ? undefined : eq(account, party.account),
    inMonth(month),
  );
  return listTransactions(db, filter, options);
}

// ---- Accounts and branches ----------------------------------------------------------------
// These read the monthly totals, first adding any import of the month not yet in them.

export const accountSortKeys = ["total", "count", "bank", "branch", "account", "direction"] as const;
export type AccountSortKey = (typeof accountSortKeys)[number];
export const branchSortKeys = ["total", "count", "bank", "branch", "direction"] as const;
export type BranchSortKey = (typeof branchSortKeys)[number];

export type FlowOptions<Key extends string> = ListOptions<Key> & { direction?: FlowDirection };

/** Accounts whose month total sent, or received, is at or above `threshold`: one row per direction. */
export async function suspiciousAccounts(db: Database, month: string, threshold: bigint, options: FlowOptions<AccountSortKey>) {
  await applyPendingTotals(db, month);
  const t = accountMonthlyTotals;
  const where = and(
    eq(t.month, `${month}-01`),
    isSuspiciousAccountTotal(threshold),
    options.direction ? eq(t.direction, options.direction) : undefined,
    contains([t.bank, t.branch, t.account], options.search),
  );
  const [rows, [{ total }]] = await Promise.all([
    paged(
      db
        .select({ bank: t.bank, branch: t.branch, account: t.account, direction: t.direction, total: t.total, count: t.count })
        .from(t)
        .where(where)
        .orderBy(ordered(t[options.sort.key], options.sort.descending), asc(t.bank), asc(t.branch), asc(t.account), asc(t.direction))
        .$dynamic(),
      options.page,
    ),
    db.select({ total: count() }).from(t).where(where),
  ]);
  return { rows, total };
}

/** Branches (all their accounts together) whose month total sent, or received, is at or above `threshold`. */
export async function suspiciousBranches(db: Database, month: string, threshold: bigint, options: FlowOptions<BranchSortKey>) {
  await applyPendingTotals(db, month);
  const t = branchMonthlyTotals;
  const where = and(
    eq(t.month, `${month}-01`),
    isSuspiciousBranchTotal(threshold),
    options.direction ? eq(t.direction, options.direction) : undefined,
    contains([t.bank, t.branch], options.search),
  );
  const [rows, [{ total }]] = await Promise.all([
    paged(
      db
        .select({ bank: t.bank, branch: t.branch, direction: t.direction, total: t.total, count: t.count })
        .from(t)
        .where(where)
        .orderBy(ordered(t[options.sort.key], options.sort.descending), asc(t.bank), asc(t.branch), asc(t.direction))
        .$dynamic(),
      options.page,
    ),
    db.select({ total: count() }).from(t).where(where),
  ]);
  return { rows, total };
}

// ---- Figures and charts -------------------------------------------------------------------

/** The months that have imports, newest first, as "YYYY-MM". */
export async function analysisMonths(db: Database): Promise<string[]> {
  const month = sql<string>`to_char(${imports.transactionsDate}, 'YYYY-MM')`;
  const rows = await db.selectDistinct({ month }).from(imports).orderBy(desc(month));
  return rows.map((row) => row.month);
}

export type DayVolume = { date: string; total: bigint; count: number; suspiciousTotal: bigint; suspiciousCount: number };

/** Each imported day of the month: its volume and the part of it at or above `threshold`. */
export async function dailyVolume(db: Database, month: string, threshold: bigint): Promise<DayVolume[]> {
  const { start, end } = monthRange(month);
  const day = sql<string>`to_char(${transactions.occurredAt}, 'YYYY-MM-DD')`;
  const [days, suspicious] = await Promise.all([
    db
      .select({ date: imports.transactionsDate, total: imports.totalAmount, count: imports.transactionCount })
      .from(imports)
      .where(and(gte(imports.transactionsDate, start), lt(imports.transactionsDate, end)))
      .orderBy(asc(imports.transactionsDate)),
    db
      .select({ date: day, total: sum(transactions.amount).mapWith(BigInt), count: count() })
      .from(transactions)
      .where(and(inMonth(month), isSuspiciousTransaction(threshold)))
      .groupBy(day),
  ]);
  const suspiciousByDay = new Map(suspicious.map((row) => [row.date, row]));
  return days.map((row) => ({
    ...row,
    suspiciousTotal: suspiciousByDay.get(row.date)?.total ?? 0n,
    suspiciousCount: suspiciousByDay.get(row.date)?.count ?? 0,
  }));
}

/** The accounts that sent or received the most in the month (one row per account and direction). */
export async function topAccounts(db: Database, month: string, limit: number) {
  await applyPendingTotals(db, month);
  const t = accountMonthlyTotals;
  return db
    .select({ bank: t.bank, branch: t.branch, account: t.account, direction: t.direction, total: t.total, count: t.count })
    .from(t)
    .where(eq(t.month, `${month}-01`))
    .orderBy(desc(t.total), asc(t.bank), asc(t.branch), asc(t.account), asc(t.direction))
    .limit(limit);
}

/** A month's key figures for the staff dashboard (see dashboardFigures). */
export type MonthFigures = {
  imports: number;
  transactions: number;
  volume: bigint;
  suspiciousTransactions: number;
  suspiciousAccounts: number;
  suspiciousBranches: number;
};

