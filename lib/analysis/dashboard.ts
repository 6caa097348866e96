import type { Database } from "@/db/client";
import { monthRange, previousMonth } from "./month";
import type { DayVolume, MonthFigures } from "./queries";
import { applyPendingTotals } from "./rollups";

export type DashboardFigures = {
  current: MonthFigures;
  previous: MonthFigures;
  /** Each imported day of the current month, with its part at or above the transaction threshold. */
  days: DayVolume[];
  /** The latest month with an import, "YYYY-MM"; null before the first. */
  latestMonth: string | null;
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
  const read = () => db.$client`
    with thresholds as (
      select transaction_amount, account_total, branch_total from threshold_versions order by version desc limit 1
    ), months as (
      select * from (values (${month}::text, ${current.start}::date, ${current.end}::date), (${before}::text, ${previous.start}::date, ${previous.end}::date)) as m(month, start_date, end_date)
    ), figures as (
      select m.month,
        (select count(*)::int from imports i where i.transactions_date >= m.start_date and i.transactions_date < m.end_date) as imports,
        (select coalesce(sum(i.transaction_count), 0)::text from imports i where i.transactions_date >= m.start_date and i.transactions_date < m.end_date) as transactions,
        (select coalesce(sum(i.total_amount), 0)::text from imports i where i.transactions_date >= m.start_date and i.transactions_date < m.end_date) as volume,
        (select count(*)::int from transactions x
          where x.occurred_at >= m.start_date and x.occurred_at < m.end_date and x.amount >= t.transaction_amount) as suspicious_transactions,
        (select count(*)::int from account_monthly_totals a where a.month = m.start_date and a.total >= t.account_total) as suspicious_accounts,
        (select count(*)::int from branch_monthly_totals b where b.month = m.start_date and b.total >= t.branch_total) as suspicious_branches
      from months m cross join thresholds t
    ), suspicious_days as (
      select to_char(x.occurred_at, 'YYYY-MM-DD') as date, sum(x.amount)::text as total, count(*)::int as count
      from transactions x cross join thresholds t
      where x.occurred_at >= ${current.start}::date and x.occurred_at < ${current.end}::date and x.amount >= t.transaction_amount
      group by 1
    ), days as (
      select to_char(i.transactions_date, 'YYYY-MM-DD') as date, i.total_amount::text as total, i.transaction_count as count,
        coalesce(s.total, '0') as suspicious_total, coalesce(s.count, 0) as suspicious_count
      from imports i left join suspicious_days s on s.date = to_char(i.transactions_date, 'YYYY-MM-DD')
      where i.transactions_date >= ${current.start}::date and i.transactions_date < ${current.end}::date
    )
    select
      (select json_agg(f) from figures f) as figures,
      (select coalesce(json_agg(d order by d.date), '[]') from days d) as days,
      (select to_char(max(transactions_date), 'YYYY-MM') from imports) as latest_month,
      exists (select 1 from imports where totals_applied_at is null and transactions_date >= ${previous.start}::date and transactions_date < ${current.end}::date) as pending`;

  let [row] = await read();
  if (row.pending) {
    await applyPendingTotals(db, before);
    await applyPendingTotals(db, month);
    [row] = await read();
  }
  const figuresOf = (name: string): MonthFigures => {
    const figures = (row.figures as Array<Record<string, string | number>>).find((entry) => entry.month === name)!;
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
    days: (row.days as Array<{ date: string; total: string; count: number; suspicious_total: string; suspicious_count: number }>).map((day) => ({
      date: day.date,
      total: BigInt(day.total),
      count: day.count,
      suspiciousTotal: BigInt(day.suspicious_total),
      suspiciousCount: day.suspicious_count,
    })),
    latestMonth: row.latest_month,
  };
}
