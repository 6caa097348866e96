import { z } from "zod";

// ISO 4217 codes and their minor units come from the runtime's ICU data, not a hand-kept list.
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => knownCurrencies.has(code), "Use an ISO 4217 currency code, like BRL, USD or EUR.");

/** How many minor units digits a currency has: 2 for BRL, 0 for JPY, 3 for KWD. */
export function currencyScale(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
