import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { listWallets, type Wallet } from "./accounts";
import { checkIntegrity } from "./integrity";
import { deposit, requestWithdrawal, settleWithdrawal } from "./provider";
import { transfer, transferBatch } from "./transfers";

const t = setupTestDatabase();
let sql: postgres.Sql;
let ana: Wallet;
let bruno: Wallet;

async function balance(wallet: Wallet) {
  const [row] = await sql`select balance from ledger_accounts where id = ${wallet.id}`;
  return BigInt(row.balance);
}

async function transferCount(kind: string) {
  const [row] = await sql`select count(*)::int as count from ledger_transfers where kind = ${kind}`;
  return row.count as number;
}

/** Settles every promise and groups the outcomes: the values, and the errors' codes. */
async function settleAll<T>(calls: Promise<T>[]) {
  const outcomes = await Promise.allSettled(calls);
  return {
    values: outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : [])),
    errors: outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [(outcome.reason as { code?: string }).code ?? String(outcome.reason)] : [])),
  };
}

beforeAll(async () => {
  sql = postgres(t.url, { max: 50, onnotice: () => {} });
  [{ wallets: [ana] }, { wallets: [bruno] }] = await createCustomers(t.db, [
    { name: "Ana", email: "ana@idem.test" },
    { name: "Bruno", email: "bruno@idem.test" },
  ]);
  await deposit(t.db, { accountNumber: ana.accountNumber, amount: "1000.00", currency: "BRL", reference: "opening" }, "opening-ana");
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
});

describe("idempotency keys under concurrency", () => {
  it("fifty concurrent transfers with one key move the money once and all answer the same", async () => {
    const before = await transferCount("transfer");
    const { values, errors } = await settleAll(
      Array.from({ length: 50 }, () => transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "10.00" }, "same-transfer")),
    );
    expect(errors).toEqual([]);
    expect(values).toHaveLength(50);
    for (const value of values) expect(value).toEqual(values[0]);
    expect(await transferCount("transfer")).toBe(before + 1);
    expect(await balance(ana)).toBe(99_000n);
    expect(await balance(bruno)).toBe(1_000n);
  });

  it("fifty concurrent deposits with one key credit the wallet once", async () => {
    const start = await balance(bruno);
    const { values, errors } = await settleAll(
      Array.from({ length: 50 }, () => deposit(t.db, { accountNumber: bruno.accountNumber, amount: "7.00", currency: "BRL", reference: "pix-77" }, "same-deposit")),
    );
    expect(errors).toEqual([]);
    for (const value of values) expect(value).toEqual(values[0]);
    // The app's client is drizzle's, which serializes JSON parameters differently: the replay must match there too.
    const replay = await deposit(t.db, { accountNumber: bruno.accountNumber, amount: "7.00", currency: "BRL", reference: "pix-77" }, "same-deposit");
    expect(replay).toEqual(values[0]);
    expect(await balance(bruno)).toBe(start + 700n);
  });

  it("fifty concurrent withdrawal requests with one key place one hold", async () => {
    const { values, errors } = await settleAll(
      Array.from({ length: 50 }, () => requestWithdrawal(t.db, { userId: ana.ownerId }, { from: ana.id, amount: "5.00" }, "same-withdrawal", 60)),
    );
    expect(errors).toEqual([]);
    for (const value of values) expect(value).toEqual(values[0]);
    const [wallet] = await listWallets(t.db, ana.ownerId);
    expect(wallet.balance - wallet.available).toBe(500n);
  });

  it("fifty concurrent batches repeating the same keys apply each item once", async () => {
    const start = await balance(bruno);
    const items = [1, 2, 3].map((n) => ({ idempotencyKey: `batch-item-${n}`, from: ana.id, to: bruno.accountNumber, amount: `${n}.00` }));
    const { values, errors } = await settleAll(Array.from({ length: 50 }, () => transferBatch(t.db, { userId: ana.ownerId }, items)));
    expect(errors).toEqual([]);
    for (const outcomes of values) expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    for (const outcomes of values) expect(outcomes).toEqual(values[0]);
    expect(await balance(bruno)).toBe(start + 600n);
  });

  it("refuses the same key with a different request, and moves nothing", async () => {
    await transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "1.00" }, "reused");
    const before = await balance(ana);
    await expect(transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "2.00" }, "reused")).rejects.toMatchObject({
      code: "IDEMPOTENCY_CONFLICT",
    });
    expect(await balance(ana)).toBe(before);
  });

  it("takes a retry that spells the amount differently as the same request", async () => {
    const first = await transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "3.50" }, "respelled");
    const before = await balance(ana);
    const retry = await transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "03.5" }, "respelled");
    expect(retry).toEqual(first);
    expect(await balance(ana)).toBe(before);
  });

  it("lets a key refused for lack of funds run again once there is money", async () => {
    await expect(transfer(t.db, { userId: bruno.ownerId }, { from: bruno.id, to: ana.accountNumber, amount: "5000.00" }, "retry-later")).rejects.toMatchObject({
      code: "INSUFFICIENT_FUNDS",
    });
    await deposit(t.db, { accountNumber: bruno.accountNumber, amount: "5000.00", currency: "BRL", reference: "top-up" }, "top-up");
    const result = await transfer(t.db, { userId: bruno.ownerId }, { from: bruno.id, to: ana.accountNumber, amount: "5000.00" }, "retry-later");
    expect(result.debited).toEqual({ amount: "5000.00", currency: "BRL" });
  });

  it("keeps one customer's keys apart from another's", async () => {
    const first = await transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "1.00" }, "shared-key");
    const second = await transfer(t.db, { userId: bruno.ownerId }, { from: bruno.id, to: ana.accountNumber, amount: "1.00" }, "shared-key");
    expect(second.id).not.toBe(first.id);
  });
});

describe("ownership", () => {
  it("a customer can't move, withdraw or hold another customer's money", async () => {
    const before = [await balance(ana), await balance(bruno)];
    await expect(transfer(t.db, { userId: bruno.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "1.00" }, "steal")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestWithdrawal(t.db, { userId: bruno.ownerId }, { from: ana.id, amount: "1.00" }, "steal-out", 60)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [outcome] = await transferBatch(t.db, { userId: bruno.ownerId }, [{ idempotencyKey: "steal-batch", from: ana.id, to: bruno.accountNumber, amount: "1.00" }]);
    expect(outcome).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect([await balance(ana), await balance(bruno)]).toEqual(before);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("answers an id that is no uuid as not found, not as a database error", async () => {
    const notAnId = "-".repeat(36);
    await expect(transfer(t.db, { userId: ana.ownerId }, { from: notAnId, to: bruno.accountNumber, amount: "1.00" }, "bad-id")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestWithdrawal(t.db, { userId: ana.ownerId }, { from: notAnId, amount: "1.00" }, "bad-id-out", 60)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(settleWithdrawal(t.db, notAnId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
