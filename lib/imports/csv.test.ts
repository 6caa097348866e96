import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { challengeFile as sample } from "@/test/fixtures/challenge";
import { parseCsv } from "./csv";
import { decodeUtf8 } from "./decode";
import { ImportFileError } from "./errors";
import type { RawRecord } from "./records";
import {
  collect,
  cut,
  cutPoints,
  encode,
  expected,
  positionsIncrease,
  recordsOf,
  refusal,
  scaled,
  streamOf,
  transaction,
  withinTime,
  type SampleTransaction,
} from "./test-support";
import { validateRecord } from "./validate";

const read = (text: string, offsets: number[] = []) => recordsOf(parseCsv, text, offsets);
const readBytes = (bytes: Uint8Array, offsets: number[] = []) =>
  collect(parseCsv(decodeUtf8(streamOf(cut(bytes, offsets)))));

const line = "BANCO DO BRASIL,0001,00001-1,BANCO BRADESCO,0001,00001-1,8000,2022-01-01T07:30:00";
const fields = line.split(",");

/** What each record validates into: the transaction's date-time, or the reason it is refused. */
function outcomes(records: RawRecord[]) {
  return records.map((record) => {
    if ("error" in record) return { position: record.position, error: record.error };
    const result = validateRecord(record.fields);
    return result.ok ? { position: record.position, dateTime: result.transaction.dateTime } : { position: record.position, reason: result.reason };
  });
}

describe("parseCsv on the challenge's sample files", () => {
  it("reads the 10 valid transactions of transacoes-2022-01-01.csv", async () => {
    const records = await readBytes(sample("transacoes-2022-01-01.csv"));
    expect(records.map((record) => record.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const results = records.map((record) => ("fields" in record ? validateRecord(record.fields) : record));
    expect(results.every((result) => "ok" in result && result.ok && result.transaction.date === "2022-01-01")).toBe(true);
    expect(results[2]).toEqual({
      ok: true,
      transaction: {
        originBank: "BANCO SANTANDER",
        originBranch: "0001",
        originAccount: "00002-1",
        destinationBank: "BANCO BRADESCO",
        destinationBranch: "0001",
        destinationAccount: "00001-1",
        amountCents: 7980022n,
        dateTime: "2022-01-01T08:44:00",
        date: "2022-01-01",
      },
    });
  });

  it("finds the problems of exemplo.csv on lines 4 and 10, and the other days on lines 6 and 9", async () => {
    expect(outcomes(await readBytes(sample("exemplo.csv"), [100, 101, 333]))).toEqual([
      { position: 1, dateTime: "2022-01-01T07:30:00" },
      { position: 2, dateTime: "2022-01-01T08:12:00" },
      { position: 3, dateTime: "2022-01-01T08:44:00" },
      { position: 4, reason: "missing amount" },
      { position: 5, dateTime: "2022-01-01T16:30:00" },
      { position: 6, dateTime: "2022-01-03T16:55:00" },
      { position: 7, dateTime: "2022-01-01T19:30:00" },
      { position: 8, dateTime: "2022-01-01T19:34:00" },
      { position: 9, dateTime: "2022-01-09T20:30:00" },
      { position: 10, reason: "missing destination account" },
    ]);
  });
});

describe("parseCsv", () => {
  it("reads LF, CRLF and mixed line endings alike, with or without a final line break", async () => {
    const expectedRecords = [
      { position: 1, fields },
      { position: 2, fields },
      { position: 3, fields },
    ];
    for (const text of [
      `${line}\n${line}\n${line}`,
      `${line}\r\n${line}\r\n${line}\r\n`,
      `${line}\r\n${line}\n${line}\r\n`,
      `${line}\n${line}\r\n${line}`,
    ]) {
      expect(await read(text)).toEqual(expectedRecords);
    }
  });

  it("keeps quoted commas, quotes and line breaks, and counts the lines they span", async () => {
    const text = [
      `"BANCO, S.A.",0001,00001-1,"BANCO ""B""",0001,00001-1,8000,2022-01-01T07:30:00`,
      `"BANCO\nDE DUAS\r\nLINHAS",0001,00001-1,BANCO B,0001,00001-1,10,"2022-01-01T07:30"`,
      line,
    ].join("\r\n");
    expect(await read(text)).toEqual([
      { position: 1, fields: ["BANCO, S.A.", "0001", "00001-1", 'BANCO "B"', "0001", "00001-1", "8000", "2022-01-01T07:30:00"] },
      { position: 2, fields: ["BANCO\nDE DUAS\r\nLINHAS", "0001", "00001-1", "BANCO B", "0001", "00001-1", "10", "2022-01-01T07:30"] },
      { position: 5, fields },
    ]);
  });

  it("skips blank and whitespace-only lines but counts them", async () => {
    const records = await read(`\n${line}\n   \n\t\r\n\r\n${line}\n\n`);
    expect(records.map((record) => record.position)).toEqual([2, 6]);
  });

  it("reads a file whose first line is invalid and goes on with the rest", async () => {
    const records = await read(`BANCO A,0001,00001-1\n${line}\n`);
    expect(outcomes(records)).toEqual([
      { position: 1, reason: "expected 8 fields, found 3" },
      { position: 2, dateTime: "2022-01-01T07:30:00" },
    ]);
  });

  it("gives extra and missing columns a reason of their own", async () => {
    const text = [`${line},EXTRA`, line.split(",").slice(0, 7).join(","), `${line},`, line, "BANCO A"].join("\n");
    expect(outcomes(await read(text))).toEqual([
      { position: 1, reason: "expected 8 fields, found 9" },
      { position: 2, reason: "expected 8 fields, found 7" },
      { position: 3, reason: "expected 8 fields, found 9" },
      { position: 4, dateTime: "2022-01-01T07:30:00" },
      { position: 5, reason: "expected 8 fields, found 1" },
    ]);
  });

  it("marks a malformed quoted field as an unreadable record", async () => {
    const records = await read(`"BANCO "A" X",0001,00001-1,B,0001,00001-1,1,2022-01-01T07:30:00\n${line}`);
    expect(records[0]).toEqual({ position: 1, error: expect.stringContaining("malformed quoted field") });
  });

  it("reports a quote never closed at the end of the file on the line where it opens", async () => {
    const records = await read(`${line}\n${line}\n"BANCO A,0001\n00001-1`);
    expect(records).toEqual([
      { position: 1, fields },
      { position: 2, fields },
      { position: 3, error: "a quoted field is never closed" },
    ]);
  });

  it("refuses a quote left open for more than 64 KiB instead of holding the file in memory", async () => {
    const rest = Array.from({ length: 2_000 }, () => line).join("\n");
    const error = await refusal(read(`${line}\n"BANCO A,${rest}`, [100_000]));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(/^Line 2 .*quote/);
  });

  it("stays fast when a long record arrives one character at a time", async () => {
    const text = `"${"BANCO, A\n".repeat(6_000)}",0001\n${line}`;
    const offsets = Array.from({ length: text.length }, (_, i) => i);
    const records = await withinTime(read(text, offsets), 5_000);
    expect(records.map((record) => record.position)).toEqual([1, 6_002]);
  });

  it.each([
    ["empty", ""],
    ["whitespace only", " \r\n\t\n  "],
    ["a byte order mark only", "\ufeff"],
    ["a byte order mark and line breaks", "\ufeff\r\n\r\n"],
  ])("refuses a file that is %s as EMPTY_FILE", async (_, text) => {
    expect((await refusal(readBytes(encode(text)))).code).toBe("EMPTY_FILE");
  });

  it("reads a file that starts with a byte order mark", async () => {
    expect(await readBytes(encode(`\ufeff${line}`))).toEqual([{ position: 1, fields }]);
  });

  it("refuses a Latin-1 file", async () => {
    const bytes = Uint8Array.from(`BANCO SÃO PAULO${line.slice(15)}`, (character) => character.charCodeAt(0));
    expect((await refusal(readBytes(bytes))).message).toContain("not valid UTF-8");
  });
});

/** A field as a CSV writer might write it: quoted when it must be, sometimes when it needn't. */
function csvField(value: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const lineEnding = fc.constantFrom("\n", "\r\n");
const blankLine = fc.constantFrom("", " ", "\t", "   ");

/** A CSV file of transactions, with random line endings, quoting and blank lines. */
const csvFile = fc
  .array(
    fc.record({
      sample: transaction,
      quotes: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      ending: lineEnding,
      blanks: fc.array(fc.tuple(blankLine, lineEnding), { maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .chain((rows) => fc.boolean().map((finalLineBreak) => ({ rows, finalLineBreak })))
  .map(({ rows, finalLineBreak }) => {
    let text = "";
    let lineNumber = 1;
    const positions: number[] = [];
    const samples: SampleTransaction[] = [];
    rows.forEach(({ sample, quotes, ending, blanks }, i) => {
      for (const [blank, blankEnding] of blanks) {
        text += blank + blankEnding;
        lineNumber++;
      }
      positions.push(lineNumber);
      samples.push(sample);
      text += sample.fields.map((value, f) => csvField(value, quotes[f])).join(",");
      if (i < rows.length - 1 || finalLineBreak) text += ending;
      lineNumber++;
    });
    return { text, positions, samples };
  });

describe("parseCsv properties", () => {
  it("gives back exactly the transactions written, at their lines, however the bytes arrive", async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, cutPoints, async ({ text, positions, samples }, offsets) => {
        const bytes = encode(text);
        const records = await readBytes(bytes, scaled(offsets, bytes.length));
        expect(records.map((record) => record.position)).toEqual(positions);
        expect(records.map((record) => ("fields" in record ? validateRecord(record.fields) : record))).toEqual(
          samples.map((sample) => ({ ok: true, transaction: expected(sample) })),
        );
      }),
    );
  });

  it("round-trips fields holding commas, quotes and line breaks", async () => {
    const value = fc.string({ unit: fc.constantFrom("a", "B", " ", ",", '"', "\n", "\r\n", "é", "💰") });
    const row = fc.array(value, { minLength: 2, maxLength: 9 });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 10 }), cutPoints, async (rows, offsets) => {
        const text = rows.map((values) => values.map((field) => csvField(field, true)).join(",")).join("\n");
        const records = await read(text, scaled(offsets, text.length));
        expect(records).toEqual(rows.map((values) => ({ position: expect.any(Number), fields: values })));
        let lineNumber = 1;
        rows.forEach((values, i) => {
          expect(records[i].position).toBe(lineNumber);
          lineNumber += values.join("").split("\n").length;
        });
      }),
    );
  });

  it("gives every row with the wrong number of columns a reason", async () => {
    const value = fc.constantFrom("A", "0001", "8000", "");
    const row = fc
      .tuple(fc.constantFrom("A", "0001"), fc.array(value, { maxLength: 11 }))
      .map(([first, rest]) => [first, ...rest]);
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 10 }), async (rows) => {
        const records = await read(rows.map((values) => values.join(",")).join("\n"));
        expect(records.map((record) => record.position)).toEqual(rows.map((_, i) => i + 1));
        records.forEach((record, i) => {
          const count = rows[i].length;
          const result = "fields" in record ? validateRecord(record.fields) : record;
          if (count !== 8) expect(result).toEqual({ ok: false, reason: `expected 8 fields, found ${count}` });
        });
      }),
    );
  });

  it("never fails on any input except with an ImportFileError, never hangs, and keeps positions increasing", async () => {
    const csvish = fc.string({ unit: fc.constantFrom(",", '"', "\n", "\r", " ", "a", "1", ".", "-", "T", ":", "\ufeff") });
    const truncated = csvFile.chain(({ text }) => fc.nat({ max: text.length }).map((end) => text.slice(0, end)));
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: "binary" }).map(encode),
      csvish.map(encode),
      truncated.map(encode),
    );
    await fc.assert(
      fc.asyncProperty(input, cutPoints, async (bytes, offsets) => {
        try {
          const records = await withinTime(readBytes(bytes, scaled(offsets, bytes.length)));
          expect(positionsIncrease(records)).toBe(true);
          for (const record of records) if ("fields" in record) validateRecord(record.fields);
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});
