import { describe, expect, it } from "vitest";
import { idempotencyKeySchema } from "./idempotency";
import { transferInputSchema } from "./transfers";

describe("a transfer's input", () => {
  const valid = { from: "0b8f7c52-5d0e-4bfa-9a55-0f1e2d3c4b5a", to: "ana@example.com", amount: "10.00" };

  it("takes a wallet, a recipient and an amount", () => {
    expect(transferInputSchema.parse({ ...valid, to: "  ana@example.com " })).toEqual(valid);
  });

  it("refuses control characters in any field, and in the idempotency key", () => {
    for (const field of ["from", "to", "amount"] as const) {
      for (const bad of ["\u0000", "\u0007", "\u001b", "\u007f"]) {
        const parsed = transferInputSchema.safeParse({ ...valid, [field]: `${valid[field]}${bad}x` });
        expect(parsed.success, `${field} with ${JSON.stringify(bad)}`).toBe(false);
      }
    }
    expect(idempotencyKeySchema.safeParse("key\u0000").success).toBe(false);
    expect(idempotencyKeySchema.safeParse("order-2026-12-01/17").success).toBe(true);
  });
});
