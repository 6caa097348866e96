import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { resolveSessionUser, startSession } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { listWallets } from "@/lib/ledger/accounts";
import { cancelPaymentRequest, createPaymentRequest } from "@/lib/ledger/payment-requests";
import { cancelWithdrawal, deposit, requestWithdrawal, settleWithdrawal } from "@/lib/ledger/provider";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { closeCustomerAccount } from "./close-account";
import { deleteUser } from "./index";

const t = setupTestDatabase();
let staff: { id: string; label: string; ip: null };

beforeAll(async () => {
  const [row] = await t.db.insert(users).values({ name: "Stella Staff", email: "staff@close.test", role: "admin", passwordHash: "x" }).returning({ id: users.id });
  staff = { id: row.id, label: "staff@close.test", ip: null };
});

const refusedWith = (promise: Promise<unknown>, message: RegExp) =>
  expect(promise).rejects.toSatisfy((error) => error instanceof DomainError && error.code === "INVALID_STATE" && message.test(error.message));

async function customer(name: string) {
  const [created] = await createCustomers(t.db, [{ name, email: `${name.toLowerCase().replace(/\W/g, "")}@close.test`, currencies: ["BRL", "USD"] }]);
  return { id: created.id, actor: { id: created.id, label: name, ip: null }, brl: created.wallets[0] };
}

describe("closing an account", () => {
  it("is refused with a balance, a hold or a pending request, and then allowed once all are gone", async () => {
    const [other] = await createCustomers(t.db, [{ name: "Other", email: "other@close.test" }]);
    const cleo = await customer("Cleo Closer");
    await deposit(t.db, { accountNumber: cleo.brl.accountNumber, amount: "10.00", currency: "BRL", reference: "pix" }, randomUUID());
    await refusedWith(closeCustomerAccount(t.db, cleo.actor, cleo.id, null), /Empty every wallet first: BRL still holds money/);

    // All of it held by a withdrawal: the hold is the reason.
    const withdrawal = await requestWithdrawal(t.db, { userId: cleo.id }, { from: cleo.brl.id, amount: "10.00" }, randomUUID(), 60);
    await refusedWith(closeCustomerAccount(t.db, cleo.actor, cleo.id, null), /withdrawal is still pending/);
    await cancelWithdrawal(t.db, withdrawal.id);
    const paidOut = await requestWithdrawal(t.db, { userId: cleo.id }, { from: cleo.brl.id, amount: "10.00" }, randomUUID(), 60);
    await settleWithdrawal(t.db, paidOut.id);

    // Asked of someone, or asked by someone: either way pending.
    const asked = await createPaymentRequest(t.db, cleo.actor, { payer: "other@close.test", amount: "1.00", currency: "BRL" });
    await refusedWith(closeCustomerAccount(t.db, cleo.actor, cleo.id, null), /payment request is still pending/);
    await cancelPaymentRequest(t.db, cleo.actor, asked.id);
    const owed = await createPaymentRequest(t.db, { id: other.id, label: "Other", ip: null }, { payer: "cleocloser@close.test", amount: "1.00", currency: "BRL" });
    await refusedWith(closeCustomerAccount(t.db, cleo.actor, cleo.id, null), /payment request is still pending/);
    await cancelPaymentRequest(t.db, { id: other.id, label: "Other", ip: null }, owed.id);
    // An expired one no longer counts.
    await createPaymentRequest(t.db, { id: other.id, label: "Other", ip: null }, { payer: "cleocloser@close.test", amount: "1.00", currency: "BRL" });
    await t.db.$client`update payment_requests set expires_at = now() - interval '1 second' where payer_id = ${cleo.id} and status = 'pending'`;

    const sessionId = await startSession(t.db, cleo.id);
    await closeCustomerAccount(t.db, cleo.actor, cleo.id, null);
    const [row] = await t.db.select().from(users).where(eq(users.id, cleo.id));
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(await resolveSessionUser(t.db, { userId: cleo.id, sessionId, sessionVersion: 1 })).toBeNull();
    // The ledger keeps the wallets and their history.
    expect((await listWallets(t.db, cleo.id)).map((wallet) => wallet.currency)).toEqual(["BRL", "USD"]);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.account_closed"), eq(auditEvents.targetId, cleo.id)));
    expect(audit.details).toEqual({ by: "customer" });
    await expect(closeCustomerAccount(t.db, cleo.actor, cleo.id, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("by staff keeps the reason in the audit log; a deposit at the same moment either lands first and stops it, or is refused", async () => {
    const dora = await customer("Dora Staffclosed");
    await closeCustomerAccount(t.db, staff, dora.id, "Asked by phone, ticket 4411");
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "user.account_closed"), eq(auditEvents.targetId, dora.id)));
    expect(audit.details).toEqual({ by: "staff", reason: "Asked by phone, ticket 4411" });

    // A deposit racing the close: it lands before (and the close is refused) or finds the wallet closed.
    for (let round = 0; round < 5; round++) {
      const racer = await customer(`Eli Racer ${round}`);
      const [closing, depositing] = await Promise.allSettled([
        closeCustomerAccount(t.db, staff, racer.id, "Race"),
        deposit(t.db, { accountNumber: racer.brl.accountNumber, amount: "3.00", currency: "BRL", reference: `race-${round}` }, randomUUID()),
      ]);
      expect([closing.status, depositing.status].sort()).toEqual(["fulfilled", "rejected"]);
      const [brl] = await listWallets(t.db, racer.id);
      expect(brl.balance).toBe(depositing.status === "fulfilled" ? 300n : 0n);
      if (depositing.status === "rejected") expect(depositing.reason).toMatchObject({ code: "UNKNOWN_RECIPIENT" });
    }
  });

  it("applies to staff deleting a customer too", async () => {
    const finn = await customer("Finn Funded");
    await deposit(t.db, { accountNumber: finn.brl.accountNumber, amount: "1.00", currency: "BRL", reference: "pix" }, randomUUID());
    await refusedWith(deleteUser(t.db, staff, finn.id), /can't be deleted yet\. Empty every wallet first/);
    const [row] = await t.db.select().from(users).where(eq(users.id, finn.id));
    expect(row.deletedAt).toBeNull();
  });
});
