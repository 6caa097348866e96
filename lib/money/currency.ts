import { z } from "zod";

// ISO 4217 codes and their minor units come from the runtime's ICU data, not a hand-kept list.
const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** Every ISO 4217 code the runtime knows. */
export const currencyCodes: readonly string[] = [...knownCurrencies];

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => knownCurrencies.has(code), "Use an ISO 4217 currency code, like BRL, USD or EUR.");

const scales = new Map<string, number>();

/** How many minor units digits a currency has: 2 for BRL, 0 for JPY, 3 for KWD. */
export function currencyScale(currency: string): number {
  let scale = scales.get(currency);
  if (scale === undefined) {
    // Building an Intl.NumberFormat costs far more than the rest of a transfer's arithmetic: once per currency.
    scale = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    scales.set(currency, scale);
  }
  return scale;
}
