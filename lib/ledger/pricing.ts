import { currencyScale } from "@/lib/money/currency";

/** An exchange rate: how many units of `quote` one unit of `base` buys, as an exact decimal. */
export type Rate = { base: string; quote: string; value: string };

/** Rates are kept with up to 12 decimal places: `value` is the rate times 10^12. */
export const rateScale = 12;

const divideRoundingUp = (numerator: bigint, denominator: bigint) => (numerator + denominator - 1n) / denominator;
const pow10 = (exponent: number) => 10n ** BigInt(exponent);

/**
 * Converts `amount` minor units of `from` into minor units of `to` at `rate` (scaled by
 * 10^rateScale, given for base `from`, or for base `to` and then used inverted). Rounds down to
 * a whole minor unit of `to`: the one rounding in a transfer across currencies never favours the
 * customer, so no sequence of conversions at a rate can end with more than it started with. A
 * result of zero (a fair value below one minor unit) is refused by the caller.
 */
export function convert(amount: bigint, from: string, to: string, scaledRate: bigint, inverted = false): bigint {
  const fromScale = pow10(currencyScale(from));
  const toScale = pow10(currencyScale(to));
  // Both operands are positive: bigint division truncates, which is rounding down here.
  if (inverted) return (amount * toScale * pow10(rateScale)) / (fromScale * scaledRate);
  return (amount * toScale * scaledRate) / (fromScale * pow10(rateScale));
}

/** convert(), rounding up instead: where a threshold is checked (lib/screening), a borderline amount reaches it. */
export function convertRoundingUp(amount: bigint, from: string, to: string, scaledRate: bigint, inverted = false): bigint {
  const fromScale = pow10(currencyScale(from));
  const toScale = pow10(currencyScale(to));
  if (inverted) return divideRoundingUp(amount * toScale * pow10(rateScale), fromScale * scaledRate);
  return divideRoundingUp(amount * toScale * scaledRate, fromScale * pow10(rateScale));
}

/**
 * The least amount of `from` that converts (see convert, same rate) to at least `credit` minor
 * units of `to`: what a sender pays for the recipient to get `credit`. It rounds up, so the
 * rounding still never favours the sender.
 */
export function amountToCredit(credit: bigint, from: string, to: string, scaledRate: bigint, inverted = false): bigint {
  const fromScale = pow10(currencyScale(from));
  const toScale = pow10(currencyScale(to));
  // convert() is floor(amount · n / d); it reaches credit exactly when amount · n ≥ credit · d.
  if (inverted) return divideRoundingUp(credit * fromScale * scaledRate, toScale * pow10(rateScale));
  return divideRoundingUp(credit * fromScale * pow10(rateScale), toScale * scaledRate);
}

/** A currency's fee: a flat part plus a percentage (scaled by 10^4: 150n is 0.015%), at least `minimum`. */
export type FeeSchedule = { flat: bigint; percent: bigint; minimum: bigint };

export const percentScale = 4;

/** A schedule as read from fee_schedules' columns; a row without one (an outer join's miss) has a null `flat`. */
export function feeScheduleOf(row: { flat?: unknown; percent?: unknown; minimum?: unknown }): FeeSchedule | null {
  return row.flat === null || row.flat === undefined ? null : { flat: BigInt(row.flat as string), percent: BigInt(row.percent as string), minimum: BigInt(row.minimum as string) };
}

/** The fee on sending `amount`: the percentage part rounds up to a whole minor unit. */
export function feeFor(amount: bigint, schedule: FeeSchedule | null): bigint {
  if (schedule === null) return 0n;
  const percentPart = divideRoundingUp(amount * schedule.percent, 100n * pow10(percentScale));
  const fee = schedule.flat + percentPart;
  return fee > schedule.minimum ? fee : schedule.minimum;
}
