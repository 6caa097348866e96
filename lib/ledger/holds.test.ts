import { beforeAll, describe, expect, it } from "vitest";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import type { Wallet } from "./accounts";
import { pendingWithdrawals } from "./holds";
import { cancelWithdrawal, deposit, requestWithdrawal, settleWithdrawal } from "./provider";

const t = setupTestDatabase();
let hana: string;
let ivo: string;
let wallet: Wallet;

beforeAll(async () => {
  [{ id: hana, wallets: [wallet] }, { id: ivo }] = await createCustomers(t.db, [
    { name: "Hana", email: "hana@holds.test" },
    { name: "Ivo", email: "ivo@holds.test" },
  ]);
  await deposit(t.db, { accountNumber: wallet.accountNumber, amount: "300.00", currency: "BRL", reference: "pix-hana" }, "hold-d1");
});

describe("pendingWithdrawals", () => {
  it("lists the customer's withdrawals still holding money, not settled, cancelled or lapsed ones", async () => {
    const customer = { userId: hana };
    const held = await requestWithdrawal(t.db, customer, { from: wallet.id, amount: "10.00" }, "hold-w1", 60);
    const settled = await requestWithdrawal(t.db, customer, { from: wallet.id, amount: "20.00" }, "hold-w2", 60);
    const cancelled = await requestWithdrawal(t.db, customer, { from: wallet.id, amount: "30.00" }, "hold-w3", 60);
    await requestWithdrawal(t.db, customer, { from: wallet.id, amount: "40.00" }, "hold-w4", 0);
    await settleWithdrawal(t.db, settled.id);
    await cancelWithdrawal(t.db, cancelled.id);

    const pending = await pendingWithdrawals(t.db, hana);
    expect(pending.map((withdrawal) => ({ id: withdrawal.id, amount: withdrawal.amount, accountNumber: withdrawal.accountNumber }))).toEqual([
      { id: held.id, amount: 1000n, accountNumber: wallet.accountNumber },
    ]);
    expect(pending[0].expiresAt.getTime() - pending[0].requestedAt.getTime()).toBeGreaterThan(59 * 60_000);
    expect(await pendingWithdrawals(t.db, ivo)).toEqual([]);
  });
});
