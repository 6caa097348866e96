import type postgres from "postgres";

export type RateEntry = { base: string; quote: string; rate: string; source: string; at: Date };

/** The newest rate of every pair set so far, by pair. */
export async function listCurrentRates(sql: postgres.Sql): Promise<RateEntry[]> {
  const rows = await sql`
    select distinct on (base, quote) base, quote, rate::text as rate, source, created_at from fx_rates
    order by base, quote, id desc`;
  return rows.map((row) => ({ base: row.base, quote: row.quote, rate: row.rate, source: row.source, at: new Date(row.created_at) }));
}
