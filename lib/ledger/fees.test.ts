import { describe, expect, it } from "vitest";
import { exampleFee, feeInputSchema, feeScheduleText, formatMoneyWithSymbol, formatPercent, parsePercent, percentInputText } from "./fees";

describe("percent text and the scaled percent", () => {
  it("reads a decimal percent with up to 4 places, scaled by 10^4", () => {
    expect(parsePercent("0.5")).toBe(5000n);
    expect(parsePercent("1.5")).toBe(15000n);
    expect(parsePercent("0.015")).toBe(150n);
    expect(parsePercent("12")).toBe(120000n);
    expect(parsePercent(" 0.0001 ")).toBe(1n);
  });

  it("refuses more than 4 places, signs, commas and exponents", () => {
    for (const text of ["0.00001", "-1", "1,5", "1e2", "", "abc"]) expect(parsePercent(text)).toBeNull();
  });

  it("writes a scaled percent with at least 2 places for reading, and without padding for editing", () => {
    expect(formatPercent(5000n)).toBe("0.50");
    expect(formatPercent(150n)).toBe("0.015");
    expect(formatPercent(1n)).toBe("0.0001");
    expect(formatPercent(1000000n)).toBe("100.00");
    expect(percentInputText(5000n)).toBe("0.5");
    expect(percentInputText(10000n)).toBe("1");
    expect(percentInputText(100000n)).toBe("10");
    expect(percentInputText(0n)).toBe("0");
  });

  it("round-trips every percent it writes", () => {
    for (const scaled of [0n, 1n, 150n, 5000n, 12345n, 1000000n]) {
      expect(parsePercent(percentInputText(scaled))).toBe(scaled);
      expect(parsePercent(formatPercent(scaled))).toBe(scaled);
    }
  });
});

describe("fee schedules in words", () => {
  it("describes flat, percent and minimum in the currency", () => {
    expect(feeScheduleText({ flat: 100n, percent: 5000n, minimum: 200n }, "BRL")).toBe("R$ 1.00 + 0.50%, at least R$ 2.00");
    expect(feeScheduleText({ flat: 0n, percent: 15000n, minimum: 0n }, "USD")).toBe("1.50%");
    expect(feeScheduleText({ flat: 150n, percent: 0n, minimum: 0n }, "EUR")).toBe("€ 1.50");
    expect(feeScheduleText({ flat: 0n, percent: 0n, minimum: 300n }, "BRL")).toBe("R$ 3.00 per transfer");
    expect(feeScheduleText({ flat: 0n, percent: 0n, minimum: 0n }, "BRL")).toBe("No fee");
    expect(feeScheduleText(null, "BRL")).toBe("No fee");
  });

  it("formats amounts in the currency's own minor units", () => {
    expect(formatMoneyWithSymbol(123456n, "BRL")).toBe("R$ 1,234.56");
    expect(formatMoneyWithSymbol(500n, "JPY")).toBe("¥ 500");
    expect(formatMoneyWithSymbol(1500n, "KWD")).toBe("KWD 1.500");
  });

  it("computes the example fee on 100 units of the currency", () => {
    expect(exampleFee({ flat: 100n, percent: 5000n, minimum: 200n }, "BRL")).toBe(200n);
    expect(exampleFee({ flat: 100n, percent: 15000n, minimum: 0n }, "BRL")).toBe(250n);
    expect(exampleFee({ flat: 0n, percent: 10000n, minimum: 0n }, "JPY")).toBe(1n);
    expect(exampleFee(null, "BRL")).toBe(0n);
  });
});

describe("feeInputSchema", () => {
  it("turns the typed decimals into minor units and the scaled percent", () => {
    expect(feeInputSchema.parse({ currency: "brl", flat: "1.00", percent: "0.5", minimum: "2" })).toEqual({
      currency: "BRL",
      schedule: { flat: 100n, percent: 5000n, minimum: 200n },
    });
    expect(feeInputSchema.parse({ currency: "JPY", flat: "", percent: "", minimum: "50" }).schedule).toEqual({ flat: 0n, percent: 0n, minimum: 50n });
  });

  it("names the field of each bad value", () => {
    const result = feeInputSchema.safeParse({ currency: "BRL", flat: "1.005", percent: "101", minimum: "-1" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path[0]);
    expect(fields).toEqual(["flat", "minimum", "percent"]);
    expect(result.error!.issues[0].message).toBe("The flat fee must be an amount in BRL with at most 2 decimal places, like 1.50.");
  });
});
