import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notifications, outboxMessages } from "@/db/schema";
import type { Wallet } from "@/lib/ledger/accounts";
import { cancelWithdrawal, deposit, requestWithdrawal, settleWithdrawal } from "@/lib/ledger/provider";
import { setRate } from "@/lib/ledger/rates";
import { transfer, transferBatch } from "@/lib/ledger/transfers";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { emailOptOuts, listNotifications, markNotificationsRead, notificationText, notify, queueNotificationEmails, setEmailOptOuts, unreadCount } from "./index";

const t = setupTestDatabase();
const appUrl = "http://ledgerwatch.test";
let ana: { id: string; brl: Wallet; usd: Wallet };
let bia: { id: string; brl: Wallet };
let caio: { id: string; brl: Wallet };

const kindsOf = async (userId: string) => (await t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id)).map((row) => row.kind);
const titlesOf = async (userId: string) => (await listNotifications(t.db, userId, { index: 0, size: 50 })).rows.map((row) => notificationText(row).title).reverse();

beforeAll(async () => {
  const [a, b, c] = await createCustomers(t.db, [
    { name: "Ana Alves", email: "ana@notify.test", currencies: ["BRL", "USD"] },
    { name: "Bia Borges", email: "bia@notify.test" },
    { name: "Caio Costa", email: "caio@notify.test" },
  ]);
  ana = { id: a.id, brl: a.wallets[0], usd: a.wallets[1] };
  bia = { id: b.id, brl: b.wallets[0] };
  caio = { id: c.id, brl: c.wallets[0] };
  await setRate(t.db.$client, { base: "USD", quote: "BRL", rate: "5", source: "test" }, null);
});

beforeEach(async () => {
  await t.db.delete(notifications);
  await t.db.delete(outboxMessages);
});

describe("the ledger's notifications", () => {
  it("tell the owner of a wallet money reached, from a deposit or another customer, and not the sender", async () => {
    await deposit(t.db, { accountNumber: ana.brl.accountNumber, amount: "100.00", currency: "BRL", reference: "pix" }, randomUUID());
    await transfer(t.db, { userId: ana.id }, { from: ana.brl.id, to: bia.brl.accountNumber, amount: "12.50" }, randomUUID());
    // Between one's own wallets: nobody else sent it, nothing to tell.
    await transfer(t.db, { userId: ana.id }, { from: ana.brl.id, to: ana.usd.accountNumber, amount: "10.00" }, randomUUID());

    expect(await titlesOf(ana.id)).toEqual(["You received 100.00 BRL"]);
    expect(await titlesOf(bia.id)).toEqual(["You received 12.50 BRL"]);
    const [toBia] = (await listNotifications(t.db, bia.id, { index: 0, size: 1 })).rows;
    expect(notificationText(toBia).body).toBe("From Ana Alves.");
  });

  it("tell each recipient of a batch, once per transfer that went through, and nothing for a refused one", async () => {
    await deposit(t.db, { accountNumber: ana.brl.accountNumber, amount: "10.00", currency: "BRL", reference: "pix" }, randomUUID());
    const outcomes = await transferBatch(t.db, { userId: ana.id }, [
      { from: ana.brl.id, to: bia.brl.accountNumber, amount: "1.00", idempotencyKey: randomUUID() },
      { from: ana.brl.id, to: caio.brl.accountNumber, amount: "2.00", idempotencyKey: randomUUID() },
      { from: ana.brl.id, to: caio.brl.accountNumber, amount: "99999.00", idempotencyKey: randomUUID() },
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(await titlesOf(bia.id)).toEqual(["You received 1.00 BRL"]);
    expect(await titlesOf(caio.id)).toEqual(["You received 2.00 BRL"]);
  });

  it("tell the owner when a withdrawal is settled or cancelled", async () => {
    await deposit(t.db, { accountNumber: caio.brl.accountNumber, amount: "50.00", currency: "BRL", reference: "pix" }, randomUUID());
    const settled = await requestWithdrawal(t.db, { userId: caio.id }, { from: caio.brl.id, amount: "5.00" }, randomUUID(), 60);
    const cancelled = await requestWithdrawal(t.db, { userId: caio.id }, { from: caio.brl.id, amount: "7.00" }, randomUUID(), 60);
    await settleWithdrawal(t.db, settled.id);
    await cancelWithdrawal(t.db, cancelled.id);
    // Settling again answers the same and tells nothing more.
    await settleWithdrawal(t.db, settled.id);
    expect(await kindsOf(caio.id)).toEqual(["money_received", "withdrawal_settled", "withdrawal_cancelled"]);
    expect(await titlesOf(caio.id)).toEqual(["You received 50.00 BRL", "Your withdrawal of 5.00 BRL was paid out", "Your withdrawal of 7.00 BRL was cancelled"]);
  });
});

describe("notification emails", () => {
  it("are queued once each, skipping the kinds a customer opted out of, however many workers run", async () => {
    await setEmailOptOuts(t.db, bia.id, ["money_received"]);
    expect(await emailOptOuts(t.db, bia.id)).toEqual(["money_received"]);
    await notify(t.db.$client, [
      { userId: ana.id, kind: "payment_request_received", data: { from: "Bia Borges", amount: "2500", currency: "BRL", note: "Lunch" } },
      { userId: bia.id, kind: "money_received", data: { from: "Ana Alves", amount: "100", currency: "BRL" } },
      { userId: bia.id, kind: "payment_request_paid", data: { by: "Ana Alves", amount: "2500", currency: "BRL" } },
    ]);
    const handled = await Promise.all([queueNotificationEmails(t.db, appUrl, 2), queueNotificationEmails(t.db, appUrl, 2), queueNotificationEmails(t.db, appUrl, 2)]);
    expect(handled.reduce((sum, n) => sum + n, 0)).toBe(3);
    expect(await queueNotificationEmails(t.db, appUrl)).toBe(0);

    // Workers commit in any order: by address.
    const mails = await t.db.select().from(outboxMessages).orderBy(outboxMessages.to);
    expect(mails.map((mail) => [mail.to, mail.subject])).toEqual([
      ["ana@notify.test", "Bia Borges asks you for 25.00 BRL"],
      ["bia@notify.test", "Ana Alves paid your request for 25.00 BRL"],
    ]);
    expect(mails[0].body).toContain("“Lunch”");
    expect(mails[0].body).toContain(`${appUrl}/wallet/notifications`);
    // Opting out stops the email, not the notification.
    expect(await kindsOf(bia.id)).toEqual(["money_received", "payment_request_paid"]);
    await setEmailOptOuts(t.db, bia.id, []);
  });
});

describe("the wallet's list", () => {
  it("pages newest first, counts the unread, and marks read only what was shown", async () => {
    for (const amount of ["100", "200", "300"]) await notify(t.db.$client, [{ userId: caio.id, kind: "money_received", data: { from: "Deposit", amount, currency: "BRL" } }]);
    const first = await listNotifications(t.db, caio.id, { index: 0, size: 2 });
    expect(first.total).toBe(3);
    expect(first.unread).toBe(3);
    expect(first.rows.map((row) => notificationText(row).title)).toEqual(["You received 3.00 BRL", "You received 2.00 BRL"]);
    await markNotificationsRead(t.db, caio.id, first.rows[0].id);
    expect(await unreadCount(t.db, caio.id)).toBe(0);
    await notify(t.db.$client, [{ userId: caio.id, kind: "money_received", data: { from: "Deposit", amount: "400", currency: "BRL" } }]);
    // Shown before the new one came: it stays unread.
    await markNotificationsRead(t.db, caio.id, first.rows[0].id);
    expect(await unreadCount(t.db, caio.id)).toBe(1);
    expect(await unreadCount(t.db, ana.id)).toBe(0);
  });
});
