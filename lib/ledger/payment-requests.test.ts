import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { listWallets, type Wallet } from "./accounts";
import { setFeeSchedule } from "./fees";
import { checkIntegrity } from "./integrity";
import {
  cancelPaymentRequest,
  createPaymentRequest,
  declinePaymentRequest,
  findPaymentRequest,
  listPaymentRequests,
  paymentRequestInputSchema,
  payPaymentRequest,
  quotePaymentRequest,
} from "./payment-requests";
import { deposit } from "./provider";
import { setRate } from "./rates";

const t = setupTestDatabase();
const firstPage = { index: 0, size: 25 };

type Person = Actor & { id: string; wallets: Wallet[] };
let ana: Person;
let bruno: Person;
let carla: Person;

const person = (id: string, email: string, wallets: Wallet[]): Person => ({ id, label: email, ip: null, wallets });
const wallet = (who: Person, currency: string) => who.wallets.find((candidate) => candidate.currency === currency)!;

async function balance(who: Person, currency: string): Promise<bigint> {
  return (await listWallets(t.db, who.id)).find((candidate) => candidate.currency === currency)!.balance;
}

async function fund(who: Person, currency: string, amount: string) {
  await deposit(t.db, { accountNumber: wallet(who, currency).accountNumber, amount, currency, reference: "funding" }, randomUUID());
}

async function transfersBetween(from: Wallet, to: Wallet): Promise<number> {
  const [{ count }] = await t.db.$client`
    select count(*)::int as count from ledger_transfers where kind = 'transfer' and from_account_id = ${from.id} and to_account_id = ${to.id}`;
  return count;
}

async function auditActionsOf(requestId: string): Promise<string[]> {
  const rows = await t.db.$client`select action from audit_events where target_type = 'payment_request' and target_id = ${requestId} order by id`;
  return rows.map((row) => row.action);
}

const ask = (from: Person, payer: string, amount: string, currency = "BRL", note?: string) => createPaymentRequest(t.db, from, { payer, amount, currency, note });
const pay = (who: Person, requestId: string, from: Wallet, key = randomUUID()) => payPaymentRequest(t.db, who, requestId, { from: from.id }, key);

beforeAll(async () => {
  const [a, b, c] = await createCustomers(t.db, [
    { name: "Ana Requester", email: "ana@requests.test", currencies: ["BRL", "USD"] },
    { name: "Bruno Payer", email: "bruno@requests.test", currencies: ["BRL"] },
    { name: "Carla Stranger", email: "carla@requests.test", currencies: ["BRL"] },
  ]);
  ana = person(a.id, "ana@requests.test", a.wallets);
  bruno = person(b.id, "bruno@requests.test", b.wallets);
  carla = person(c.id, "carla@requests.test", c.wallets);
  await t.db.insert(users).values({ name: "Sam Staff", email: "sam@requests.test", role: "analyst", passwordHash: "x" });
  await createCustomers(t.db, [{ name: "Gone", email: "gone@requests.test", deletedAt: new Date() }]);
  // R$ 1.00 + 1% per payment sent from BRL; USD/BRL 5.1234.
  await setFeeSchedule(t.db.$client, "BRL", { flat: 100n, percent: 10_000n, minimum: 0n }, null);
  await setRate(t.db.$client, { base: "USD", quote: "BRL", rate: "5.1234", source: "test-desk" }, null);
  await fund(bruno, "BRL", "10000.00");
});

describe("asking for money", () => {
  it("asks a customer by email or account number; both parties see the request, nobody else does", async () => {
    const byEmail = await ask(ana, "BRUNO@requests.test", "12.50", "BRL", "Pizza on Friday");
    expect(byEmail).toMatchObject({
      direction: "outgoing",
      requester: { name: "Ana Requester", accountNumber: wallet(ana, "BRL").accountNumber },
      payer: { name: "Bruno Payer" },
      amount: 1250n,
      currency: "BRL",
      note: "Pizza on Friday",
      status: "pending",
      transferId: null,
      decidedAt: null,
    });
    expect(byEmail.expiresAt.getTime() - byEmail.createdAt.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    const byNumber = await ask(ana, wallet(bruno, "BRL").accountNumber, "3", "USD");
    expect(byNumber).toMatchObject({ amount: 300n, currency: "USD", note: null, requester: { accountNumber: wallet(ana, "USD").accountNumber } });

    expect(await findPaymentRequest(t.db, bruno.id, byEmail.id)).toMatchObject({ direction: "incoming", status: "pending" });
    expect(await findPaymentRequest(t.db, carla.id, byEmail.id)).toBeNull();
    expect(await findPaymentRequest(t.db, ana.id, "not-a-uuid")).toBeNull();
    expect((await listPaymentRequests(t.db, carla.id, {}, firstPage)).total).toBe(0);
    expect(await auditActionsOf(byEmail.id)).toEqual(["payment_request.created"]);
  });

  it("lists incoming and outgoing requests apart or together, newest first, a page at a time", async () => {
    const dana = (await createCustomers(t.db, [{ name: "Dana", email: "dana@requests.test" }]))[0];
    const danaActor = person(dana.id, "dana@requests.test", dana.wallets);
    const first = await ask(danaActor, "ana@requests.test", "1.00");
    const second = await ask(danaActor, "bruno@requests.test", "2.00");
    const third = await ask(ana, "dana@requests.test", "3.00");

    const all = await listPaymentRequests(t.db, dana.id, {}, firstPage);
    expect(all.total).toBe(3);
    expect(all.rows.map((row) => [row.id, row.direction])).toEqual([
      [third.id, "incoming"],
      [second.id, "outgoing"],
      [first.id, "outgoing"],
    ]);
    const outgoing = await listPaymentRequests(t.db, dana.id, { direction: "outgoing" }, { index: 1, size: 1 });
    expect(outgoing).toMatchObject({ total: 2, rows: [{ id: first.id }] });
    const incoming = await listPaymentRequests(t.db, dana.id, { direction: "incoming", status: "pending" }, firstPage);
    expect(incoming.rows.map((row) => row.id)).toEqual([third.id]);
    expect((await listPaymentRequests(t.db, dana.id, { status: "paid" }, firstPage)).total).toBe(0);
  });

  it("refuses asking yourself, an unknown, deleted or staff payer, a currency without a wallet, and a bad amount", async () => {
    const refused = async (payer: string, amount: string, currency: string, code: string, field: string) =>
      expect(ask(ana, payer, amount, currency)).rejects.toMatchObject({ code, field });
    await refused("ana@requests.test", "1.00", "BRL", "VALIDATION_FAILED", "payer");
    await refused(wallet(ana, "USD").accountNumber, "1.00", "BRL", "VALIDATION_FAILED", "payer");
    await refused("nobody@requests.test", "1.00", "BRL", "UNKNOWN_RECIPIENT", "payer");
    await refused("0000000000", "1.00", "BRL", "UNKNOWN_RECIPIENT", "payer");
    await refused("sam@requests.test", "1.00", "BRL", "UNKNOWN_RECIPIENT", "payer");
    await refused("gone@requests.test", "1.00", "BRL", "UNKNOWN_RECIPIENT", "payer");
    await refused("bruno@requests.test", "1.00", "EUR", "VALIDATION_FAILED", "currency");
    for (const amount of ["0", "-1.00", "1.001", "ten"]) await refused("bruno@requests.test", amount, "BRL", "INVALID_AMOUNT", "amount");
  });

  it("takes a one-line note of up to 140 characters", () => {
    const input = { payer: "bruno@requests.test", amount: "1.00", currency: "brl" };
    expect(paymentRequestInputSchema.parse({ ...input, note: " Lunch " })).toEqual({ ...input, currency: "BRL", note: "Lunch" });
    expect(paymentRequestInputSchema.safeParse({ ...input, note: "x".repeat(140) }).success).toBe(true);
    expect(paymentRequestInputSchema.safeParse({ ...input, note: "x".repeat(141) }).success).toBe(false);
    for (const bad of ["line\nbreak", "bell\u0007", "nul\u0000"]) expect(paymentRequestInputSchema.safeParse({ ...input, note: bad }).success, bad).toBe(false);
  });
});

describe("paying a request", () => {
  it("in its own currency: the requester gets the amount, the payer pays it and the fee, and the request is paid by that transfer", async () => {
    const request = await ask(ana, "bruno@requests.test", "40.00");
    const before = { ana: await balance(ana, "BRL"), bruno: await balance(bruno, "BRL") };
    const quote = await quotePaymentRequest(t.db, bruno.id, request.id, wallet(bruno, "BRL").id);
    expect(quote).toMatchObject({ amount: 4000n, fee: 140n, credited: 4000n, rate: null });

    const { request: paid, transfer } = await pay(bruno, request.id, wallet(bruno, "BRL"));
    expect(transfer).toMatchObject({ debited: { amount: "40.00", currency: "BRL" }, fee: { amount: "1.40", currency: "BRL" }, credited: { amount: "40.00", currency: "BRL" } });
    expect(paid).toMatchObject({ status: "paid", transferId: transfer.id, direction: "incoming" });
    expect(paid.decidedAt).not.toBeNull();
    expect(await balance(ana, "BRL")).toBe(before.ana + 4000n);
    expect(await balance(bruno, "BRL")).toBe(before.bruno - 4140n);
    expect(await findPaymentRequest(t.db, ana.id, request.id)).toMatchObject({ status: "paid", transferId: transfer.id, direction: "outgoing" });
    expect(await auditActionsOf(request.id)).toEqual(["payment_request.created", "payment_request.paid"]);
  });

  it("across currencies: the payer sees the rate and fee, pays the least that converts to the amount asked, and the requester gets exactly it", async () => {
    // 10.01 USD at USD/BRL 5.1234 is 51.285… BRL: the payer pays 51.29, whose 1,001.09 cents convert down to 10.01.
    const request = await ask(ana, "bruno@requests.test", "10.01", "USD");
    const before = { ana: await balance(ana, "USD"), bruno: await balance(bruno, "BRL") };
    const quote = await quotePaymentRequest(t.db, bruno.id, request.id, wallet(bruno, "BRL").id);
    expect(quote).toMatchObject({ amount: 5129n, fee: 152n, credited: 1001n, rate: { base: "USD", quote: "BRL", rate: "5.1234", source: "test-desk" } });

    const { transfer } = await pay(bruno, request.id, wallet(bruno, "BRL"));
    expect(transfer).toMatchObject({ debited: { amount: "51.29", currency: "BRL" }, fee: { amount: "1.52", currency: "BRL" }, credited: { amount: "10.01", currency: "USD" } });
    expect(await balance(ana, "USD")).toBe(before.ana + 1001n);
    expect(await balance(bruno, "BRL")).toBe(before.bruno - 5129n - 152n);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("across currencies the other way, credits what the least payment converts to when it can't be exact, never less than asked", async () => {
    // Paid in USD for BRL: 1 US cent is 5.12 centavos, so 1.96 USD (1,004.19 centavos) is the least that covers 10.01 BRL.
    const request = await ask(bruno, "ana@requests.test", "10.01", "BRL");
    await fund(ana, "USD", "5.00");
    const quote = await quotePaymentRequest(t.db, ana.id, request.id, wallet(ana, "USD").id);
    expect(quote).toMatchObject({ amount: 196n, fee: 0n, credited: 1004n });
    const { transfer } = await pay(ana, request.id, wallet(ana, "USD"));
    expect(transfer.credited).toEqual({ amount: "10.04", currency: "BRL" });
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("paid ten times at once, moves money once: one payment goes, the others are told the request is paid", async () => {
    const request = await ask(ana, "bruno@requests.test", "20.00");
    const before = { ana: await balance(ana, "BRL"), bruno: await balance(bruno, "BRL"), transfers: await transfersBetween(wallet(bruno, "BRL"), wallet(ana, "BRL")) };

    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => pay(bruno, request.id, wallet(bruno, "BRL"))));
    const paid = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
    expect(paid).toHaveLength(1);
    expect(refused).toHaveLength(9);
    for (const reason of refused) expect(reason).toMatchObject({ code: "INVALID_STATE", message: "This request is no longer pending: it is paid." });

    expect(await transfersBetween(wallet(bruno, "BRL"), wallet(ana, "BRL"))).toBe(before.transfers + 1);
    expect(await balance(ana, "BRL")).toBe(before.ana + 2000n);
    expect(await balance(bruno, "BRL")).toBe(before.bruno - 2000n - 120n);
    expect(await auditActionsOf(request.id)).toEqual(["payment_request.created", "payment_request.paid"]);
  });

  it("retried under the same key, at once and later, answers the same transfer and moves money once; the key can't pay from another wallet", async () => {
    const request = await ask(ana, "bruno@requests.test", "5.00");
    const before = { bruno: await balance(bruno, "BRL"), transfers: await transfersBetween(wallet(bruno, "BRL"), wallet(ana, "BRL")) };
    const key = randomUUID();

    const answers = await Promise.all(Array.from({ length: 5 }, () => pay(bruno, request.id, wallet(bruno, "BRL"), key)));
    const later = await pay(bruno, request.id, wallet(bruno, "BRL"), key);
    for (const answer of [...answers, later]) expect(answer).toEqual(answers[0]);
    expect(answers[0].request).toMatchObject({ status: "paid", transferId: answers[0].transfer.id });
    expect(await transfersBetween(wallet(bruno, "BRL"), wallet(ana, "BRL"))).toBe(before.transfers + 1);
    expect(await balance(bruno, "BRL")).toBe(before.bruno - 500n - 105n);

    await expect(payPaymentRequest(t.db, bruno, request.id, { from: wallet(carla, "BRL").id }, key)).rejects.toMatchObject({ code: "IDEMPOTENCY_CONFLICT" });
  });

  it("refused for want of money leaves the request pending, to be paid once there is money", async () => {
    const request = await ask(ana, "carla@requests.test", "30.00");
    const key = randomUUID();
    await expect(quotePaymentRequest(t.db, carla.id, request.id, wallet(carla, "BRL").id)).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    await expect(pay(carla, request.id, wallet(carla, "BRL"), key)).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    expect(await findPaymentRequest(t.db, carla.id, request.id)).toMatchObject({ status: "pending", transferId: null });
    expect(await transfersBetween(wallet(carla, "BRL"), wallet(ana, "BRL"))).toBe(0);
    expect(await auditActionsOf(request.id)).toEqual(["payment_request.created"]);

    await fund(carla, "BRL", "40.00");
    const { request: paid } = await pay(carla, request.id, wallet(carla, "BRL"), key);
    expect(paid.status).toBe("paid");
    expect(await balance(carla, "BRL")).toBe(4000n - 3000n - 130n);
  });

  it("only the payer pays, from a wallet of their own; a stranger finds no request", async () => {
    const request = await ask(ana, "bruno@requests.test", "1.00");
    await expect(pay(ana, request.id, wallet(ana, "BRL"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(pay(carla, request.id, wallet(carla, "BRL"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(quotePaymentRequest(t.db, carla.id, request.id, wallet(carla, "BRL").id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(pay(bruno, request.id, wallet(carla, "BRL"))).rejects.toMatchObject({ code: "NOT_FOUND", field: "from" });
    await expect(pay(bruno, randomUUID(), wallet(bruno, "BRL"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findPaymentRequest(t.db, ana.id, request.id)).toMatchObject({ status: "pending" });
  });
});

describe("ending a request unpaid", () => {
  it("the payer declines and the requester cancels, each only their own side and only while pending", async () => {
    const declined = await ask(ana, "bruno@requests.test", "7.00");
    await expect(declinePaymentRequest(t.db, ana, declined.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(declinePaymentRequest(t.db, carla, declined.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await declinePaymentRequest(t.db, bruno, declined.id)).toMatchObject({ status: "declined", direction: "incoming" });
    expect((await findPaymentRequest(t.db, ana.id, declined.id))!.decidedAt).not.toBeNull();
    await expect(declinePaymentRequest(t.db, bruno, declined.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(cancelPaymentRequest(t.db, ana, declined.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(pay(bruno, declined.id, wallet(bruno, "BRL"))).rejects.toMatchObject({ code: "INVALID_STATE", message: "This request is no longer pending: it is declined." });

    const cancelled = await ask(ana, "bruno@requests.test", "8.00");
    await expect(cancelPaymentRequest(t.db, bruno, cancelled.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelPaymentRequest(t.db, carla, cancelled.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await cancelPaymentRequest(t.db, ana, cancelled.id)).toMatchObject({ status: "cancelled", direction: "outgoing" });
    await expect(pay(bruno, cancelled.id, wallet(bruno, "BRL"))).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(declinePaymentRequest(t.db, bruno, cancelled.id)).rejects.toMatchObject({ code: "INVALID_STATE" });

    expect(await auditActionsOf(declined.id)).toEqual(["payment_request.created", "payment_request.declined"]);
    expect(await auditActionsOf(cancelled.id)).toEqual(["payment_request.created", "payment_request.cancelled"]);
  });

  it("a request reads as expired once its 7 days are over, and can then be neither paid, declined nor cancelled", async () => {
    const request = await ask(ana, "bruno@requests.test", "9.00");
    await t.db.$client`update payment_requests set expires_at = now() - interval '1 second' where id = ${request.id}`;
    const before = await balance(bruno, "BRL");

    expect(await findPaymentRequest(t.db, bruno.id, request.id)).toMatchObject({ status: "expired" });
    expect((await listPaymentRequests(t.db, ana.id, { status: "expired" }, firstPage)).rows.map((row) => row.id)).toEqual([request.id]);
    expect((await listPaymentRequests(t.db, ana.id, { status: "pending" }, firstPage)).rows.map((row) => row.id)).not.toContain(request.id);
    await expect(quotePaymentRequest(t.db, bruno.id, request.id, wallet(bruno, "BRL").id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(pay(bruno, request.id, wallet(bruno, "BRL"))).rejects.toMatchObject({ code: "INVALID_STATE", message: "This request is no longer pending: it is expired." });
    await expect(declinePaymentRequest(t.db, bruno, request.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(cancelPaymentRequest(t.db, ana, request.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await balance(bruno, "BRL")).toBe(before);
  });
});

describe("what the parties are told", () => {
  const kinds = async (userId: string, since: number) =>
    (await t.db.$client`select kind, data from notifications where user_id = ${userId} and id > ${since} and kind like 'payment_request_%' order by id`).map(
      (row) => ({ kind: row.kind, ...row.data }),
    );
  const lastId = async () => Number((await t.db.$client`select coalesce(max(id), 0) as id from notifications`)[0].id);

  it("the payer of a request; the requester once it is paid (once, of ten payments at once) or declined; nobody of a cancel", async () => {
    const since = await lastId();
    const paid = await ask(ana, bruno.label, "3.00", "BRL", "Coffee");
    await Promise.allSettled(Array.from({ length: 10 }, () => pay(bruno, paid.id, wallet(bruno, "BRL"))));
    const declined = await ask(ana, bruno.label, "4.00", "BRL");
    await declinePaymentRequest(t.db, bruno, declined.id);
    const cancelled = await ask(ana, bruno.label, "5.00", "BRL");
    await cancelPaymentRequest(t.db, ana, cancelled.id);

    expect(await kinds(bruno.id, since)).toEqual([
      { kind: "payment_request_received", from: "Ana Requester", amount: "300", currency: "BRL", note: "Coffee" },
      { kind: "payment_request_received", from: "Ana Requester", amount: "400", currency: "BRL", note: "" },
      { kind: "payment_request_received", from: "Ana Requester", amount: "500", currency: "BRL", note: "" },
    ]);
    expect(await kinds(ana.id, since)).toEqual([
      { kind: "payment_request_paid", by: "Bruno Payer", amount: "300", currency: "BRL" },
      { kind: "payment_request_declined", by: "Bruno Payer", amount: "400", currency: "BRL" },
    ]);
  });
});
