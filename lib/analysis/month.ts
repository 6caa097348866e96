import { z } from "zod";

/** A calendar month as "YYYY-MM". */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Give the month as YYYY-MM, for example 2022-01.");

/** The first day of `month` ("YYYY-MM") and of the month after, as dates: the month is [start, end). */
export function monthRange(month: string): { start: string; end: string } {
  const [year, number] = month.split("-").map(Number);
  return { start: `${month}-01`, end: `${number === 12 ? yearMonth(year + 1, 1) : yearMonth(year, number + 1)}-01` };
}

/** The month ("YYYY-MM") before `month`. */
export function previousMonth(month: string): string {
  const [year, number] = month.split("-").map(Number);
  return number === 1 ? yearMonth(year - 1, 12) : yearMonth(year, number - 1);
}

function yearMonth(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** The month of a date or date-time string ("2022-01-31", "2022-01-31T23:59:59"). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Every day of `month` as "YYYY-MM-DD". */
export function daysOf(month: string): string[] {
  const [year, number] = month.split("-").map(Number);
  const count = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

const monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2022-01" → "January 2022". */
export function monthLabel(month: string): string {
  const [year, number] = month.split("-").map(Number);
  return `${monthNames[number - 1]} ${year}`;
}
