import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expected, transaction } from "./test-support";
import { validateRecord } from "./validate";

const valid = ["BANCO DO BRASIL", "0001", "00001-1", "BANCO BRADESCO", "0001", "00001-1", "8000", "2022-01-01T07:30:00"];

/** The valid record with field `index` replaced. */
const withField = (index: number, value: string) => valid.map((field, i) => (i === index ? value : field));

function reasonFor(fields: string[]): string {
  const result = validateRecord(fields);
  if (result.ok) throw new Error(`expected ${JSON.stringify(fields)} to be refused`);
  return result.reason;
}

describe("validateRecord", () => {
  it("turns eight good fields into a transaction, keeping branch and account leading zeros", () => {
    expect(validateRecord(valid)).toEqual({
      ok: true,
      transaction: {
        originBank: "BANCO DO BRASIL",
        originBranch: "0001",
        originAccount: "00001-1",
        destinationBank: "BANCO BRADESCO",
        destinationBranch: "0001",
        destinationAccount: "00001-1",
        amountCents: 800000n,
        dateTime: "2022-01-01T07:30:00",
        date: "2022-01-01",
      },
    });
  });

  it("trims every field", () => {
    const padded = valid.map((field) => ` \t${field}\u00a0 `);
    expect(validateRecord(padded)).toEqual(validateRecord(valid));
  });

  it.each([
    [7, "expected 8 fields, found 7"],
    [9, "expected 8 fields, found 9"],
    [1, "expected 8 fields, found 1"],
    [0, "expected 8 fields, found 0"],
  ])("refuses a record of %i fields", (count, reason) => {
    const fields = Array.from({ length: count }, (_, i) => valid[i % 8]);
    expect(reasonFor(fields)).toBe(reason);
  });

  it.each([
    [0, "missing origin bank"],
    [1, "missing origin branch"],
    [2, "missing origin account"],
    [3, "missing destination bank"],
    [4, "missing destination branch"],
    [5, "missing destination account"],
    [6, "missing amount"],
    [7, "missing date"],
  ])("names the empty field %i: %s", (index, reason) => {
    expect(reasonFor(withField(index, ""))).toBe(reason);
    expect(reasonFor(withField(index, "   "))).toBe(reason);
  });

  it("refuses text fields over 200 characters, counting characters rather than UTF-16 units", () => {
    expect(validateRecord(withField(0, "B".repeat(200))).ok).toBe(true);
    expect(reasonFor(withField(0, "B".repeat(201)))).toBe("origin bank is longer than 200 characters");
    expect(reasonFor(withField(5, "9".repeat(201)))).toBe("destination account is longer than 200 characters");
    expect(validateRecord(withField(3, "💰".repeat(200))).ok).toBe(true);
    expect(reasonFor(withField(3, "💰".repeat(201)))).toBe("destination bank is longer than 200 characters");
  });

  it.each(["BANCO\nX", "BANCO\u0000X", "BANCO\tX", "BANCO\u007fX", "BANCO\u0085X"])("refuses control characters: %j", (bank) => {
    expect(reasonFor(withField(0, bank))).toBe("origin bank contains a control character");
  });

  it.each([
    ["8000", 800000n],
    ["100", 10000n],
    ["79800.22", 7980022n],
    ["11.5", 1150n],
    ["0.01", 1n],
    ["0008000", 800000n],
    ["92233720368547758.07", 9223372036854775807n],
    [`${"0".repeat(40)}1.50`, 150n],
  ])("reads the amount %s as %s cents", (amount, cents) => {
    const result = validateRecord(withField(6, amount));
    expect(result.ok && result.transaction.amountCents).toBe(cents);
  });

  it.each([
    ["19000,50", 'invalid amount "19000,50"'],
    ["99999.999", 'invalid amount "99999.999"'],
    ["0.1e3", 'invalid amount "0.1e3"'],
    ["-5", 'invalid amount "-5"'],
    ["+5", 'invalid amount "+5"'],
    ["1.", 'invalid amount "1."'],
    [".5", 'invalid amount ".5"'],
    ["1,000.00", 'invalid amount "1,000.00"'],
    ["R$ 10", 'invalid amount "R$ 10"'],
    ["NaN", 'invalid amount "NaN"'],
    ["0", "amount must be greater than zero"],
    ["0.00", "amount must be greater than zero"],
    ["92233720368547758.08", "amount too large"],
    ["9".repeat(5000), "amount too large"],
    [`1${"0".repeat(40)}.5`, "amount too large"],
    [`${"1".repeat(50)}x`, `invalid amount "${"1".repeat(40)}…"`],
  ])("refuses the amount %j: %s", (amount, reason) => {
    expect(reasonFor(withField(6, amount))).toBe(reason);
  });

  it.each([
    ["2022-01-01T07:30:00", "2022-01-01T07:30:00"],
    ["2022-01-01T07:30", "2022-01-01T07:30:00"],
    ["2022-01-01T23:59:59.999", "2022-01-01T23:59:59"],
    ["2022-01-01T07:30:00.5", "2022-01-01T07:30:00"],
    ["2022-01-01T07:30:00.123456789012", "2022-01-01T07:30:00"],
    ["2024-02-29T00:00:00", "2024-02-29T00:00:00"],
    ["2000-02-29T12:00", "2000-02-29T12:00:00"],
    ["0001-01-01T00:00:00", "0001-01-01T00:00:00"],
  ])("reads the date-time %s as %s", (text, dateTime) => {
    const result = validateRecord(withField(7, text));
    expect(result.ok && result.transaction).toMatchObject({ dateTime, date: dateTime.slice(0, 10) });
  });

  it.each([
    "2022-02-30T10:00:00",
    "2023-02-29T10:00:00",
    "1900-02-29T10:00:00",
    "2022-04-31T10:00:00",
    "2022-13-01T10:00:00",
    "2022-00-01T10:00:00",
    "2022-01-00T10:00:00",
    "0000-01-01T10:00:00",
    "2022-01-01T24:00:00",
    "2022-01-01T10:60:00",
    "2022-01-01T10:00:60",
    "2022-01-01T10:00:00Z",
    "2022-01-01T10:00:00-03:00",
    "2022-01-01T10:00:00.",
    "2022-01-01 10:00:00",
    "2022-01-01t10:00:00",
    "2022-01-01",
    "2022-1-01T10:00:00",
    "22-01-01T10:00:00",
    "2022-01-01T10",
    "2022-01-01T10:0",
    "2022-01-01T10:00:0",
    "2022-01-01T10:00:00.x",
    "01/01/2022 10:00",
    "２０２２-01-01T10:00:00",
  ])("refuses the date-time %j", (text) => {
    expect(reasonFor(withField(7, text))).toBe(`invalid date ${JSON.stringify(text)}`);
  });

  it("reports the first problem in field order", () => {
    const fields = ["", "0001", "00001-1", "BANCO", "0001", "", "abc", "never"];
    expect(reasonFor(fields)).toBe("missing origin bank");
    expect(reasonFor(["A", "1", "1", "B", "1", "1", "abc", "never"])).toBe('invalid amount "abc"');
  });

  it("accepts any well-formed transaction and gives back exactly its values", () => {
    fc.assert(
      fc.property(transaction, (sample) => {
        expect(validateRecord(sample.fields)).toEqual({ ok: true, transaction: expected(sample) });
      }),
    );
  });

  it("never throws, whatever the fields", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 10 }), (fields) => {
        const result = validateRecord(fields);
        if (!result.ok) expect(result.reason).toMatch(/^[a-z]/);
      }),
    );
  });
});
