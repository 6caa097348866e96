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

/** Where a customer's times are shown while customers can't choose a zone of their own: the product's home. */
export const defaultTimeZone = "America/Sao_Paulo";

const zonedFormats = new Map<string, { time: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }>();

/** A time in the viewer's zone, the zone said: "4 Dec 2026, 17:47 GMT-3". */
export function formatZonedDateTime(date: Date, timeZone: string = defaultTimeZone): string {
  let formats = zonedFormats.get(timeZone);
  if (!formats) {
    // dateStyle and timeZoneName can't share one format: the zone's name comes from a second.
    formats = {
      time: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }),
      zone: new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" }),
    };
    zonedFormats.set(timeZone, formats);
  }
  const zone = formats.zone.formatToParts(date).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  return `${formats.time.format(date)} ${zone}`;
}

const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });

export function currencyName(code: string): string {
  return currencyNames.of(code) ?? code;
}
