import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalDecimal, formatGroupedMinorUnits, formatMinorUnits, formatMoney, MAX_MINOR_UNITS, parseDecimalAmount } from "./index";

describe("parseDecimalAmount", () => {
  it.each([
    ["8000", 800000n],
    ["100", 10000n],
    ["79800.22", 7980022n],
    ["19000.50", 1900050n],
    ["11.5", 1150n],
    ["0", 0n],
    ["0.01", 1n],
    ["007.5", 750n],
    ["92233720368547758.07", MAX_MINOR_UNITS],
    ["92233720368547758.08", MAX_MINOR_UNITS + 1n],
    ["123456789012345678901234567890", 12345678901234567890123456789000n],
  ])("reads %s as %s minor units", (text, expected) => {
    expect(parseDecimalAmount(text)).toBe(expected);
  });

  it.each([
    "",
    " ",
    " 1",
    "1 ",
    "19000,50",
    "1,000.00",
    "99999.999",
    "0.1e3",
    "1e3",
    "-5",
    "+5",
    "1.",
    ".5",
    ".",
    "1.2.3",
    "abc",
    "NaN",
    "Infinity",
    "0x10",
    "１２",
    "1_000",
  ])("refuses %j", (text) => {
    expect(parseDecimalAmount(text)).toBeNull();
  });

  it("honours the scale", () => {
    expect(parseDecimalAmount("12", 0)).toBe(12n);
    expect(parseDecimalAmount("12.5", 0)).toBeNull();
    expect(parseDecimalAmount("1.2345", 4)).toBe(12345n);
    expect(parseDecimalAmount("1.2", 4)).toBe(12000n);
    expect(() => parseDecimalAmount("1", -1)).toThrow(RangeError);
  });
});

describe("formatMinorUnits", () => {
  it.each([
    [10000000n, "100000.00"],
    [0n, "0.00"],
    [5n, "0.05"],
    [-5n, "-0.05"],
    [1150n, "11.50"],
    [-123456n, "-1234.56"],
    [MAX_MINOR_UNITS, "92233720368547758.07"],
  ])("writes %s as %s", (amount, expected) => {
    expect(formatMinorUnits(amount)).toBe(expected);
  });

  it("honours the scale", () => {
    expect(formatMinorUnits(12n, 0)).toBe("12");
    expect(formatMinorUnits(12n, 4)).toBe("0.0012");
    expect(formatMinorUnits(-12n, 0)).toBe("-12");
  });
});

describe("round trips", () => {
  it("parse(format(n)) gives back n for every amount a bigint column holds", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_MINOR_UNITS }), (amount) => {
        expect(parseDecimalAmount(formatMinorUnits(amount))).toBe(amount);
      }),
    );
  });

  it("format(parse(text)) normalises a decimal to two places without changing its value", () => {
    const digits = (min: number, max: number) =>
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
    const decimal = fc
      .tuple(digits(1, 20), fc.option(digits(1, 2), { nil: undefined }))
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));
    fc.assert(
      fc.property(decimal, (text) => {
        const formatted = formatMinorUnits(parseDecimalAmount(text)!);
        expect(formatted).toMatch(/^(0|[1-9]\d*)\.\d\d$/);
        const [whole, fraction = ""] = text.split(".");
        expect(formatted).toBe(`${BigInt(whole)}.${fraction.padEnd(2, "0")}`);
      }),
    );
  });
});

describe("formatGroupedMinorUnits", () => {
  it.each([
    [100000000n, "1,000,000.00"],
    [99999n, "999.99"],
    [-123456789n, "-1,234,567.89"],
    [MAX_MINOR_UNITS, "92,233,720,368,547,758.07"],
  ])("writes %s as %s", (amount, expected) => {
    expect(formatGroupedMinorUnits(amount)).toBe(expected);
  });

  it("is the plain format with separators", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_MINOR_UNITS, max: MAX_MINOR_UNITS }), (amount) => {
        expect(formatGroupedMinorUnits(amount).replaceAll(",", "")).toBe(formatMinorUnits(amount));
      }),
    );
  });
});

describe("formatMoney", () => {
  it("groups the amount in its currency's minor units and names the currency", () => {
    expect(formatMoney(123456n, "BRL")).toBe("1,234.56 BRL");
    expect(formatMoney(500n, "JPY")).toBe("500 JPY");
    expect(formatMoney(-1500n, "KWD")).toBe("-1.500 KWD");
  });
});

describe("canonicalDecimal", () => {
  it("spells each value one way", () => {
    expect(["10", "10.0", "10.00", "010.000"].map(canonicalDecimal)).toEqual(["10", "10", "10", "10"]);
    expect(canonicalDecimal("0.50")).toBe("0.5");
    expect(canonicalDecimal("0")).toBe("0");
    expect(canonicalDecimal("0.00")).toBe("0");
  });

  it("leaves text that is no plain decimal as it is", () => {
    for (const text of ["", "-1", "1e3", "1,00", ".5", "1.", "abc"]) expect(canonicalDecimal(text)).toBe(text);
  });

  it("gives two decimals the same spelling exactly when they are the same amount", () => {
    const decimal = fc.tuple(fc.stringMatching(/^\d{1,6}$/), fc.stringMatching(/^\d{0,4}$/)).map(([whole, fraction]) => (fraction ? `${whole}.${fraction}` : whole));
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(canonicalDecimal(a) === canonicalDecimal(b)).toBe(parseDecimalAmount(a, 4) === parseDecimalAmount(b, 4));
      }),
    );
  });
});
