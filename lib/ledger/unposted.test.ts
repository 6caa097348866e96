import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { decideCase } from "@/lib/screening/decide";
import { activateRuleVersion, createRule } from "@/lib/screening/rules";
import type { Wallet } from "./accounts";
import { historyEntries, unpostedDetail, unpostedLabel } from "./line-text";
import { deposit } from "./provider";
import { transfer } from "./transfers";
import { unpostedMovements, walletHistory, type HistoryOptions, type UnpostedMovement } from "./wallets";

const t = setupTestDatabase();
let ana: Wallet;
let bia: Wallet;
let held: string;
let rejected: string;
let blocked: string;

beforeAll(async () => {
  [{ wallets: [ana] }, { wallets: [bia] }] = await createCustomers(t.db, [
    { name: "Ana", email: "ana@unposted.test" },
    { name: "Bia", email: "bia@unposted.test" },
  ]);
  const [staff] = await t.db.insert(users).values({ name: "Rui", email: "rui@unposted.test", role: "analyst", passwordHash: "x" }).returning({ id: users.id });
  const rui = { id: staff.id, label: "rui@unposted.test", ip: null };
  for (const [name, outcome, amount] of [["Large", "review", "5000"], ["Huge", "block", "9000"]] as const) {
    const { versionId } = await createRule(t.db, rui, { name, outcome, conditions: [{ type: "amount_at_least", amount, currency: "BRL" }] });
    await activateRuleVersion(t.db, rui, versionId);
  }
  await deposit(t.db, { accountNumber: ana.accountNumber, amount: "50000.00", currency: "BRL", reference: "pix-ana" }, "u-d1");
  const send = (amount: string, key: string) => transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bia.accountNumber, amount }, key);
  await send("100.00", "u-t1");
  held = (await send("6000.00", "u-t2")).id;
  await send("200.00", "u-t3");
  rejected = (await send("7000.00", "u-t4")).id;
  const [row] = await t.db.$client`select id from cases where transfer_id = ${rejected}`;
  await decideCase(t.db, rui, row.id, "reject", "Not plausible", 60);
  blocked = await send("9500.00", "u-t5").catch((error) => error.details.reference);
  await send("300.00", "u-t6");
});

/** Every page of the history, oldest cursor after cursor, with its movements without lines. */
async function allPages(walletId: string, options: Omit<HistoryOptions, "limit" | "before">) {
  const pages: string[][] = [];
  let before: string | undefined;
  do {
    const page = await walletHistory(t.db, walletId, { ...options, limit: 2, before });
    const movements = await unpostedMovements(t.db, walletId, page.span, options);
    pages.push(historyEntries(page.lines, movements).map((entry) => (entry.line ? `${entry.line.purpose} ${entry.line.amount}` : entry.movement.status)));
    before = page.next ?? undefined;
  } while (before);
  return pages;
}

describe("the movements that made no line", () => {
  it("each falls on exactly one page of the sender's history, where its time puts it", async () => {
    expect(await allPages(ana.id, {})).toEqual([
      ["principal -30000", "blocked", "rejected", "principal -20000"],
      ["pending_review", "principal -10000", "principal 5000000"],
    ]);
    const one = await walletHistory(t.db, ana.id, { limit: 10 });
    expect((await unpostedMovements(t.db, ana.id, one.span, {})).map((movement) => movement.transferId)).toEqual([blocked, rejected, held]);
  });

  it("follows the filters, and the recipient never sees them", async () => {
    expect((await allPages(ana.id, { kind: "transfer" })).flat().filter((entry) => !entry.startsWith("principal"))).toEqual(["blocked", "rejected", "pending_review"]);
    expect((await allPages(ana.id, { direction: "in" })).flat()).toEqual(["principal 5000000"]);
    expect((await allPages(ana.id, { kind: "withdrawal" })).flat()).toEqual([]);
    const received = await walletHistory(t.db, bia.id, { limit: 10 });
    expect(await unpostedMovements(t.db, bia.id, received.span, {})).toEqual([]);
    // A cursor past every line shows none of them again.
    expect(await unpostedMovements(t.db, ana.id, (await walletHistory(t.db, ana.id, { limit: 2, before: "1" })).span, {})).toEqual([]);
  });

  it("says what became of each, as the receipt does", async () => {
    const movements = await unpostedMovements(t.db, ana.id, {}, {});
    const text = (movement: UnpostedMovement) => [unpostedLabel(movement), unpostedDetail(movement).note, unpostedDetail(movement).counterparty];
    expect(movements.map(text)).toEqual([
      ["Transfer not made", "Not made: nothing left your wallet.", `to ${bia.accountNumber} (Bia)`],
      ["Transfer rejected after review", "Not made: the held money is available again.", `to ${bia.accountNumber} (Bia)`],
      ["Transfer under review", "The money is held until we have checked it.", `to ${bia.accountNumber} (Bia)`],
    ]);
    expect(movements[2]).toMatchObject({ transferId: held, kind: "transfer", amount: 600_000n });
  });
});
