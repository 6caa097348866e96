import { formatMoney } from "@/lib/money";

/** A history line's amount with its sign: money in gets a "+". */
export function formatSignedMoney(amount: bigint, currency: string): string {
  return amount > 0n ? `+${formatMoney(amount, currency)}` : formatMoney(amount, currency);
}

// Times are shown in UTC, said so, until customers have a time zone of their own.
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });

export function currencyName(code: string): string {
  return currencyNames.of(code) ?? code;
}
