import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMinorUnits, parseDecimalAmount } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { amountToCredit, convert, feeFor, percentScale, rateScale, type FeeSchedule } from "./pricing";

const one = 10n ** BigInt(rateScale);
const amount = fc.bigInt({ min: 1n, max: 10n ** 15n });
/** Rates from 0.000001 to 1,000,000, as the scaled integer the ledger keeps. */
const scaledRate = fc.bigInt({ min: 10n ** BigInt(rateScale - 6), max: 10n ** BigInt(rateScale + 6) });
const schedule = fc.record({
  flat: fc.bigInt({ min: 0n, max: 10_000n }),
  percent: fc.bigInt({ min: 0n, max: 100n * 10n ** BigInt(percentScale) }),
  minimum: fc.bigInt({ min: 0n, max: 10_000n }),
});

/** The exact value of amount × rate in the target's minor units, as a fraction n / d. */
function exactConversion(amountMinor: bigint, from: string, to: string, rate: bigint) {
  return { n: amountMinor * 10n ** BigInt(currencyScale(to)) * rate, d: 10n ** BigInt(currencyScale(from)) * one };
}

describe("convert", () => {
  it("rounds down to a whole minor unit: never above the exact value, less than one unit below it", () => {
    fc.assert(
      fc.property(amount, scaledRate, fc.constantFrom(["BRL", "USD"], ["USD", "JPY"], ["JPY", "KWD"], ["KWD", "EUR"]), (value, rate, [from, to]) => {
        const converted = convert(value, from, to, rate);
        const { n, d } = exactConversion(value, from, to, rate);
        // converted ≤ n/d < converted + 1
        expect(converted * d <= n).toBe(true);
        expect((converted + 1n) * d > n).toBe(true);
      }),
    );
  });

  it("reads a pair stored the other way round as its exact inverse, rounded down the same way", () => {
    fc.assert(
      fc.property(amount, fc.bigInt({ min: 1n, max: 1000n }), (value, whole) => {
        // The stored pair is USD/BRL = whole; BRL → USD reads it inverted: value / whole.
        const inverted = convert(value, "BRL", "USD", whole * one, true);
        expect(inverted * whole <= value).toBe(true);
        expect((inverted + 1n) * whole > value).toBe(true);
        if (one % whole === 0n) expect(inverted).toBe(convert(value, "BRL", "USD", one / whole));
      }),
    );
  });

  it("is monotonic: sending more never gives the recipient less", () => {
    fc.assert(
      fc.property(amount, amount, scaledRate, (a, b, rate) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(convert(low, "BRL", "USD", rate) <= convert(high, "BRL", "USD", rate)).toBe(true);
      }),
    );
  });

  it("is the identity at rate 1 between currencies with the same minor units", () => {
    fc.assert(
      fc.property(amount, (value) => {
        expect(convert(value, "BRL", "EUR", one)).toBe(value);
      }),
    );
  });

  it("converts known cases", () => {
    expect(convert(10_000n, "BRL", "USD", 2n * 10n ** 11n)).toBe(2_000n); // 100.00 BRL at 0.2 → 20.00 USD
    expect(convert(10_000n, "BRL", "USD", 5n * one, true)).toBe(2_000n); // USD/BRL 5 read inverted
    expect(convert(1n, "BRL", "USD", 5n * 10n ** 11n)).toBe(0n); // 0.005 rounds down to 0.00: refused
    expect(convert(12_345n, "USD", "JPY", 150n * one)).toBe(18_517n); // 123.45 USD × 150 = 18,517.5 JPY
    // The attack of issue #13: BRL→JPY at 27.5. 0.02 BRL is 0.55 JPY (refused); 1 JPY is 0.036 BRL.
    expect(convert(2n, "BRL", "JPY", 275n * 10n ** 11n)).toBe(0n);
    expect(convert(1n, "JPY", "BRL", 275n * 10n ** 11n, true)).toBe(3n);
  });
});

describe("amountToCredit", () => {
  const pairs = fc.constantFrom(["BRL", "USD"], ["USD", "JPY"], ["JPY", "KWD"], ["KWD", "EUR"], ["JPY", "BRL"]);

  it("is the least amount that converts to at least the credit, read either way round", () => {
    fc.assert(
      fc.property(amount, scaledRate, pairs, fc.boolean(), (credit, rate, [from, to], inverted) => {
        const sent = amountToCredit(credit, from, to, rate, inverted);
        expect(convert(sent, from, to, rate, inverted) >= credit).toBe(true);
        expect(sent === 0n || convert(sent - 1n, from, to, rate, inverted) < credit).toBe(true);
      }),
    );
  });

  it("never lets the sender pay less than the credit's exact value", () => {
    fc.assert(
      fc.property(amount, scaledRate, pairs, (credit, rate, [from, to]) => {
        const sent = amountToCredit(credit, from, to, rate);
        // sent × rate, in the target's minor units, is at least credit: sent · n ≥ credit · d.
        const { n, d } = exactConversion(sent, from, to, rate);
        expect(n >= credit * d).toBe(true);
      }),
    );
  });

  it("prices known cases", () => {
    expect(amountToCredit(2_000n, "BRL", "USD", 5n * one, true)).toBe(10_000n); // 20.00 USD at USD/BRL 5 costs 100.00 BRL
    expect(amountToCredit(1_001n, "BRL", "USD", 5n * one, true)).toBe(5_005n); // 10.01 USD → 50.05 BRL
    expect(amountToCredit(281n, "BRL", "JPY", 28_125n * 10n ** 9n)).toBe(1_000n); // 281 JPY at 28.125 → 9.9911… → 10.00 BRL
    expect(amountToCredit(1n, "JPY", "BRL", 275n * 10n ** 11n, true)).toBe(1n); // 0.01 BRL costs 1 JPY (worth 0.036)
  });
});

describe("feeFor", () => {
  it("is never below the minimum and never below the flat part plus the exact percentage", () => {
    fc.assert(
      fc.property(amount, schedule, (value, fees: FeeSchedule) => {
        const fee = feeFor(value, fees);
        expect(fee >= fees.minimum).toBe(true);
        // fee · 100 · 10^4 >= flat · 100 · 10^4 + amount · percent: the percentage rounds up, never down.
        const scale = 100n * 10n ** BigInt(percentScale);
        expect(fee * scale >= fees.flat * scale + value * fees.percent).toBe(true);
      }),
    );
  });

  it("rounds the percentage up by less than one minor unit", () => {
    fc.assert(
      fc.property(amount, schedule, (value, fees: FeeSchedule) => {
        const fee = feeFor(value, { ...fees, minimum: 0n });
        const scale = 100n * 10n ** BigInt(percentScale);
        expect((fee - fees.flat - 1n) * scale < value * fees.percent).toBe(true);
      }),
    );
  });

  it("is monotonic in the amount", () => {
    fc.assert(
      fc.property(amount, amount, schedule, (a, b, fees: FeeSchedule) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(feeFor(low, fees) <= feeFor(high, fees)).toBe(true);
      }),
    );
  });

  it("is zero without a schedule", () => {
    fc.assert(
      fc.property(amount, (value) => {
        expect(feeFor(value, null)).toBe(0n);
      }),
    );
  });

  it("computes known cases", () => {
    const brl = { flat: 100n, percent: 5_000n, minimum: 200n }; // R$ 1.00 + 0.5%, at least R$ 2.00
    expect(feeFor(10_000n, brl)).toBe(200n); // 1.00 + 0.50 = 1.50 → the minimum, 2.00
    expect(feeFor(100_000n, brl)).toBe(600n); // 1.00 + 5.00
    expect(feeFor(101n, { flat: 0n, percent: 10_000n, minimum: 0n })).toBe(2n); // 1% of 1.01 = 0.0101 → 0.02
  });
});

describe("amounts at the edges", () => {
  it("a decimal string and minor units round-trip exactly in every currency's scale", () => {
    fc.assert(
      fc.property(amount, fc.constantFrom("BRL", "JPY", "KWD"), (value, currency) => {
        const scale = currencyScale(currency);
        expect(parseDecimalAmount(formatMinorUnits(value, scale), scale)).toBe(value);
      }),
    );
  });
});

describe("conversions in sequence", () => {
  /**
   * A customer holding `a` minor units of `base` and `b` of `quote`, valued in units of
   * 1 / (10^scale(base) · 10^scale(quote) · rate · 10^rateScale) of `base`: an exact integer.
   */
  const valueOf = (holding: { a: bigint; b: bigint }, base: string, quote: string, rate: bigint) =>
    holding.a * 10n ** BigInt(currencyScale(quote)) * rate + holding.b * one * 10n ** BigInt(currencyScale(base));

  const step = fc.record({
    towardQuote: fc.boolean(),
    // Each conversion in a batch sends this share (per mille) of what the wallet holds, at least one unit.
    share: fc.integer({ min: 0, max: 1000 }),
    batch: fc.integer({ min: 1, max: 50 }),
  });

  it("no sequence of conversions at a fixed rate, in any order or batch, ends with more value than it started with", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(["BRL", "JPY"], ["JPY", "BRL"], ["USD", "KWD"], ["KWD", "JPY"], ["BRL", "EUR"]),
        scaledRate,
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.array(step, { minLength: 1, maxLength: 40 }),
        ([base, quote], rate, start, steps) => {
          const holding = { a: start, b: 0n };
          const startValue = valueOf(holding, base, quote, rate);
          for (const { towardQuote, share, batch } of steps) {
            for (let i = 0; i < batch; i++) {
              const held = towardQuote ? holding.a : holding.b;
              const sent = held * BigInt(share) / 1000n || (held > 0n ? 1n : 0n);
              if (sent === 0n) break;
              // The quote pair is stored as base/quote: toward the base it is read inverted.
              const credited = towardQuote ? convert(sent, base, quote, rate) : convert(sent, quote, base, rate, true);
              if (credited === 0n) continue; // refused: worth less than one minor unit
              if (towardQuote) Object.assign(holding, { a: holding.a - sent, b: holding.b + credited });
              else Object.assign(holding, { a: holding.a + credited, b: holding.b - sent });
            }
            expect(valueOf(holding, base, quote, rate) <= startValue).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
