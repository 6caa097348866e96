import { describe, expect, it } from "vitest";
import { defaultImportSource, maxRateLines, parseRateFile } from "./rate-import";

describe("parseRateFile", () => {
  it("reads base,quote,rate lines with an optional source, upper-casing the codes", () => {
    const result = parseRateFile("USD,BRL,5.4321,ECB\neur,brl,6.1\n");
    expect(result).toEqual({
      ok: true,
      rates: [
        { base: "USD", quote: "BRL", rate: "5.4321", source: "ECB" },
        { base: "EUR", quote: "BRL", rate: "6.1", source: defaultImportSource },
      ],
    });
  });

  it("skips a header line, a byte-order mark, blank lines and Windows line ends", () => {
    const result = parseRateFile("\uFEFFbase,quote,rate,source\r\nUSD,BRL,5.1,bank\r\n\r\nJPY,BRL,0.034\r\n");
    expect(result.ok && result.rates.map((rate) => `${rate.base}/${rate.quote}=${rate.rate}`)).toEqual(["USD/BRL=5.1", "JPY/BRL=0.034"]);
  });

  it("refuses the whole file and lists every bad line by its number", () => {
    const result = parseRateFile("base,quote,rate\nUSD,BRL,5.1\nUSD,XXX,5\nEUR,BRL,-1\nGBP,GBP,1\nUSD,BRL\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe("Nothing was imported: 4 lines have problems. Fix the file and import it again.");
    expect(result.errors.map((error) => error.line)).toEqual([3, 4, 5, 6]);
    expect(result.errors[0].message).toContain("quote: Use an ISO 4217 currency code");
    expect(result.errors[1].message).toContain("rate: The rate must be a positive decimal");
    expect(result.errors[2].message).toBe("A rate needs two different currencies.");
    expect(result.errors[3].message).toBe("Expected base,quote,rate or base,quote,rate,source; found 2 fields.");
  });

  it("refuses rates written with a comma, an exponent or more than 12 places", () => {
    const result = parseRateFile('USD,BRL,"5,43"\nUSD,BRL,5e2\nUSD,BRL,0.1234567890123\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.line)).toEqual([1, 2, 3]);
  });

  it("counts a header as line 1 only when it comes first", () => {
    const result = parseRateFile("USD,BRL,5\nbase,quote,rate\n");
    expect(!result.ok && result.errors).toEqual([{ line: 2, message: expect.stringContaining("base:") }]);
  });

  it("refuses an empty file and one with too many lines", () => {
    const empty = parseRateFile("base,quote,rate\n\n");
    expect(!empty.ok && empty.message).toMatch(/has no rates/);
    const long = parseRateFile(Array.from({ length: maxRateLines + 1 }, () => "USD,BRL,5").join("\n"));
    expect(!long.ok && long.message).toBe(`A file holds at most ${maxRateLines} rates; this one has ${maxRateLines + 1}.`);
  });
});
