import { MAX_MINOR_UNITS, parseDecimalAmount } from "@/lib/money";

export type ParsedTransaction = {
  originBank: string;
  originBranch: string;
  originAccount: string;
  destinationBank: string;
  destinationBranch: string;
  destinationAccount: string;
  amountCents: bigint;
  /** "YYYY-MM-DDTHH:MM:SS", a wall-clock time as written in the file (no zone). */
  dateTime: string;
  /** "YYYY-MM-DD" */
  date: string;
};

export type ValidationResult = { ok: true; transaction: ParsedTransaction } | { ok: false; reason: string };

const fieldNames = [
  "origin bank",
  "origin branch",
  "origin account",
  "destination bank",
  "destination branch",
  "destination account",
  "amount",
  "date",
] as const;

const maxTextLength = 200;
// Digits beyond this can only be a huge amount (or leading zeros, stripped first); refusing early
// keeps a long run of digits from costing a slow bigint conversion.
const maxAmountLength = 32;

/** Checks one record's eight fields and turns them into a transaction, or says what is wrong. */
export function validateRecord(fields: string[]): ValidationResult {
  if (fields.length !== fieldNames.length) {
    return fail(`expected ${fieldNames.length} fields, found ${fields.length}`);
  }
  const values = new Array<string>(fieldNames.length);
  for (let i = 0; i < values.length; i++) {
    const value = trim(fields[i]);
    if (value === "") return fail(`missing ${fieldNames[i]}`);
    values[i] = value;
  }
  for (let i = 0; i < 6; i++) {
    const problem = textProblem(values[i]);
    if (problem) return fail(`${fieldNames[i]} ${problem}`);
  }
  const amount = readAmount(values[6]);
  if (typeof amount === "string") return fail(amount);
  const dateTime = normalizeDateTime(values[7]);
  if (dateTime === null) return fail(`invalid date ${quote(values[7])}`);
  return {
    ok: true,
    transaction: {
      originBank: values[0],
      originBranch: values[1],
      originAccount: values[2],
      destinationBank: values[3],
      destinationBranch: values[4],
      destinationAccount: values[5],
      amountCents: amount,
      dateTime,
      date: dateTime.slice(0, 10),
    },
  };
}

/** String#trim, skipped when neither end can be whitespace (every non-ASCII space is ≥ 127). */
function trim(value: string): string {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? value : value.trim();
}

function fail(reason: string): ValidationResult {
  return { ok: false, reason };
}

function textProblem(value: string): string | null {
  // .length counts UTF-16 units; count code points only when that could matter.
  if (value.length > maxTextLength && [...value].length > maxTextLength) {
    return `is longer than ${maxTextLength} characters`;
  }
  if (hasControlCharacter(value)) return "contains a control character";
  return null;
}

/** C0 and C1 controls and DEL: nothing a bank or account name holds, and PostgreSQL refuses NUL. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 32 || (code >= 127 && code <= 159)) return true;
  }
  return false;
}

/** Minor units, or the reason the amount is refused. */
function readAmount(text: string): bigint | string {
  const significant = text.length > maxAmountLength ? text.replace(/^0+(?=\d)/, "") : text;
  if (significant.length > maxAmountLength) {
    return /^\d+(\.\d{1,2})?$/.test(significant) ? "amount too large" : `invalid amount ${quote(text)}`;
  }
  const cents = parseDecimalAmount(significant);
  if (cents === null) return `invalid amount ${quote(text)}`;
  if (cents === 0n) return "amount must be greater than zero";
  if (cents > MAX_MINOR_UNITS) return "amount too large";
  return cents;
}

/** Shows a value inside a reason: JSON-quoted (so odd characters are visible), and cut if long. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

const [dash, period, colon, letterT] = ["-", ".", ":", "T"].map((character) => character.charCodeAt(0));

/**
 * Reads "YYYY-MM-DDTHH:MM", optionally with ":SS" and then a fraction of a second, with no zone,
 * and returns it at seconds precision ("YYYY-MM-DDTHH:MM:SS"), or null when it is not a real
 * calendar date and time. The fraction is dropped, not rounded, so the date never moves.
 */
function normalizeDateTime(text: string): string | null {
  const length = text.length;
  if (length !== 16 && length !== 19 && length < 21) return null;
  if (text.charCodeAt(4) !== dash || text.charCodeAt(7) !== dash || text.charCodeAt(10) !== letterT) return null;
  if (text.charCodeAt(13) !== colon) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = length === 16 ? 0 : text.charCodeAt(16) === colon ? digits(text, 17, 2) : -1;
  if (length > 19 && (text.charCodeAt(19) !== period || digits(text, 20, length - 20) < 0)) return null;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  if (length === 19) return text;
  if (length === 16) return `${text}:00`;
  return text.slice(0, 19);
}

/** The number written by `count` ASCII digits at `start`, or -1 if any is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    // Past 9 digits only digit-ness matters (the fraction); keep the number small.
    value = count > 9 ? 0 : value * 10 + code;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
