import { currencyScale } from "./currency";

/** The largest amount a PostgreSQL bigint column can hold, in minor units. */
export const MAX_MINOR_UNITS = 9223372036854775807n;

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0) throw new RangeError(`scale must be a non-negative integer, got ${scale}`);
}

/**
 * Reads a plain decimal ("8000", "79800.22", "0.5") as an integer count of minor units.
 * The digits go straight into a bigint, never through a float, so no amount is ever rounded.
 * Signs, exponents, thousands separators, a comma as decimal point, "1." and ".5" are refused
 * (null), as is a fraction with more than `scale` places.
 */
export function parseDecimalAmount(text: string, scale = 2): bigint | null {
  checkScale(scale);
  const length = text.length;
  let dot = -1;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 /* . */ && dot === -1) dot = i;
    else if (code < 48 || code > 57) return null;
  }
  if (length === 0 || dot === 0 || dot === length - 1) return null;
  const places = dot === -1 ? 0 : length - dot - 1;
  if (places > scale) return null;
  const digits = dot === -1 ? text : text.slice(0, dot) + text.slice(dot + 1);
  return BigInt(places === scale ? digits : digits + "0".repeat(scale - places));
}

/**
 * The one spelling of a plain decimal's value, whatever its currency: "010.50" and "10.5" → "10.5",
 * "7.00" → "7". Text that is no plain decimal comes back unchanged.
 */
export function canonicalDecimal(text: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return text;
  const whole = match[1].replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Writes minor units as a decimal with exactly `scale` places: 10000000n → "100000.00", -5n → "-0.05". */
export function formatMinorUnits(amount: bigint, scale = 2): string {
  checkScale(scale);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

const groupedWhole = new Intl.NumberFormat("en-US");

/** Minor units for people to read, grouped: 100000000n → "1,000,000.00". Exact: bigint all the way. */
export function formatGroupedMinorUnits(amount: bigint, scale = 2): string {
  const [whole, fraction] = formatMinorUnits(amount, scale).split(".");
  const grouped = whole.startsWith("-") ? `-${groupedWhole.format(BigInt(whole.slice(1)))}` : groupedWhole.format(BigInt(whole));
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** An amount for people to read, with its currency: 123456n BRL → "1,234.56 BRL". */
export function formatMoney(amount: bigint, currency: string): string {
  return `${formatGroupedMinorUnits(amount, currencyScale(currency))} ${currency}`;
}
