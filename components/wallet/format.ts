import { formatMoney } from "@/lib/money";

/** A history line's amount with its sign: money in gets a "+". */
export function formatSignedMoney(amount: bigint, currency: string): string {
  return amount > 0n ? `+${formatMoney(amount, currency)}` : formatMoney(amount, currency);
}

const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });

export function currencyName(code: string): string {
  return currencyNames.of(code) ?? code;
}
