import { formatGroupedMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";

/** Minor units for a table cell: 25075n BRL → "250.75 BRL", exact (bigint all the way). */
export function formatAmount(amount: bigint, currency: string): string {
  return `${formatGroupedMinorUnits(amount, currencyScale(currency))} ${currency}`;
}

/** A time for staff tables, in UTC as the rest of the staff pages show it: "2026-12-01 18:30". */
export function formatTime(at: Date): string {
  return at.toISOString().slice(0, 16).replace("T", " ");
}
