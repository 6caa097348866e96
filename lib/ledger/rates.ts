import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { parseDecimalAmount } from "@/lib/money";
import { currencySchema } from "@/lib/money/currency";
import { rateScale } from "./pricing";
import type { Queryable } from "./db";


export type CurrentRate = {
  base: string;
  quote: string;
  /** The rate as stored, a decimal string. */
  rate: string;
  /** The rate times 10^rateScale. */
  scaled: bigint;
  source: string;
  at: Date;
  /** The pair was found the other way round (quote per base of the transfer's target). */
  inverted: boolean;
};

export const rateInputSchema = z.object({
  base: currencySchema,
  quote: currencySchema,
  rate: z
    .string()
    .trim()
    .refine((text) => {
      const scaled = parseDecimalAmount(text, rateScale);
      return scaled !== null && scaled > 0n;
    }, `The rate must be a positive decimal with at most ${rateScale} places, like 5.4321.`),
  source: z.string().trim().min(1).max(100).default("manual"),
});

/** The newest rate from `from` to `to`, or the newest the other way round, or RATE_NOT_AVAILABLE. */
export async function currentRate(sql: Queryable, from: string, to: string): Promise<CurrentRate> {
  const [row] = await sql`
    select base, quote, rate::text as rate, source, created_at from fx_rates
    where (base = ${from} and quote = ${to}) or (base = ${to} and quote = ${from})
    order by id desc limit 1`;
  if (!row) throw new DomainError("RATE_NOT_AVAILABLE", `There is no exchange rate from ${from} to ${to}.`);
  return {
    base: row.base,
    quote: row.quote,
    rate: row.rate,
    scaled: parseDecimalAmount(trimZeros(row.rate), rateScale)!,
    source: row.source,
    at: new Date(row.created_at),
    inverted: row.base !== from,
  };
}

/** "5.432100" → "5.4321", "7.000" → "7": numeric's trailing zeros are not more places. */
function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

export async function setRate(sql: Queryable, input: z.output<typeof rateInputSchema>, createdBy: string | null) {
  if (input.base === input.quote) throw new DomainError("VALIDATION_FAILED", "A rate needs two different currencies.", "quote");
  const [row] = await sql`
    insert into fx_rates (base, quote, rate, source, created_by)
    values (${input.base}, ${input.quote}, ${input.rate}, ${input.source}, ${createdBy})
    returning id, created_at`;
  return { id: Number(row.id), ...input, createdAt: new Date(row.created_at) };
}
