import { beforeAll, describe, expect, it } from "vitest";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import type { Wallet } from "./accounts";
import { setFeeSchedule } from "./fees";
import { deposit, requestWithdrawal, settleWithdrawal } from "./provider";
import { transfer } from "./transfers";
import { walletHistory, type HistoryLine } from "./wallets";

const t = setupTestDatabase();
let carla: Wallet;
let dario: Wallet;
/** A time between Carla's deposit and everything after it. */
let afterDeposits: Date;

const summary = (lines: HistoryLine[]) => lines.map((line) => `${line.kind}/${line.purpose} ${line.amount} -> ${line.balanceAfter}`);

beforeAll(async () => {
  const sql = t.db.$client;
  [{ wallets: [carla] }, { wallets: [dario] }] = await createCustomers(t.db, [
    { name: "Carla", email: "carla@history.test" },
    { name: "Dario", email: "dario@history.test" },
  ]);
  await setFeeSchedule(sql, "BRL", { flat: 100n, percent: 0n, minimum: 0n }, null);
  // Carla: +500.00 deposit, -50.00 to Dario with a 1.00 fee, +20.00 from Dario, -100.00 withdrawn.
  await deposit(t.db, { accountNumber: carla.accountNumber, amount: "500.00", currency: "BRL", reference: "pix-carla" }, "h-d1");
  await deposit(t.db, { accountNumber: dario.accountNumber, amount: "100.00", currency: "BRL", reference: "pix-dario" }, "h-d2");
  // Just after the deposits by the database's clock, at the millisecond a Date keeps; the next
  // movement starts once that clock has passed it (within a millisecond), not after a sleep.
  const [{ at }] = await sql`select date_trunc('milliseconds', max(created_at)) + interval '1 millisecond' as at from ledger_transfers`;
  afterDeposits = new Date(at);
  while (!(await sql`select clock_timestamp() > ${afterDeposits.toISOString()}::timestamptz as past`)[0].past);
  await transfer(t.db, { userId: carla.ownerId }, { from: carla.id, to: dario.accountNumber, amount: "50.00" }, "h-t1");
  await transfer(t.db, { userId: dario.ownerId }, { from: dario.id, to: "carla@history.test", amount: "20.00" }, "h-t2");
  const withdrawal = await requestWithdrawal(t.db, { userId: carla.ownerId }, { from: carla.id, amount: "100.00" }, "h-w1", 60);
  await settleWithdrawal(t.db, withdrawal.id);
});

describe("walletHistory", () => {
  it("lists a wallet's lines newest first with the balance after each, the fee as its own line", async () => {
    const { lines, next, newer } = await walletHistory(t.db, carla.id, { limit: 10 });
    expect(summary(lines)).toEqual([
      "withdrawal/principal -10000 -> 36900",
      "transfer/principal 2000 -> 46900",
      "transfer/fee -100 -> 44900",
      "transfer/principal -5000 -> 45000",
      "deposit/principal 50000 -> 50000",
    ]);
    expect(lines[3]).toMatchObject({ counterparty: dario.accountNumber, counterpartyName: "Dario" });
    expect(lines[1]).toMatchObject({ counterparty: dario.accountNumber, counterpartyName: "Dario" });
    expect(lines[4]).toMatchObject({ counterparty: null, counterpartyName: null, reference: "pix-carla" });
    expect({ next, newer }).toEqual({ next: null, newer: null });
  });

  it("filters by kind in SQL: fees alone, or transfers without their fees", async () => {
    expect(summary((await walletHistory(t.db, carla.id, { limit: 10, kind: "fee" })).lines)).toEqual(["transfer/fee -100 -> 44900"]);
    expect(summary((await walletHistory(t.db, carla.id, { limit: 10, kind: "transfer" })).lines)).toEqual([
      "transfer/principal 2000 -> 46900",
      "transfer/principal -5000 -> 45000",
    ]);
    expect(summary((await walletHistory(t.db, carla.id, { limit: 10, kind: "deposit" })).lines)).toEqual(["deposit/principal 50000 -> 50000"]);
    expect(summary((await walletHistory(t.db, carla.id, { limit: 10, kind: "withdrawal" })).lines)).toEqual(["withdrawal/principal -10000 -> 36900"]);
  });

  it("filters by direction", async () => {
    const incoming = await walletHistory(t.db, carla.id, { limit: 10, direction: "in" });
    expect(incoming.lines.map((line) => line.amount)).toEqual([2000n, 50000n]);
    const outgoing = await walletHistory(t.db, carla.id, { limit: 10, direction: "out" });
    expect(outgoing.lines.map((line) => line.amount)).toEqual([-10000n, -100n, -5000n]);
    const outgoingTransfers = await walletHistory(t.db, carla.id, { limit: 10, direction: "out", kind: "transfer" });
    expect(outgoingTransfers.lines.map((line) => line.amount)).toEqual([-5000n]);
  });

  it("filters by date: from inclusive, until exclusive", async () => {
    const since = await walletHistory(t.db, carla.id, { limit: 10, since: afterDeposits });
    expect(since.lines.map((line) => line.kind)).toEqual(["withdrawal", "transfer", "transfer", "transfer"]);
    const until = await walletHistory(t.db, carla.id, { limit: 10, until: afterDeposits });
    expect(summary(until.lines)).toEqual(["deposit/principal 50000 -> 50000"]);
    const [deposit] = until.lines;
    expect((await walletHistory(t.db, carla.id, { limit: 10, since: deposit.at, until: afterDeposits })).lines).toHaveLength(1);
    expect((await walletHistory(t.db, carla.id, { limit: 10, until: new Date(deposit.at.getTime() - 1000) })).lines).toEqual([]);
  });

  it("pages older with `before` and back newer with `after`, with the filters applied", async () => {
    const all = (await walletHistory(t.db, carla.id, { limit: 10 })).lines.map((line) => line.postingId);
    const first = await walletHistory(t.db, carla.id, { limit: 2 });
    expect(first.lines.map((line) => line.postingId)).toEqual(all.slice(0, 2));
    expect(first).toMatchObject({ next: all[1], newer: null });
    const second = await walletHistory(t.db, carla.id, { limit: 2, before: first.next! });
    expect(second.lines.map((line) => line.postingId)).toEqual(all.slice(2, 4));
    expect(second).toMatchObject({ next: all[3], newer: all[2] });
    const third = await walletHistory(t.db, carla.id, { limit: 2, before: second.next! });
    expect(third.lines.map((line) => line.postingId)).toEqual(all.slice(4));
    expect(third).toMatchObject({ next: null, newer: all[4] });
    const back = await walletHistory(t.db, carla.id, { limit: 2, after: third.newer! });
    expect(back.lines.map((line) => line.postingId)).toEqual(all.slice(2, 4));
    expect(back).toMatchObject({ next: all[3], newer: all[2] });
    const top = await walletHistory(t.db, carla.id, { limit: 2, after: back.newer! });
    expect(top.lines.map((line) => line.postingId)).toEqual(all.slice(0, 2));
    expect(top).toMatchObject({ next: all[1], newer: null });

    const outgoing = await walletHistory(t.db, carla.id, { limit: 1, direction: "out", before: all[0] });
    expect(outgoing.lines.map((line) => line.amount)).toEqual([-100n]);
    expect(outgoing.newer).toBe(outgoing.lines[0].postingId);
    const newerOutgoing = await walletHistory(t.db, carla.id, { limit: 1, direction: "out", after: outgoing.newer! });
    expect(newerOutgoing.lines.map((line) => line.postingId)).toEqual([all[0]]);
    expect(newerOutgoing.newer).toBeNull();
  });

  it("shows only the wallet's own lines and ignores a malformed cursor", async () => {
    const darios = await walletHistory(t.db, dario.id, { limit: 10 });
    expect(darios.lines.map((line) => line.amount)).toEqual([-100n, -2000n, 5000n, 10000n]);
    const lenient = await walletHistory(t.db, dario.id, { limit: 10, before: "1; drop table users" });
    expect(lenient.lines).toHaveLength(4);
  });
});
