import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import type { Wallet } from "@/lib/ledger/accounts";
import { findWallet } from "@/lib/ledger/accounts";
import { checkIntegrity } from "@/lib/ledger/integrity";
import { deposit, requestWithdrawal } from "@/lib/ledger/provider";
import { transfer } from "@/lib/ledger/transfers";
import { decideCase } from "./decide";
import { activateRuleVersion, createRule } from "./rules";

const t = setupTestDatabase();
let ana: string;
let from: Wallet;
let to: Wallet;
let staff: { id: string; label: string; ip: null };

beforeAll(async () => {
  [{ id: ana, wallets: [from] }, { wallets: [to] }] = await createCustomers(t.db, [
    { name: "Ana", email: "ana@hold.test" },
    { name: "Bia", email: "bia@hold.test" },
  ]);
  const [admin] = await t.db.insert(users).values({ name: "Rui", email: "rui@hold.test", role: "analyst", passwordHash: "x" }).returning({ id: users.id });
  staff = { id: admin.id, label: "rui@hold.test", ip: null };
  await deposit(t.db, { accountNumber: from.accountNumber, amount: "20000.00", currency: "BRL", reference: "pix-ana" }, "hold-d1");
  const { versionId } = await createRule(t.db, staff, { name: "Large", outcome: "review", conditions: [{ type: "amount_at_least", amount: "5000", currency: "BRL" }] });
  await activateRuleVersion(t.db, staff, versionId);
  const blocked = await createRule(t.db, staff, { name: "Huge", outcome: "block", conditions: [{ type: "amount_at_least", amount: "10000", currency: "BRL" }] });
  await activateRuleVersion(t.db, staff, blocked.versionId);
});

const caseOf = async (transferId: string) => {
  const [row] = await t.db.$client`select id, status from cases where transfer_id = ${transferId}`;
  return row;
};

describe("a movement screening holds", () => {
  it("holds a large transfer: available drops, the balance and the recipient stay, a case opens; release completes it", async () => {
    const held = await transfer(t.db, { userId: ana }, { from: from.id, to: to.accountNumber, amount: "6000.00" }, "hold-t1");
    expect(held.status).toBe("pending_review");
    const sender = await findWallet(t.db, from.id);
    expect(sender!.balance).toBe(2_000_000n);
    expect(sender!.available).toBe(2_000_000n - 600_000n);
    expect((await findWallet(t.db, to.id))!.balance).toBe(0n);
    const opened = await caseOf(held.id);
    expect(opened.status).toBe("open");
    const [audit] = await t.db.$client`select actor_label, details from audit_events where action = 'case.opened' and target_id = ${opened.id}`;
    expect(audit).toMatchObject({ actor_label: "screening", details: { transferId: held.id } });
    expect((await checkIntegrity(t.db)).ok).toBe(true);

    // The same key again answers the held transfer as it is now.
    expect((await transfer(t.db, { userId: ana }, { from: from.id, to: to.accountNumber, amount: "6000.00" }, "hold-t1")).status).toBe("pending_review");
    const released = await decideCase(t.db, staff, opened.id, "release", "Known customer", 60);
    expect(released.status).toBe("completed");
    expect((await findWallet(t.db, to.id))!.balance).toBe(600_000n);
    expect((await findWallet(t.db, from.id))!.available).toBe(1_400_000n);
    expect((await transfer(t.db, { userId: ana }, { from: from.id, to: to.accountNumber, amount: "6000.00" }, "hold-t1")).status).toBe("completed");
    await expect(decideCase(t.db, staff, opened.id, "reject", "Too late", 60)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("returns a rejected withdrawal's money, and blocks a huge transfer with only a reference", async () => {
    const held = await requestWithdrawal(t.db, { userId: ana }, { from: from.id, amount: "5000.00" }, "hold-w1", 60);
    expect(held.status).toBe("pending_review");
    expect((await findWallet(t.db, from.id))!.available).toBe(900_000n);
    await decideCase(t.db, staff, (await caseOf(held.id)).id, "reject", "Not plausible", 60);
    expect((await findWallet(t.db, from.id))!.available).toBe(1_400_000n);

    const refused = transfer(t.db, { userId: ana }, { from: from.id, to: to.accountNumber, amount: "12000.00" }, "hold-t2");
    await expect(refused).rejects.toMatchObject({ code: "TRANSFER_BLOCKED" });
    const error = await refused.catch((error) => error);
    expect(error.message).not.toContain("Huge");
    const [row] = await t.db.$client`select status, screening from ledger_transfers where id = ${error.details.reference}`;
    expect(row.status).toBe("blocked");
    expect(row.screening.matched.map((rule: { name: string }) => rule.name).sort()).toEqual(["Huge", "Large"]);
    expect((await findWallet(t.db, from.id))!.available).toBe(1_400_000n);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });
});
