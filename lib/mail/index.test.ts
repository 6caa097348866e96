import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxMessages } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";
import { createUser } from "@/lib/users";
import { setupTestDatabase } from "@/test/database";
import { createMailer, listOutbox } from "./index";
import { passwordMail } from "./templates";

const t = setupTestDatabase();
const actor = { id: null, label: "test", ip: null };
const from = "Ledgerwatch <no-reply@ledgerwatch.test>";

type Received = { from: string | undefined; to: string[]; raw: string };

/** Decodes a quoted-printable body well enough to read plain text out of it. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe("createMailer over SMTP", () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on loopback: the self-signed STARTTLS certificate would be refused by the client.
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("delivers a new user's password to the SMTP server", async () => {
    const mailer = createMailer(t.db, { smtpUrl: `smtp://127.0.0.1:${port}`, from });
    const result = await createUser({ db: t.db, mailer, bcryptCost: 10, appUrl: "http://ledgerwatch.test" }, actor, {
      name: "Mailed Mia",
      email: "mia@example.com",
      role: "customer",
    });
    expect(result.emailed).toBe(true);
    expect(received).toHaveLength(1);

    const [message] = received;
    expect(message.from).toBe("no-reply@ledgerwatch.test");
    expect(message.to).toEqual(["mia@example.com"]);
    expect(message.raw).toMatch(/^Subject: Your Ledgerwatch account$/m);
    expect(message.raw).toMatch(/^To: mia@example\.com$/m);
    const body = decodeQuotedPrintable(message.raw);
    expect(body).toContain(`Password: ${result.password}`);
    expect(body).toContain("Login: mia@example.com");
    expect(body).toContain("http://ledgerwatch.test/login");

    // The password that arrived is the one that signs in.
    const emailed = /Password: (\d{6})/.exec(body)![1];
    const stored = (await t.db.query.users.findFirst({ where: (users, { eq }) => eq(users.email, "mia@example.com") }))!;
    expect(await verifyPassword(emailed, stored.passwordHash)).toBe(true);

    // With SMTP configured nothing is kept in the outbox.
    expect(await t.db.$count(outboxMessages)).toBe(0);
  });

  it("reports a failed delivery, so the user is created with emailed=false", async () => {
    // Nothing listens on this port once the probe server is closed.
    const probe = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
    const closedPort = (probe.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const mailer = createMailer(t.db, { smtpUrl: `smtp://127.0.0.1:${closedPort}`, from });
    await expect(mailer.send({ to: "x@example.com", subject: "s", text: "t" })).rejects.toThrow();

    const result = await createUser({ db: t.db, mailer, bcryptCost: 10, appUrl: "http://ledgerwatch.test" }, actor, {
      name: "Unlucky Ulf",
      email: "ulf@example.com",
      role: "customer",
    });
    expect(result.emailed).toBe(false);
    expect(received.some((message) => message.to.includes("ulf@example.com"))).toBe(false);
  });
});

describe("createMailer without SMTP", () => {
  it("keeps the message in the outbox, in every environment, where listOutbox finds it", async () => {
    const mailer = createMailer(t.db, { from });
    const result = await createUser({ db: t.db, mailer, bcryptCost: 10, appUrl: "http://ledgerwatch.test" }, actor, {
      name: "Outbox Otto",
      email: "otto@example.com",
      role: "analyst",
    });
    expect(result.emailed).toBe(true);

    const outbox = await listOutbox(t.db, { index: 0, size: 10 });
    expect(outbox.total).toBe(1);
    expect(outbox.rows[0]).toMatchObject({ to: "otto@example.com", subject: "Your Ledgerwatch account" });
    expect(outbox.rows[0].body).toContain(`Password: ${result.password}`);
  });

  it("lists the newest first, in pages", async () => {
    const mailer = createMailer(t.db, { from });
    for (const n of [1, 2, 3]) {
      await mailer.send(passwordMail({ to: `n${n}@example.com`, name: `N${n}`, password: `00000${n}`, appUrl: "http://x.test", reason: "reset" }));
    }

    const first = await listOutbox(t.db, { index: 0, size: 2 });
    expect(first.total).toBe(4);
    expect(first.rows.map((row) => row.to)).toEqual(["n3@example.com", "n2@example.com"]);
    expect(first.rows[0].subject).toBe("Your new Ledgerwatch password");
    const second = await listOutbox(t.db, { index: 1, size: 2 });
    expect(second.rows.map((row) => row.to)).toEqual(["n1@example.com", "otto@example.com"]);
  });
});
