import { z } from "zod";
import type { Database } from "@/db/client";
import { auditOn, type Actor } from "@/lib/audit";
import { formatGroupedMinorUnits, formatMinorUnits, parseDecimalAmount } from "@/lib/money";
import { currencySchema, currencyScale } from "@/lib/money/currency";
import { feeFor, feeScheduleOf, percentScale, type FeeSchedule } from "./pricing";
import type { Queryable } from "./db";


export async function feeSchedule(sql: Queryable, currency: string): Promise<FeeSchedule | null> {
  const [row] = await sql`select flat, percent, minimum from fee_schedules where currency = ${currency}`;
  return row ? feeScheduleOf(row) : null;
}

export async function setFeeSchedule(sql: Queryable, currency: string, schedule: FeeSchedule, updatedBy: string | null) {
  await sql`
    insert into fee_schedules (currency, flat, percent, minimum, updated_by)
    values (${currency}, ${schedule.flat.toString()}, ${schedule.percent.toString()}, ${schedule.minimum.toString()}, ${updatedBy})
    on conflict (currency) do update set flat = excluded.flat, percent = excluded.percent, minimum = excluded.minimum,
      updated_by = excluded.updated_by, updated_at = now()`;
}

export type CurrencyFees = {
  currency: string;
  /** Null: no schedule, sending in this currency is free. */
  schedule: FeeSchedule | null;
  updatedAt: Date | null;
  updatedBy: string | null;
};

/**
 * Every currency that has a fee schedule or a wallet, A to Z, so a currency customers hold
 * but nobody priced yet shows up as free instead of being missing.
 */
export async function listFeeSchedules(db: Database): Promise<CurrencyFees[]> {
  const sql = db.$client;
  const rows = await sql`
    with currencies as (
      select currency from fee_schedules
      union select distinct currency from ledger_accounts where kind = 'wallet'
    )
    select c.currency, f.flat, f.percent, f.minimum, f.updated_at, u.name as updated_by
    from currencies c
    left join fee_schedules f on f.currency = c.currency
    left join users u on u.id = f.updated_by
    order by c.currency`;
  return rows.map((row) => ({
    currency: row.currency,
    schedule: feeScheduleOf(row),
    updatedAt: row.updated_at ? new Date(row.updated_at) : null,
    updatedBy: row.updated_by ?? null,
  }));
}

/** Saves a currency's schedule; the audit log records the change in the same transaction. */
export async function saveFeeSchedule(db: Database, actor: Actor & { id: string }, currency: string, schedule: FeeSchedule) {
  await db.$client.begin(async (tx) => {
    const before = await feeSchedule(tx, currency);
    await setFeeSchedule(tx, currency, schedule, actor.id);
    await auditOn(tx, db, {
      actor,
      action: "fee_schedule.updated",
      targetType: "fee_schedule",
      targetId: currency,
      details: { before: before && feeScheduleText(before, currency), after: feeScheduleText(schedule, currency) },
    });
  });
}

/** A percent as typed ("0.5", "1.25") in the schedule's scale (0.5% is 5000n), or null. */
export function parsePercent(text: string): bigint | null {
  return parseDecimalAmount(text.trim(), percentScale);
}

/** A scaled percent as people write it, with at least 2 places: 5000n → "0.50", 150n → "0.015". */
export function formatPercent(percent: bigint): string {
  return formatMinorUnits(percent, percentScale).replace(/(\.\d\d\d*?)0+$/, "$1");
}

/** The percent as a form field shows it, without padding: 5000n → "0.5", 10000n → "1". */
export function percentInputText(percent: bigint): string {
  return formatMinorUnits(percent, percentScale).replace(/\.?0+$/, "");
}

const currencySymbols = new Map<string, string>();

/** The currency's symbol in English ("R$", "$", "€"), or its code when it has none. */
export function currencySymbol(currency: string): string {
  let symbol = currencySymbols.get(currency);
  if (symbol === undefined) {
    // The formatted value only serves to find the symbol's part: no amount goes through a float.
    const parts = new Intl.NumberFormat("en", { style: "currency", currency }).formatToParts(0);
    symbol = parts.find((part) => part.type === "currency")?.value ?? currency;
    currencySymbols.set(currency, symbol);
  }
  return symbol;
}

/** Minor units with the currency's symbol: 100n BRL → "R$ 1.00". */
export function formatMoneyWithSymbol(amount: bigint, currency: string): string {
  return `${currencySymbol(currency)} ${formatGroupedMinorUnits(amount, currencyScale(currency))}`;
}

/** The schedule in words: "R$ 1.00 + 0.50%, at least R$ 2.00"; "No fee" when it charges nothing. */
export function feeScheduleText(schedule: FeeSchedule | null, currency: string): string {
  if (!schedule) return "No fee";
  const parts: string[] = [];
  if (schedule.flat > 0n) parts.push(formatMoneyWithSymbol(schedule.flat, currency));
  if (schedule.percent > 0n) parts.push(`${formatPercent(schedule.percent)}%`);
  const base = parts.length > 0 ? parts.join(" + ") : null;
  const minimum = schedule.minimum > 0n ? formatMoneyWithSymbol(schedule.minimum, currency) : null;
  if (base && minimum) return `${base}, at least ${minimum}`;
  if (minimum) return `${minimum} per transfer`;
  return base ?? "No fee";
}

/** 100 whole units of the currency (100.00 BRL, 100 JPY), the amount the fee example uses. */
export function exampleAmount(currency: string): bigint {
  return 100n * 10n ** BigInt(currencyScale(currency));
}

export function exampleFee(schedule: FeeSchedule | null, currency: string): bigint {
  return feeFor(exampleAmount(currency), schedule);
}

const maxPercent = 100n * 10n ** BigInt(percentScale);
// Far above any sensible fee, and far below a bigint's limit for the fee arithmetic.
const maxFeeUnits = 1_000_000_000_000n;

/** A schedule as typed in the form: amounts as decimals in the currency, the percent as a decimal percent. */
export const feeInputSchema = z
  .object({
    currency: currencySchema,
    flat: z.string().trim(),
    percent: z.string().trim(),
    minimum: z.string().trim(),
  })
  .transform((input, context) => {
    const scale = currencyScale(input.currency);
    const amount = (field: "flat" | "minimum", label: string) => {
      const value = parseDecimalAmount(input[field] === "" ? "0" : input[field], scale);
      if (value === null || value > maxFeeUnits) {
        const example = formatMinorUnits(150n * 10n ** BigInt(scale) / 100n, scale);
        context.addIssue({
          code: "custom",
          path: [field],
          message: `${label} must be an amount in ${input.currency} with at most ${scale} decimal places, like ${example}.`,
        });
        return 0n;
      }
      return value;
    };
    const flat = amount("flat", "The flat fee");
    const minimum = amount("minimum", "The minimum");
    const percent = parsePercent(input.percent === "" ? "0" : input.percent);
    if (percent === null || percent > maxPercent) {
      context.addIssue({
        code: "custom",
        path: ["percent"],
        message: `The percent must be a number from 0 to 100 with at most ${percentScale} decimal places, like 0.5 for 0.5%.`,
      });
    }
    return { currency: input.currency, schedule: { flat, percent: percent ?? 0n, minimum } satisfies FeeSchedule };
  });
