// Helpers shared by the parsers' tests: feeding text in chosen pieces and collecting records.
import fc from "fast-check";
import { ImportFileError } from "./errors";
import type { RawRecord } from "./records";

/** `items` as an async stream. */
export async function* streamOf<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

/** Cuts a string or byte array at the given offsets (any order, duplicates and out-of-range ignored). */
export function cut<T extends string | Uint8Array>(whole: T, offsets: number[] = []): T[] {
  const points = [...new Set(offsets.filter((at) => at > 0 && at < whole.length))].sort((a, b) => a - b);
  const pieces: T[] = [];
  let start = 0;
  for (const point of [...points, whole.length]) {
    pieces.push(whole.slice(start, point) as T);
    start = point;
  }
  return pieces;
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/** The records of `text` read by `parse`, fed in pieces cut at `offsets`. */
export function recordsOf(
  parse: (text: AsyncIterable<string>) => AsyncGenerator<RawRecord>,
  text: string,
  offsets: number[] = [],
): Promise<RawRecord[]> {
  return collect(parse(streamOf(cut(text, offsets))));
}

/** The ImportFileError a promise rejects with; fails if it resolves or rejects with anything else. */
export async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  const outcome = await promise.then(
    () => new Error("expected the file to be refused, but it was read"),
    (error: unknown) => error,
  );
  if (outcome instanceof ImportFileError) return outcome;
  throw outcome;
}

/** Rejects if `promise` takes longer than `ms`: a parser waiting forever fails the test instead of hanging it. */
export function withinTime<T>(promise: Promise<T>, ms = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Offsets to cut a text of unknown length at: fast-check shrinks them toward few, early cuts. */
export const cutPoints = fc.array(fc.nat({ max: 5_000 }), { maxLength: 30 });

/** Offsets scaled to a given length, so small inputs get cut too. */
export const scaled = (offsets: number[], length: number): number[] =>
  offsets.map((offset) => (length > 0 ? offset % (length + 1) : 0));

/** A valid transaction as the parsers should return it, with the text it is written from. */
export type SampleTransaction = {
  fields: string[];
  amountCents: bigint;
  dateTime: string;
};

const nameCharacter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij0123456789-.&'/,\"<>;çãéÉÃÇ€中💰");
const name = fc
  .string({ unit: nameCharacter, minLength: 1, maxLength: 30 })
  .filter((text) => text.trim() === text && text.length > 0);
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const account = fc.tuple(digits(1, 8), fc.option(digits(1, 2), { nil: undefined })).map(([main, check]) => (check ? `${main}-${check}` : main));

const amount = fc.bigInt({ min: 1n, max: 9223372036854775807n }).chain((cents) => {
  const whole = (cents / 100n).toString();
  const fraction = (cents % 100n).toString().padStart(2, "0");
  const forms = [`${whole}.${fraction}`];
  if (fraction.endsWith("0")) forms.push(`${whole}.${fraction[0]}`);
  if (fraction === "00") forms.push(whole);
  return fc.constantFrom(...forms).map((text) => ({ text, cents }));
});

const isLeapYear = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

const dateTime = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(digits(1, 9), { nil: undefined }),
    omitSeconds: fc.boolean(),
  })
  .map(({ year, month, day, hour, minute, second, fraction, omitSeconds }) => {
    const pad = (value: number, width = 2) => String(value).padStart(width, "0");
    const lastDay = month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    const minutes = `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, lastDay))}T${pad(hour)}:${pad(minute)}`;
    const normalized = `${minutes}:${omitSeconds ? "00" : pad(second)}`;
    const text = omitSeconds ? minutes : fraction === undefined ? normalized : `${normalized}.${fraction}`;
    return { text, normalized };
  });

export const transaction: fc.Arbitrary<SampleTransaction> = fc
  .tuple(name, digits(1, 6), account, name, digits(1, 6), account, amount, dateTime)
  .map(([originBank, originBranch, originAccount, destinationBank, destinationBranch, destinationAccount, money, when]) => ({
    fields: [originBank, originBranch, originAccount, destinationBank, destinationBranch, destinationAccount, money.text, when.text],
    amountCents: money.cents,
    dateTime: when.normalized,
  }));

/** The parsed transaction a sample should validate into. */
export function expected({ fields, amountCents, dateTime }: SampleTransaction) {
  return {
    originBank: fields[0],
    originBranch: fields[1],
    originAccount: fields[2],
    destinationBank: fields[3],
    destinationBranch: fields[4],
    destinationAccount: fields[5],
    amountCents,
    dateTime,
    date: dateTime.slice(0, 10),
  };
}

/** Every record's position is a positive integer, each larger than the one before. */
export function positionsIncrease(records: RawRecord[]): boolean {
  return records.every((record, i) => Number.isInteger(record.position) && record.position > (i === 0 ? 0 : records[i - 1].position));
}
