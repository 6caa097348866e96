import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { formatMinorUnits } from "@/lib/money";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { listWallets, systemAccountId, type Wallet } from "./accounts";
import { checkIntegrity } from "./integrity";
import { deposit } from "./provider";
import { setRate } from "./rates";
import { transfer, transferBatch } from "./transfers";

// The attack of issue #13: with BRL→JPY at 27.5 and no fee, tiny conversions back and forth
// rounded half up in the customer's favour and created money the FX accounts absorbed.
const t = setupTestDatabase();
let mallory: string;
let brl: Wallet;
let jpy: Wallet;

/** A holding's value at BRL/JPY 27.5, as an exact integer: (centavos / 100 + yen / 27.5) × 5,500. */
const valueOf = (brlCentavos: bigint, yen: bigint) => brlCentavos * 55n + yen * 200n;

async function balances() {
  const wallets = await listWallets(t.db, mallory);
  const of = (currency: string) => wallets.find((wallet) => wallet.currency === currency)!.balance;
  return { brl: of("BRL"), jpy: of("JPY") };
}

beforeAll(async () => {
  const sql = t.db.$client;
  [{ id: mallory, wallets: [brl, jpy] }] = await createCustomers(t.db, [{ name: "Mallory", email: "mallory@fx.test", currencies: ["BRL", "JPY"] }]);
  await setRate(sql, { base: "BRL", quote: "JPY", rate: "27.5", source: "test" }, null);
  await deposit(t.db, { accountNumber: brl.accountNumber, amount: "1000.00", currency: "BRL", reference: "fx-start" }, "fx-start");
});

describe("conversions never favour the customer", () => {
  it("refuses a conversion worth less than one minor unit, and rounds every other one down", async () => {
    await expect(transfer(t.db, { userId: mallory }, { from: brl.id, to: jpy.accountNumber, amount: "0.02" }, randomUUID())).rejects.toMatchObject({
      code: "INVALID_AMOUNT",
    });
    const there = await transfer(t.db, { userId: mallory }, { from: brl.id, to: jpy.accountNumber, amount: "0.10" }, randomUUID());
    expect(there.credited).toEqual({ amount: "2", currency: "JPY" }); // 2.75 yen
    const back = await transfer(t.db, { userId: mallory }, { from: jpy.id, to: brl.accountNumber, amount: "1" }, randomUUID());
    expect(back.credited).toEqual({ amount: "0.03", currency: "BRL" }); // 0.036 BRL
  });

  it("1,000 tiny conversions each way in batches end with less value, not 20 BRL more", async () => {
    const before = await balances();
    const batch = (from: Wallet, to: Wallet, amount: string) =>
      transferBatch(t.db, { userId: mallory }, Array.from({ length: 1000 }, () => ({ from: from.id, to: to.accountNumber, amount, idempotencyKey: randomUUID() })));
    const there = await batch(brl, jpy, "0.02");
    expect(there.every((outcome) => !outcome.ok && outcome.error.code === "INVALID_AMOUNT")).toBe(true);
    expect(await balances()).toEqual(before);

    expect((await batch(brl, jpy, "0.04")).every((outcome) => outcome.ok)).toBe(true); // 1.1 yen → 1 each
    expect((await batch(jpy, brl, "1")).every((outcome) => outcome.ok)).toBe(true); // 0.036 BRL → 0.03 each
    const after = await balances();
    expect(after).toEqual({ brl: before.brl - 4000n + 3000n, jpy: before.jpy });
    expect(valueOf(after.brl, after.jpy) < valueOf(before.brl, before.jpy)).toBe(true);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("random sequences of single and batched conversions through the ledger never end with more value", async () => {
    const step = fc.record({
      towardJpy: fc.boolean(),
      amount: fc.integer({ min: 1, max: 60 }), // centavos or yen
      batch: fc.integer({ min: 1, max: 20 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const start = await balances();
        for (const { towardJpy, amount, batch } of steps) {
          const [from, to, text] = towardJpy ? [brl, jpy, formatMinorUnits(BigInt(amount), 2)] : [jpy, brl, String(amount)];
          const items = Array.from({ length: batch }, () => ({ from: from.id, to: to.accountNumber, amount: text, idempotencyKey: randomUUID() }));
          if (batch === 1) await transfer(t.db, { userId: mallory }, items[0], items[0].idempotencyKey).catch(() => undefined);
          else await transferBatch(t.db, { userId: mallory }, items);
          const now = await balances();
          expect(valueOf(now.brl, now.jpy) <= valueOf(start.brl, start.jpy)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });
});

describe("the integrity check and the FX accounts", () => {
  it("reports a conversion credited more than its recorded rate gives, though every posting balances", async () => {
    const sql = t.db.$client;
    expect((await checkIntegrity(t.db)).ok).toBe(true);
    // Seed what the old rounding wrote: 0.10 BRL (2.75 yen at the rate) credited as 3 yen, the
    // extra yen taken from the JPY FX account, every transfer and currency still summing to zero.
    const [fxBrl, fxJpy] = [await systemAccountId(sql, "fx", "BRL"), await systemAccountId(sql, "fx", "JPY")];
    const id = randomUUID();
    await sql.begin(async (tx) => {
      await tx`insert into ledger_transfers (id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency,
          credit_amount, credit_currency, rate, rate_base, rate_source, rate_at, requested_by, completed_at)
        values (${id}, 'transfer', 'completed', ${brl.id}, ${jpy.id}, 10, 'BRL', 3, 'JPY', 27.5, 'BRL', 'test', now(), ${mallory}, now())`;
      await tx`insert into ledger_postings (transfer_id, account_id, amount, currency, purpose) values
        (${id}, ${brl.id}, -10, 'BRL', 'principal'), (${id}, ${fxBrl}, 10, 'BRL', 'principal'),
        (${id}, ${fxJpy}, -3, 'JPY', 'principal'), (${id}, ${jpy.id}, 3, 'JPY', 'principal')`;
      await tx`update ledger_accounts set balance = balance + case when id = ${jpy.id} then 3 else -10 end where id in (${brl.id}, ${jpy.id})`;
    });
    const report = await checkIntegrity(t.db);
    expect(report.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual(["Every conversion credited its recorded rate's value, rounded down"]);
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => !check.ok)!.problems).toEqual([`transfer ${id}: 0.10 BRL at BRL/JPY 27.5 credited 3 JPY; the rate gives 2.75`]);
  });
});
