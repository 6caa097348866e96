import type postgres from "postgres";
import type { FeeSchedule } from "./pricing";

type Queryable = postgres.Sql | postgres.TransactionSql;

export async function feeSchedule(sql: Queryable, currency: string): Promise<FeeSchedule | null> {
  const [row] = await sql`select flat, percent, minimum from fee_schedules where currency = ${currency}`;
  return row ? { flat: BigInt(row.flat), percent: BigInt(row.percent), minimum: BigInt(row.minimum) } : null;
}

export async function setFeeSchedule(sql: Queryable, currency: string, schedule: FeeSchedule, updatedBy: string | null) {
  await sql`
    insert into fee_schedules (currency, flat, percent, minimum, updated_by)
    values (${currency}, ${schedule.flat.toString()}, ${schedule.percent.toString()}, ${schedule.minimum.toString()}, ${updatedBy})
    on conflict (currency) do update set flat = excluded.flat, percent = excluded.percent, minimum = excluded.minimum,
      updated_by = excluded.updated_by, updated_at = now()`;
}
