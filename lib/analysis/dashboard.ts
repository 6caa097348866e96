import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accountMonthlyTotals, branchMonthlyTotals, imports, thresholdVersions, transactions } from "@/db/schema";
import { monthRange, previousMonth } from "./month";
import type { DayVolume, MonthFigures } from "./queries";
import { applyPendingTotals } from "./rollups";
import { isSuspiciousAccountTotal, isSuspiciousBranchTotal, isSuspiciousTransaction } from "./rules";

export type DashboardFigures = {
  current: MonthFigures;
  previous: MonthFigures;
  /** Each imported day of the current month, with its part at or above the transaction threshold. */
  days: DayVolume[];
  /** The latest month with an import, "YYYY-MM"; null before the first. */
  latestMonth: string | null;
};

type DashboardRow = {
  figures: Array<Record<string, string | number>>;
  days: Array<{ date: string; total: string; count: number; suspicious_total: string; suspicious_count: number }>;
  latest_month: string | null;
  pending: boolean;
};

/**
 * The staff dashboard's figures, the same as monthFigures for `month` and the month before and
 * dailyVolume for `month` under the thresholds in force, in one statement: the dashboard is
 * every staff member's landing page, and each round trip costs more CPU (on both sides) than
 * these small reads. Totals an import has not yet added are added first, as monthFigures does.
 */
export async function dashboardFigures(db: Database, month: string): Promise<DashboardFigures> {
  const before = previousMonth(month);
  const current = monthRange(month);
  const previous = monthRange(before);
  // The thresholds in force, read in the statement (the CTE below).
  const threshold = { transaction: sql`t.transaction_amount`, account: sql`t.account_total`, branch: sql`t.branch_total` };
  const dates = (range: { start: string; end: string }) => sql`${range.start}::date, ${range.end}::date`;
  const read = async () => {
    const rows = await db.execute<DashboardRow>(sql`
    with thresholds as (
      select transaction_amount, account_total, branch_total from ${thresholdVersions} order by version desc limit 1
    ), months as (
      select * from (values (${month}::text, ${dates(current)}), (${before}::text, ${dates(previous)})) as m(month, start_date, end_date)
    ), figures as (
      select m.month,
        (select count(*)::int from ${imports} where ${imports.transactionsDate} >= m.start_date and ${imports.transactionsDate} < m.end_date) as imports,
        (select coalesce(sum(${imports.transactionCount}), 0)::text from ${imports} where ${imports.transactionsDate} >= m.start_date and ${imports.transactionsDate} < m.end_date) as transactions,
        (select coalesce(sum(${imports.totalAmount}), 0)::text from ${imports} where ${imports.transactionsDate} >= m.start_date and ${imports.transactionsDate} < m.end_date) as volume,
        (select count(*)::int from ${transactions}
          where ${transactions.occurredAt} >= m.start_date and ${transactions.occurredAt} < m.end_date and ${isSuspiciousTransaction(threshold.transaction)}) as suspicious_transactions,
        (select count(*)::int from ${accountMonthlyTotals} where ${accountMonthlyTotals.month} = m.start_date and ${isSuspiciousAccountTotal(threshold.account)}) as suspicious_accounts,
        (select count(*)::int from ${branchMonthlyTotals} where ${branchMonthlyTotals.month} = m.start_date and ${isSuspiciousBranchTotal(threshold.branch)}) as suspicious_branches
      from months m cross join thresholds t
    ), suspicious_days as (
      select to_char(${transactions.occurredAt}, 'YYYY-MM-DD') as date, sum(${transactions.amount})::text as total, count(*)::int as count
      from ${transactions} cross join thresholds t
      where ${transactions.occurredAt} >= ${current.start}::date and ${transactions.occurredAt} < ${current.end}::date and ${isSuspiciousTransaction(threshold.transaction)}
      group by 1
    ), days as (
      select to_char(i.transactions_date, 'YYYY-MM-DD') as date, i.total_amount::text as total, i.transaction_count as count,
        coalesce(s.total, '0') as suspicious_total, coalesce(s.count, 0) as suspicious_count
      from ${imports} i left join suspicious_days s on s.date = to_char(i.transactions_date, 'YYYY-MM-DD')
      where i.transactions_date >= ${current.start}::date and i.transactions_date < ${current.end}::date
    )
    select
      (select json_agg(f) from figures f) as figures,
      (select coalesce(json_agg(d order by d.date), '[]') from days d) as days,
      (select to_char(max(${imports.transactionsDate}), 'YYYY-MM') from ${imports}) as latest_month,
      exists (select 1 from ${imports} where ${imports.totalsAppliedAt} is null and ${imports.transactionsDate} >= ${previous.start}::date and ${imports.transactionsDate} < ${current.end}::date) as pending`);
    return rows;
  };

  let [row] = await read();
  if (row.pending) {
    await applyPendingTotals(db, before);
    await applyPendingTotals(db, month);
    [row] = await read();
  }
  const figuresOf = (name: string): MonthFigures => {
    const figures = row.figures.find((entry) => entry.month === name)!;
    return {
      imports: Number(figures.imports),
      transactions: Number(figures.transactions),
      volume: BigInt(figures.volume),
      suspiciousTransactions: Number(figures.suspicious_transactions),
      suspiciousAccounts: Number(figures.suspicious_accounts),
      suspiciousBranches: Number(figures.suspicious_branches),
    };
  };
  return {
    current: figuresOf(month),
    previous: figuresOf(before),
    days: row.days.map((day) => ({
      date: day.date,
      total: BigInt(day.total),
      count: day.count,
      suspiciousTotal: BigInt(day.suspicious_total),
      suspiciousCount: day.suspicious_count,
    })),
    latestMonth: row.latest_month,
  };
}
