import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { startTestSmtpServer } from "../test/smtp-server";
import { admin } from "./helpers";
import { postmaster, startOwnServer, stopGroup, stopOwnServer, type OwnServer } from "./own-server";

type Received = { to: string[]; messageId: string };

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes still attached to the data directory's shared memory (PostgreSQL's backends outlive a killed postmaster briefly). */
function backendsLeft(dataDir: string): number {
  const shared = execFileSync("sh", ["-c", `ls -l /proc/[0-9]*/cwd 2>/dev/null | grep -c -- '-> ${dataDir}$' || true`], { encoding: "utf8" });
  return Number(shared.trim());
}

/** A real SMTP server that refuses every message until `accepting` is set, and records what it accepted. */
async function startSmtp() {
  const state = { accepting: false, received: [] as Received[] };
  const server = await startTestSmtpServer(
    (mail) => state.received.push({ to: mail.to, messageId: /^Message-ID: (.*)$/im.exec(mail.raw)![1].trim() }),
    () => !state.accepting,
  );
  return { state, ...server };
}

test("the outbox keeps every email across a kill -9 of the server and sends each once after the restart", async () => {
  test.setTimeout(240_000);
  const smtp = await startSmtp();
  const name = "outbox-crash";
  let server: OwnServer | undefined;
  try {
    server = await startOwnServer(name, { SMTP_URL: smtp.url });
    const token = await fetch(`${server.base}/api/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: admin.login, password: admin.password }),
    }).then(async (response) => ((await response.json()) as { token: string }).token);
    const emails = Array.from({ length: 5 }, (_, n) => `crash-${n}@outbox.test`);
    for (const [n, email] of emails.entries()) {
      const response = await fetch(`${server.base}/api/v1/users`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: `Crash Person ${n}`, email, role: "analyst" }),
      });
      expect(response.status).toBe(201);
    }
    // The worker has tried and been refused: the messages wait for their retry.
    await expect.poll(() => server!.log().includes("could not send an email"), { timeout: 15_000 }).toBe(true);
    stopGroup(server.npm);
    await new Promise((resolve) => server!.npm.once("exit", resolve));
    expect(smtp.state.received).toEqual([]);
    // The kill took the embedded PostgreSQL with it: its postmaster must be gone, and its backends (which hold its
    // shared memory a moment longer) with it, before one can start on the same data.
    const dataDir = server.dataDir;
    await expect.poll(() => isAlive(postmaster(dataDir)?.pid), { timeout: 30_000 }).toBe(false);
    await expect.poll(() => backendsLeft(dataDir), { timeout: 30_000 }).toBe(0);

    smtp.state.accepting = true;
    server = await startOwnServer(name, { SMTP_URL: smtp.url }, { keepData: true });
    await expect.poll(() => smtp.state.received.length, { timeout: 60_000 }).toBe(emails.length);
    // A few more rounds of the worker send nothing again.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(smtp.state.received.map((mail) => mail.to[0]).sort()).toEqual([...emails].sort());
    expect(new Set(smtp.state.received.map((mail) => mail.messageId)).size).toBe(emails.length);
  } finally {
    if (server) await stopOwnServer(server);
    await smtp.close();
  }
});
