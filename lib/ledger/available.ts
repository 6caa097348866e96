import type postgres from "postgres";
import type { Queryable } from "./db";

// The one definition of a hold and of what it keeps from a wallet. A movement screening held
// (pending_review) holds its debit and fee until staff decide. A withdrawal holds its debit
// and fee while pending and until it lapses, judged by one clock: now(), the transaction's time
// in the database (expires_at is set by the same clock). The one exception is the settling of a
// withdrawal, which passes clock_timestamp(): its transaction may have begun before a transfer
// that, after it, saw the hold lapsed and spent the money; judged by its own start it would pay
// that money out again. Any clock at least as late as every spender's now() is safe there.

/**
 * The condition that ledger_transfers row `t` holds money: a withdrawal pending and not lapsed at
 * `at`, or a movement held for review. Each term implies one partial index's predicate (db/schema.ts).
 */
export const holdsMoney = (sql: Queryable, at: postgres.PendingQuery<postgres.Row[]> = sql`now()`) =>
  sql`((t.status = 'pending' and t.kind = 'withdrawal' and t.expires_at > ${at}) or (t.status > 'expired' and t.status = 'pending_review'))`;

/** What a hold `t` keeps from its wallet. */
export const heldByHold = (sql: Queryable) => sql`t.debit_amount + t.fee_amount`;

/** What wallet `account` (an SQL expression) has held by its holds. */
export const heldFrom = (sql: Queryable, account: postgres.PendingQuery<postgres.Row[]>) => sql`
  coalesce((select sum(${heldByHold(sql)}) from ledger_transfers t where t.from_account_id = ${account} and ${holdsMoney(sql)}), 0)`;

/**
 * What the wallets hold, by id (absent: nothing). Send it after the statement that locks them, so
 * it sees every hold committed before the locks; `.execute()` it to pipeline it behind them.
 */
export function heldAmounts(sql: Queryable, walletIds: string[]) {
  return sql`
    select t.from_account_id, sum(${heldByHold(sql)}) as held from ledger_transfers t
    where t.from_account_id = any(${walletIds}::text[]::uuid[]) and ${holdsMoney(sql)}
    group by t.from_account_id`;
}

export function heldById(rows: postgres.Row[]): Map<string, bigint> {
  return new Map(rows.map((row) => [row.from_account_id as string, BigInt(row.held)]));
}
