import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxMessages } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";
import { createUser } from "@/lib/users";
import { setupTestDatabase } from "@/test/database";
import { startTestSmtpServer, type ReceivedMail } from "@/test/smtp-server";
import { listOutbox, outboxMailer } from "./index";
import { retryDelaySeconds } from "@/lib/worker";
import { sendDueMail, type MailTransport } from "./outbox";
import { passwordMail } from "./templates";

const t = setupTestDatabase();
const actor = { id: null, label: "test", ip: null };
const settings = { from: "Ledgerwatch <no-reply@ledgerwatch.test>", messageIdDomain: "ledgerwatch.test" };

/** Decodes a quoted-printable body well enough to read plain text out of it. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const messageIds = (received: ReceivedMail[]) => received.map((message) => /^Message-ID: (.*)$/im.exec(message.raw)![1].trim());

describe("the outbox, sent over SMTP", () => {
  const received: ReceivedMail[] = [];
  let server: Awaited<ReturnType<typeof startTestSmtpServer>>;
  let smtp: MailTransport;

  beforeAll(async () => {
    server = await startTestSmtpServer((mail) => received.push(mail));
    smtp = nodemailer.createTransport(server.url);
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(async () => {
    received.length = 0;
    await t.db.delete(outboxMessages);
  });

  it("queues a new user's password with the user, and the worker delivers it once", async () => {
    const result = await createUser({ db: t.db, mailer: outboxMailer(t.db), bcryptCost: 10, appUrl: "http://ledgerwatch.test" }, actor, {
      name: "Mailed Mia",
      email: "mia@example.com",
      role: "customer",
    });
    expect(result.emailed).toBe(true);
    // Queued, not sent: the request did not wait on SMTP.
    expect(received).toHaveLength(0);

    expect(await sendDueMail(t.db, smtp, settings)).toBe(1);
    expect(await sendDueMail(t.db, smtp, settings)).toBe(0);
    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message.from).toBe("no-reply@ledgerwatch.test");
    expect(message.to).toEqual(["mia@example.com"]);
    expect(message.raw).toMatch(/^Subject: Your Ledgerwatch account$/m);
    const [row] = await t.db.select().from(outboxMessages);
    expect(messageIds(received)).toEqual([`<outbox-${row.id}@ledgerwatch.test>`]);
    expect(row.sentAt).not.toBeNull();
    expect(row.attempts).toBe(1);

    // The password that arrived is the one that signs in.
    const emailed = /Password: (\d{6})/.exec(decodeQuotedPrintable(message.raw))![1];
    expect(emailed).toBe(result.password);
    const stored = (await t.db.query.users.findFirst({ where: (users, { eq }) => eq(users.email, "mia@example.com") }))!;
    expect(await verifyPassword(emailed, stored.passwordHash)).toBe(true);
  });

  it("keeps a message SMTP refused, with the reason, and sends it once when its retry is due", async () => {
    await outboxMailer(t.db).send({ to: "ulf@example.com", subject: "Hello", text: "Password: 123456" });
    const down: MailTransport = { sendMail: async () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:1")) };

    expect(await sendDueMail(t.db, down, settings)).toBe(0);
    const [failed] = await t.db.select().from(outboxMessages);
    expect(failed).toMatchObject({ sentAt: null, attempts: 1, lastError: "connect ECONNREFUSED 127.0.0.1:1" });
    const waitMs = failed.nextAttemptAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(3_000);
    expect(waitMs).toBeLessThanOrEqual(5_000);
    // Not due yet: nothing is sent, even with SMTP back.
    expect(await sendDueMail(t.db, smtp, settings)).toBe(0);

    await t.db.update(outboxMessages).set({ nextAttemptAt: new Date(Date.now() - 1000) });
    expect(await sendDueMail(t.db, smtp, settings)).toBe(1);
    expect(received.map((message) => message.to)).toEqual([["ulf@example.com"]]);
    const [sent] = await t.db.select().from(outboxMessages);
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
  });

  it("lets a crashed worker's claim lapse, then sends the message once", async () => {
    await outboxMailer(t.db).send({ to: "cleo@example.com", subject: "Hello", text: "Hi" });
    // A worker that claimed the message and died before SMTP answered.
    const dying: MailTransport = { sendMail: () => new Promise(() => {}) };
    void sendDueMail(t.db, dying, { ...settings, leaseSeconds: 60 });
    await expect.poll(async () => (await t.db.select().from(outboxMessages))[0].attempts).toBe(1);

    expect(await sendDueMail(t.db, smtp, settings)).toBe(0);
    // The lease ends.
    await t.db.update(outboxMessages).set({ nextAttemptAt: new Date(Date.now() - 1000) });
    expect(await sendDueMail(t.db, smtp, settings)).toBe(1);
    expect(await sendDueMail(t.db, smtp, settings)).toBe(0);
    expect(received.map((message) => message.to)).toEqual([["cleo@example.com"]]);
  });

  it("sends each of 60 messages exactly once with three workers at a time", async () => {
    const mailer = outboxMailer(t.db);
    for (let n = 0; n < 60; n++) await mailer.send({ to: `p${n}@example.com`, subject: `Message ${n}`, text: "Hi" });
    const worker = async () => {
      while ((await sendDueMail(t.db, smtp, { ...settings, batchSize: 7 })) > 0);
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(received).toHaveLength(60);
    expect(new Set(messageIds(received)).size).toBe(60);
    expect(await t.db.$count(outboxMessages)).toBe(60);
  });
});

describe("retryDelaySeconds", () => {
  it("doubles from 5 seconds up to an hour", () => {
    expect([1, 2, 3, 4, 10, 40].map(retryDelaySeconds)).toEqual([5, 10, 20, 40, 2560, 3600]);
  });
});

describe("listOutbox", () => {
  it("lists the newest first, in pages", async () => {
    await t.db.delete(outboxMessages);
    const mailer = outboxMailer(t.db);
    for (const n of [1, 2, 3]) {
      await mailer.send(passwordMail({ to: `n${n}@example.com`, name: `N${n}`, password: `00000${n}`, appUrl: "http://x.test", reason: "reset" }));
    }
    const first = await listOutbox(t.db, { index: 0, size: 2 });
    expect(first.total).toBe(3);
    expect(first.rows.map((row) => row.to)).toEqual(["n3@example.com", "n2@example.com"]);
    expect(first.rows[0].subject).toBe("Your new Ledgerwatch password");
    const second = await listOutbox(t.db, { index: 1, size: 2 });
    expect(second.rows.map((row) => row.to)).toEqual(["n1@example.com"]);
  });
});
