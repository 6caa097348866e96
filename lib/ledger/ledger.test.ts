import { beforeAll, describe, expect, it } from "vitest";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { openWallet, listWallets } from "./accounts";
import { checkIntegrity } from "./integrity";
import { cancelWithdrawal, deposit, requestWithdrawal, settleWithdrawal } from "./provider";
import { setRate } from "./rates";
import { setFeeSchedule } from "./fees";
import { transfer, transferBatch } from "./transfers";

const t = setupTestDatabase();
let ana: string;
let bruno: string;

beforeAll(async () => {
  // No wallets yet: the smoke test opens them itself.
  [{ id: ana }, { id: bruno }] = await createCustomers(t.db, [
    { name: "Ana", email: "ana@ledger.test", currencies: [] },
    { name: "Bruno", email: "bruno@ledger.test", currencies: [] },
  ]);
});

describe("ledger smoke", () => {
  it("deposits, transfers across currencies with a fee, withdraws, and stays consistent", async () => {
    const sql = t.db.$client;
    await openWallet(t.db, ana, "BRL");
    await openWallet(t.db, bruno, "USD");
    const [anaBrl] = await listWallets(t.db, ana);
    await deposit(t.db, { accountNumber: anaBrl.accountNumber, amount: "1000.00", currency: "BRL", reference: "pix-1" }, "d1");
    await setRate(sql, { base: "USD", quote: "BRL", rate: "5.00", source: "test" }, null);
    await setFeeSchedule(sql, "BRL", { flat: 100n, percent: 10000n, minimum: 200n }, null);
    const result = await transfer(t.db, { userId: ana }, { from: anaBrl.id, to: "bruno@ledger.test", amount: "100.00" }, "t1");
    expect(result.debited).toEqual({ amount: "100.00", currency: "BRL" });
    expect(result.credited).toEqual({ amount: "20.00", currency: "USD" });
    expect(result.fee).toEqual({ amount: "2.00", currency: "BRL" });
    const again = await transfer(t.db, { userId: ana }, { from: anaBrl.id, to: "bruno@ledger.test", amount: "100.00" }, "t1");
    expect(again).toEqual(result);
    const [wallet] = await listWallets(t.db, ana);
    expect(wallet.balance).toBe(89800n);

    const withdrawal = await requestWithdrawal(t.db, { userId: ana }, { from: anaBrl.id, amount: "800.00" }, "w1", 60);
    expect((await listWallets(t.db, ana))[0].available).toBe(9800n);
    await settleWithdrawal(t.db, withdrawal.id);
    expect((await listWallets(t.db, ana))[0]).toMatchObject({ balance: 9800n, available: 9800n });
    const second = await requestWithdrawal(t.db, { userId: ana }, { from: anaBrl.id, amount: "50.00" }, "w2", 60);
    await cancelWithdrawal(t.db, second.id);
    expect((await listWallets(t.db, ana))[0].available).toBe(9800n);
    expect((await listWallets(t.db, bruno))[0].balance).toBe(2000n);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });
});

describe("ledger rules", () => {
  it("refuses to send to a deleted customer's wallet, by account number as by email", async () => {
    const sql = t.db.$client;
    const [gone] = await createCustomers(t.db, [{ name: "Gone", email: "gone@ledger.test" }]);
    const [goneBrl] = gone.wallets;
    await sql`update users set deleted_at = now() where id = ${gone.id}`;
    const [anaBrl] = await listWallets(t.db, ana);
    for (const to of [goneBrl.accountNumber, "gone@ledger.test"]) {
      await expect(transfer(t.db, { userId: ana }, { from: anaBrl.id, to, amount: "1.00" }, `to-gone-${to}`)).rejects.toMatchObject({ code: "UNKNOWN_RECIPIENT" });
    }
  });

  it("prices each transfer of a batch from its wallets as locked, and refuses a bad one alone", async () => {
    const sql = t.db.$client;
    const [cleo, dora, staff] = await createCustomers(t.db, [
      { name: "Cleo", email: "cleo@ledger.test", currencies: ["USD", "EUR"] },
      { name: "Dora", email: "Dora@Ledger.test", currencies: ["EUR", "BRL"] },
      { name: "Stan", email: "stan@ledger.test" },
    ]);
    await sql`update users set role = 'analyst' where id = ${staff.id}`;
    const [anaBrl] = await listWallets(t.db, ana);
    await deposit(t.db, { accountNumber: anaBrl.accountNumber, amount: "100.00", currency: "BRL", reference: "batch-priced" }, "batch-priced");
    await setRate(sql, { base: "USD", quote: "BRL", rate: "5.00", source: "test" }, null);
    const items = [
      // No wallet in BRL: Cleo's first, in USD.
      { from: anaBrl.id, to: "CLEO@ledger.test", amount: "10.00" },
      // Dora's BRL wallet, her second, by email in any case.
      { from: anaBrl.id, to: "dora@ledger.test", amount: "1.00" },
      { from: "not-a-uuid", to: "dora@ledger.test", amount: "1.00" },
      { from: cleo.wallets[0].id, to: dora.wallets[1].accountNumber, amount: "1.00" },
      { from: anaBrl.id, to: "stan@ledger.test", amount: "1.00" },
      { from: anaBrl.id, to: staff.wallets[0].accountNumber, amount: "1.00" },
      { from: anaBrl.id, to: dora.wallets[1].accountNumber, amount: "1.50" },
    ].map((item, i) => ({ ...item, idempotencyKey: `batch-priced-${i}` }));
    const outcomes = await transferBatch(t.db, { userId: ana }, items);
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.result.credited : outcome.error.code))).toEqual([
      { amount: "2.00", currency: "USD" },
      { amount: "1.00", currency: "BRL" },
      "NOT_FOUND",
      "NOT_FOUND",
      "UNKNOWN_RECIPIENT",
      "UNKNOWN_RECIPIENT",
      { amount: "1.50", currency: "BRL" },
    ]);
    expect((await listWallets(t.db, cleo.id))[0].balance).toBe(200n);
    expect((await listWallets(t.db, dora.id)).map((wallet) => wallet.balance)).toEqual([0n, 250n]);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("frees a lapsed hold's money and refuses to settle it afterwards", async () => {
    const sql = t.db.$client;
    const [anaBrl] = await listWallets(t.db, ana);
    const hold = await requestWithdrawal(t.db, { userId: ana }, { from: anaBrl.id, amount: "10.00" }, "lapsing", 60);
    expect((await listWallets(t.db, ana))[0].available).toBe(anaBrl.available - 1000n);
    await sql`update ledger_transfers set expires_at = now() - interval '1 second' where id = ${hold.id}`;
    expect((await listWallets(t.db, ana))[0].available).toBe(anaBrl.available);
    await expect(settleWithdrawal(t.db, hold.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await listWallets(t.db, ana))[0].balance).toBe(anaBrl.balance);
  });

  it("keeps a frozen wallet from sending or withdrawing, while it still receives", async () => {
    const sql = t.db.$client;
    const [anaBrl] = await listWallets(t.db, ana);
    await sql`update ledger_accounts set frozen_at = now() where id = ${anaBrl.id}`;
    try {
      await expect(transfer(t.db, { userId: ana }, { from: anaBrl.id, to: "bruno@ledger.test", amount: "1.00" }, "frozen-send")).rejects.toMatchObject({ code: "WALLET_FROZEN" });
      await expect(requestWithdrawal(t.db, { userId: ana }, { from: anaBrl.id, amount: "1.00" }, "frozen-out", 60)).rejects.toMatchObject({ code: "WALLET_FROZEN" });
      await deposit(t.db, { accountNumber: anaBrl.accountNumber, amount: "1.00", currency: "BRL", reference: "to-frozen" }, "to-frozen");
      expect((await listWallets(t.db, ana))[0].balance).toBe(anaBrl.balance + 100n);
    } finally {
      await sql`update ledger_accounts set frozen_at = null where id = ${anaBrl.id}`;
    }
  });
});
