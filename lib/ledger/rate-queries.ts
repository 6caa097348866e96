import type postgres from "postgres";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { auditOn, type Actor } from "@/lib/audit";
import type { Page } from "@/lib/paging";
import type { RateLine } from "./rate-import";
import { setRate, type rateInputSchema } from "./rates";
import type { Queryable } from "./db";


export type RateRow = {
  id: number;
  base: string;
  quote: string;
  /** The rate as stored, a decimal string. */
  rate: string;
  source: string;
  createdAt: Date;
  /** Who set it; null for rates set by the system. */
  createdBy: string | null;
};

function toRateRow(row: postgres.Row): RateRow {
  return {
    id: Number(row.id),
    base: row.base,
    quote: row.quote,
    rate: row.rate,
    source: row.source,
    createdAt: new Date(row.created_at),
    createdBy: row.created_by_name ?? null,
  };
}

const rateColumns = (sql: Queryable) => sql`r.id, r.base, r.quote, r.rate::text as rate, r.source, r.created_at, u.name as created_by_name`;

/** The rate in force for every pair: the newest row per base and quote, pairs A to Z. */
export async function latestRates(db: Database): Promise<RateRow[]> {
  const sql = db.$client;
  const rows = await sql`
    select distinct on (r.base, r.quote) ${rateColumns(sql)}
    from fx_rates r left join users u on u.id = r.created_by
    order by r.base, r.quote, r.id desc`;
  return rows.map(toRateRow);
}

/** Every rate recorded for one pair, newest first. */
export async function rateHistory(db: Database, pair: { base: string; quote: string }, page: Page): Promise<{ rows: RateRow[]; total: number }> {
  const sql = db.$client;
  const [rows, [{ total }]] = await Promise.all([
    sql`
      select ${rateColumns(sql)} from fx_rates r left join users u on u.id = r.created_by
      where r.base = ${pair.base} and r.quote = ${pair.quote}
      order by r.id desc limit ${page.size} offset ${page.index * page.size}`,
    sql`select count(*)::int as total from fx_rates where base = ${pair.base} and quote = ${pair.quote}`,
  ]);
  return { rows: rows.map(toRateRow), total };
}

/** Sets a pair's rate by hand; the audit log records it in the same transaction. */
export async function saveRate(db: Database, actor: Actor & { id: string }, input: z.output<typeof rateInputSchema>) {
  return db.$client.begin(async (tx) => {
    const saved = await setRate(tx, input, actor.id);
    await auditOn(tx, db, {
      actor,
      action: "fx_rate.set",
      targetType: "fx_rate",
      targetId: String(saved.id),
      details: { base: saved.base, quote: saved.quote, rate: saved.rate, source: saved.source },
    });
    return saved;
  });
}

/** Records a validated file of rates, all or none, in file order (so a pair's last line is in force). */
export async function importRates(db: Database, actor: Actor & { id: string }, rates: RateLine[], fileName: string): Promise<number> {
  return db.$client.begin(async (tx) => {
    for (const rate of rates) await setRate(tx, rate, actor.id);
    await auditOn(tx, db, {
      actor,
      action: "fx_rate.imported",
      targetType: "fx_rates",
      details: { fileName, count: rates.length, pairs: [...new Set(rates.map((rate) => `${rate.base}/${rate.quote}`))] },
    });
    return rates.length;
  }) as Promise<number>;
}
