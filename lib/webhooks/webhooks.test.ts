import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { users, webhookDeliveries } from "@/db/schema";
import type { Wallet } from "@/lib/ledger/accounts";
import { deposit } from "@/lib/ledger/provider";
import { transfer } from "@/lib/ledger/transfers";
import { decideCase } from "@/lib/screening/decide";
import { activateRuleVersion, createRule } from "@/lib/screening/rules";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { listWebhookDeliveries, sendDueWebhooks, startWebhookSender, verifyWebhookSignature, webhookMaxAttempts, webhookTarget, type WebhookTarget } from "./index";

const t = setupTestDatabase();
const secret = "whsec-test-0123456789abcdef";

type Received = { headers: IncomingHttpHeaders; body: string };

/** The platform: records every request and answers with the next status queued, else 200. */
const received: Received[] = [];
const answers: Array<number | "hang"> = [];
const hanging: ServerResponse[] = [];
let server: Server;
let target: WebhookTarget;

let ana: string;
let from: Wallet;
let to: Wallet;
let staff: { id: string; label: string; ip: null };

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      const answer = answers.shift() ?? 200;
      if (answer === "hang") hanging.push(response);
      else response.writeHead(answer, { "Content-Type": "text/plain" }).end(answer >= 300 ? "the platform is down" : "ok");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  target = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ledgerwatch`, secret };

  [{ id: ana, wallets: [from] }, { wallets: [to] }] = await createCustomers(t.db, [
    { name: "Ana Webhook", email: "ana@webhooks.test" },
    { name: "Bia Webhook", email: "bia@webhooks.test" },
  ]);
  const [analyst] = await t.db.insert(users).values({ name: "Rui", email: "rui@webhooks.test", role: "analyst", passwordHash: "x" }).returning({ id: users.id });
  staff = { id: analyst.id, label: "rui@webhooks.test", ip: null };
  await deposit(t.db, { accountNumber: from.accountNumber, amount: "20000.00", currency: "BRL", reference: "pix-ana" }, "webhooks-d1");
  const { versionId } = await createRule(t.db, staff, { name: "Large", outcome: "review", conditions: [{ type: "amount_at_least", amount: "5000", currency: "BRL" }] });
  await activateRuleVersion(t.db, staff, versionId);
});

afterAll(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(async () => {
  received.length = 0;
  answers.length = 0;
  await t.db.delete(webhookDeliveries);
});

const deliveries = () => t.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id);
const makeDue = () => t.db.$client`update webhook_deliveries set next_attempt_at = now() - interval '1 second' where delivered_at is null`;
const caseOf = async (transferId: string) => (await t.db.$client`select id from cases where transfer_id = ${transferId}`)[0].id as string;
const events = (count: number) =>
  t.db.insert(webhookDeliveries).values(Array.from({ length: count }, (_, n) => ({ event: "movement.released", payload: { transferId: randomUUID(), n } })));

describe("the decision webhook", () => {
  it("posts a held transfer's event signed under the secret, and its release as a second one", async () => {
    const held = await transfer(t.db, { userId: ana }, { from: from.id, to: to.accountNumber, amount: "6000.00" }, "webhooks-t1");
    expect(held.status).toBe("pending_review");
    // Written with the decision, not sent by it.
    expect(received).toHaveLength(0);

    expect(await sendDueWebhooks(t.db, target)).toBe(1);
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    expect(received).toHaveLength(1);
    const [{ headers, body }] = received;
    const [row] = await deliveries();
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["x-ledgerwatch-event"]).toBe("movement.under_review");
    expect(headers["x-ledgerwatch-delivery"]).toBe(String(row.id));
    expect(JSON.parse(body)).toEqual({
      id: String(row.id),
      event: "movement.under_review",
      createdAt: row.createdAt.toISOString(),
      data: { transferId: held.id, movement: "transfer", amount: "6000.00", currency: "BRL", status: "pending_review" },
    });
    const signature = headers["x-ledgerwatch-signature"] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, body, header: signature })).toBe(true);
    expect(verifyWebhookSignature({ secret: "another-secret-0123456789", body, header: signature })).toBe(false);
    expect(verifyWebhookSignature({ secret, body: body.replace("6000.00", "60000.00"), header: signature })).toBe(false);
    // The same signature replayed ten minutes later is stale.
    expect(verifyWebhookSignature({ secret, body, header: signature, now: new Date(Date.now() + 600_000) })).toBe(false);
    expect(row).toMatchObject({ attempts: 1, lastStatus: 200, lastError: null });
    expect(row.deliveredAt).not.toBeNull();

    await decideCase(t.db, staff, await caseOf(held.id), "release", "Known customer", 60);
    expect(await sendDueWebhooks(t.db, target)).toBe(1);
    expect(received.map((request) => request.headers["x-ledgerwatch-event"])).toEqual(["movement.under_review", "movement.released"]);
    const released = JSON.parse(received[1].body);
    expect(released.data).toEqual({ transferId: held.id, movement: "transfer", amount: "6000.00", currency: "BRL", status: "released" });
    expect(verifyWebhookSignature({ secret, body: received[1].body, header: received[1].headers["x-ledgerwatch-signature"] as string })).toBe(true);
  });

  it("retries a delivery the platform refused when it is due, and marks it delivered once, after 2 attempts", async () => {
    await events(1);
    answers.push(500);
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ attempts: 1, deliveredAt: null, lastStatus: 500, lastError: "HTTP 500: the platform is down" });
    const waitMs = failed.nextAttemptAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(3_000);
    expect(waitMs).toBeLessThanOrEqual(5_000);
    // Not due yet: nothing goes.
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    expect(received).toHaveLength(1);

    await makeDue();
    expect(await sendDueWebhooks(t.db, target)).toBe(1);
    await makeDue();
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    expect(received).toHaveLength(2);
    expect(new Set(received.map((request) => request.headers["x-ledgerwatch-delivery"])).size).toBe(1);
    const [delivered] = await deliveries();
    expect(delivered).toMatchObject({ attempts: 2, lastStatus: 200, lastError: null });
    expect(delivered.deliveredAt).not.toBeNull();
  });

  it("records a platform that doesn't answer in time or at all, and backs off 5 s, 10 s, 20 s", async () => {
    await events(1);
    answers.push("hang");
    expect(await sendDueWebhooks(t.db, target, { timeoutMs: 200 })).toBe(0);
    expect((await deliveries())[0]).toMatchObject({ attempts: 1, lastStatus: null, lastError: "The operation was aborted due to timeout" });

    await makeDue();
    // A port nothing listens on any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", () => resolve()));
    const nobody = { url: `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`, secret };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await sendDueWebhooks(t.db, nobody)).toBe(0);
    const [refused] = await deliveries();
    expect(refused).toMatchObject({ attempts: 2, lastStatus: null, lastError: expect.stringContaining("ECONNREFUSED") });
    expect((refused.nextAttemptAt.getTime() - refused.lastAttemptAt!.getTime()) / 1000).toBeCloseTo(10, 0);

    await makeDue();
    answers.push(302);
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    const [redirected] = await deliveries();
    expect(redirected).toMatchObject({ attempts: 3, lastStatus: 302 });
    expect((redirected.nextAttemptAt.getTime() - redirected.lastAttemptAt!.getTime()) / 1000).toBeCloseTo(20, 0);
  });

  it("commits its claim before it posts: while the platform is slow no other worker sends it, and after the lease another does, once", async () => {
    await events(1);
    answers.push("hang");
    const slow = sendDueWebhooks(t.db, target, { timeoutMs: 10_000 });
    // The claim is visible on other connections while the request is still out.
    await expect.poll(async () => ({ received: received.length, attempts: (await deliveries())[0].attempts })).toEqual({ received: 1, attempts: 1 });
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    expect(received).toHaveLength(1);

    // The lease ends (the first worker died, say): another sends it.
    await makeDue();
    expect(await sendDueWebhooks(t.db, target)).toBe(1);
    // The first request fails at last; the delivery stays delivered.
    for (const response of hanging.splice(0)) response.destroy();
    expect(await slow).toBe(0);
    const [row] = await deliveries();
    expect(row).toMatchObject({ attempts: 2, lastStatus: 200, lastError: null });
    expect(row.deliveredAt).not.toBeNull();
    expect(received).toHaveLength(2);
  });

  it(`gives up after ${webhookMaxAttempts} attempts and shows it as given up`, async () => {
    await events(1);
    await t.db.$client`update webhook_deliveries set attempts = ${webhookMaxAttempts - 1}`;
    answers.push(503);
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    const [row] = await t.db.$client`select attempts, next_attempt_at = 'infinity' as given_up from webhook_deliveries`;
    expect(row).toEqual({ attempts: webhookMaxAttempts, given_up: true });
    expect(await sendDueWebhooks(t.db, target)).toBe(0);
    expect(received).toHaveLength(1);
    const { rows } = await listWebhookDeliveries(t.db, { state: "failing", configured: true }, { index: 0, size: 25 });
    expect(rows.map((delivery) => [delivery.state, delivery.lastStatus, delivery.nextAttemptAt])).toEqual([["given up", 503, null]]);
  });

  it("delivers each of 90 events exactly once with three workers at a time", async () => {
    await events(90);
    const workers = [1, 2, 3].map(() => startWebhookSender(t.db, target, { batchSize: 7, intervalMs: 10 }));
    try {
      await expect.poll(() => t.db.$count(webhookDeliveries, sql`delivered_at is null`), { timeout: 20_000 }).toBe(0);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expect(received).toHaveLength(90);
    expect(new Set(received.map((request) => request.headers["x-ledgerwatch-delivery"])).size).toBe(90);
    expect(await t.db.$count(webhookDeliveries, sql`attempts = 1`)).toBe(90);
  });

  it("sends nothing without WEBHOOK_URL, or without its secret, and lists the events as not configured", async () => {
    expect(webhookTarget({ WEBHOOK_SECRET: secret })).toBeNull();
    expect(webhookTarget({ WEBHOOK_URL: target.url })).toBeNull();
    expect(webhookTarget({ WEBHOOK_URL: target.url, WEBHOOK_SECRET: secret })).toEqual(target);
    await events(2);
    const worker = startWebhookSender(t.db, webhookTarget({ WEBHOOK_SECRET: secret }), { intervalMs: 10 });
    await worker.stop();
    expect(received).toHaveLength(0);
    const { rows, total } = await listWebhookDeliveries(t.db, { configured: false }, { index: 0, size: 25 });
    expect(total).toBe(2);
    expect(rows.map((delivery) => [delivery.state, delivery.attempts])).toEqual([
      ["not configured", 0],
      ["not configured", 0],
    ]);
  });
});

describe("the delivery log", () => {
  it("lists the newest first with whose movement it was, filtered and in pages", async () => {
    const held = await transfer(t.db, { userId: ana }, { from: from.id, to: to.accountNumber, amount: "5000.00" }, "webhooks-t2");
    await events(2);
    answers.push(500);
    await sendDueWebhooks(t.db, target, { batchSize: 1 });
    await sendDueWebhooks(t.db, target, { batchSize: 1 });

    const all = await listWebhookDeliveries(t.db, { configured: true }, { index: 0, size: 2 });
    expect(all.total).toBe(3);
    expect(all.rows.map((delivery) => delivery.state)).toEqual(["waiting", "delivered"]);
    const second = await listWebhookDeliveries(t.db, { configured: true }, { index: 1, size: 2 });
    expect(second.rows).toHaveLength(1);
    expect(second.rows[0]).toMatchObject({
      event: "movement.under_review",
      transferId: held.id,
      movement: "transfer",
      amount: "5000.00",
      currency: "BRL",
      sender: { id: ana, name: "Ana Webhook", walletId: from.id },
      state: "retrying",
      attempts: 1,
      lastStatus: 500,
    });
    expect((await listWebhookDeliveries(t.db, { state: "delivered", configured: true }, { index: 0, size: 25 })).total).toBe(1);
    expect((await listWebhookDeliveries(t.db, { state: "failing", configured: true }, { index: 0, size: 25 })).rows.map((row) => row.transferId)).toEqual([held.id]);
    expect((await listWebhookDeliveries(t.db, { state: "waiting", configured: true }, { index: 0, size: 25 })).total).toBe(1);
  });
});
