import type postgres from "postgres";
import type { Database } from "@/db/client";
import { monthRange } from "./month";

/**
 * Adds an import's transactions to its month's account and branch totals. Rows are upserted in
 * key order, so two imports of the same month wait for each other rather than deadlock.
 */
export async function addImportToMonthlyTotals(tx: postgres.TransactionSql, importId: string, month: string): Promise<void> {
  const monthStart = `${month}-01`;
  for (const [direction, side] of [
    ["out", "origin"],
    ["in", "destination"],
  ] as const) {
    const [bank, branch, account] = [`${side}_bank`, `${side}_branch`, `${side}_account`].map((column) => tx(column));
    await tx`
      insert into account_monthly_totals as t (month, direction, bank, branch, account, total, count)
      select ${monthStart}, ${direction}, ${bank}, ${branch}, ${account}, sum(amount), count(*)
      from transactions where import_id = ${importId}
      group by 3, 4, 5 order by 3, 4, 5
      on conflict (month, direction, bank, branch, account)
      do update set total = t.total + excluded.total, count = t.count + excluded.count`;
    await tx`
      insert into branch_monthly_totals as t (month, direction, bank, branch, total, count)
      select ${monthStart}, ${direction}, ${bank}, ${branch}, sum(amount), count(*)
      from transactions where import_id = ${importId}
      group by 3, 4 order by 3, 4
      on conflict (month, direction, bank, branch)
      do update set total = t.total + excluded.total, count = t.count + excluded.count`;
  }
}

/**
 * Adds every import not yet in the monthly totals (of `month`, or of all months), each in its own
 * transaction that also marks it done, so it is added exactly once whoever runs this and however
 * often. An import still being added by another caller is waited for, not skipped: on return,
 * the totals hold every import committed before the call.
 *
 * Imports leave this to run after they answer (a day's totals cost about as much as its COPY);
 * the analysis runs it before reading the totals, so it never shows them incomplete.
 */
export async function applyPendingTotals(db: Database, month?: string): Promise<number> {
  const range = month ? monthRange(month) : undefined;
  let applied = 0;
  for (;;) {
    const done = await db.$client.begin(async (tx) => {
      const [pending] = await tx`
        select id, to_char(transactions_date, 'YYYY-MM') as month from imports
        where totals_applied_at is null
          ${range ? tx`and transactions_date >= ${range.start} and transactions_date < ${range.end}` : tx``}
        order by transactions_date limit 1 for update`;
      if (!pending) return true;
      await addImportToMonthlyTotals(tx, pending.id, pending.month);
      await tx`update imports set totals_applied_at = now() where id = ${pending.id}`;
      return false;
    });
    if (done) return applied;
    applied++;
  }
}
