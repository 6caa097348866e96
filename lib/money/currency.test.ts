import { describe, expect, it } from "vitest";
import { currencySchema, currencyScale } from "./currency";

describe("currencies", () => {
  it("knows each currency's minor units", () => {
    expect(currencyScale("BRL")).toBe(2);
    expect(currencyScale("USD")).toBe(2);
    expect(currencyScale("JPY")).toBe(0);
    expect(currencyScale("KWD")).toBe(3);
  });

  it("accepts ISO 4217 codes in any case and refuses others", () => {
    expect(currencySchema.parse(" eur ")).toBe("EUR");
    for (const bad of ["XYZ", "EURO", "", "R$"]) expect(currencySchema.safeParse(bad).success).toBe(false);
  });
});
