import { beforeAll, describe, expect, it } from "vitest";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import type { Wallet } from "./accounts";
import { setFeeSchedule } from "./fees";
import { deposit, requestWithdrawal } from "./provider";
import { setRate } from "./rates";
import { findReceipt } from "./receipts";
import { transfer } from "./transfers";

const t = setupTestDatabase();
let eva: string;
let fabio: string;
let gil: string;
let evaBrl: Wallet;
let fabioUsd: Wallet;

beforeAll(async () => {
  const sql = t.db.$client;
  [{ id: eva, wallets: [evaBrl] }, { id: fabio, wallets: [fabioUsd] }, { id: gil }] = await createCustomers(t.db, [
    { name: "Eva", email: "eva@receipts.test" },
    { name: "Fabio", email: "fabio@receipts.test", currencies: ["USD"] },
    { name: "Gil", email: "gil@receipts.test" },
  ]);
  await deposit(t.db, { accountNumber: evaBrl.accountNumber, amount: "1000.00", currency: "BRL", reference: "pix-eva" }, "r-d1");
  await setRate(sql, { base: "USD", quote: "BRL", rate: "5.00", source: "central-bank" }, null);
  await setFeeSchedule(sql, "BRL", { flat: 250n, percent: 0n, minimum: 0n }, null);
});

describe("findReceipt", () => {
  it("shows a transfer across currencies to its sender and to its recipient, each as their side", async () => {
    const sent = await transfer(t.db, { userId: eva }, { from: evaBrl.id, to: "fabio@receipts.test", amount: "100.00" }, "r-t1");

    const senders = await findReceipt(t.db, eva, sent.id);
    expect(senders).toMatchObject({
      id: sent.id,
      kind: "transfer",
      status: "completed",
      viewer: "sender",
      from: { accountNumber: evaBrl.accountNumber, currency: "BRL", amount: 10000n },
      to: { accountNumber: fabioUsd.accountNumber, currency: "USD", amount: 2000n },
      fee: { amount: 250n, currency: "BRL" },
      rate: { base: "USD", source: "central-bank" },
    });
    expect(senders!.rate!.value).toMatch(/^5(\.0+)?$/);

    const recipients = await findReceipt(t.db, fabio, sent.id);
    expect(recipients).toMatchObject({ id: sent.id, viewer: "recipient", to: { currency: "USD", amount: 2000n } });
  });

  it("is null for a customer who is no party to the transfer, and for an id that isn't one", async () => {
    const sent = await transfer(t.db, { userId: eva }, { from: evaBrl.id, to: fabioUsd.accountNumber, amount: "10.00" }, "r-t2");
    expect(await findReceipt(t.db, gil, sent.id)).toBeNull();
    expect(await findReceipt(t.db, eva, "not-a-uuid")).toBeNull();
    expect(await findReceipt(t.db, eva, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("shows the customer's own deposit and pending withdrawal, with its hold's expiry", async () => {
    const credited = await deposit(t.db, { accountNumber: evaBrl.accountNumber, amount: "5.00", currency: "BRL", reference: "pix-eva-2" }, "r-d2");
    expect(await findReceipt(t.db, eva, credited.id)).toMatchObject({ kind: "deposit", viewer: "recipient", from: null, reference: "pix-eva-2" });
    expect(await findReceipt(t.db, gil, credited.id)).toBeNull();

    const withdrawal = await requestWithdrawal(t.db, { userId: eva }, { from: evaBrl.id, amount: "20.00" }, "r-w1", 30);
    const receipt = await findReceipt(t.db, eva, withdrawal.id);
    expect(receipt).toMatchObject({ kind: "withdrawal", status: "pending", viewer: "sender", to: null, from: { amount: 2000n } });
    expect(receipt!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
  });
});
