// The server the end-to-end tests run against: the production build (`next start`) on a fresh
// embedded database, with a real local SMTP server whose received messages are appended to
// .data/e2e-mail.jsonl for the tests to read. It never uses DATABASE_URL: the tests write
// fixed data (the sample files' days) that only a fresh database accepts, and must never
// touch a real one.
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { dataRoot } from "./database";
import { prepareDatabase } from "./prepare-database";

export const mailLog = path.join(dataRoot, "e2e-mail.jsonl");
/** What a test needs to start a second server on the same database (the crash test). */
export const serverEnvFile = path.join(dataRoot, "e2e-server.json");
/** The payment provider's key on the e2e server, for tests that post deposits. */
export const e2eProviderKey = "e2e-payment-provider-key-0123456789";

const port = process.env.PORT ?? "3210";
mkdirSync(dataRoot, { recursive: true });
rmSync(mailLog, { force: true });

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      appendFileSync(mailLog, JSON.stringify({ to, raw: Buffer.concat(chunks).toString("utf8") }) + "\n");
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as { port: number }).port;
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.PAYMENT_PROVIDER_KEY = e2eProviderKey;
// The tests hit the API hard from one address; e2e/rate-limit.spec.ts starts servers with low limits.
process.env.RATE_LIMIT_IP_PER_MINUTE = process.env.RATE_LIMIT_TOKEN_PER_MINUTE = "100000000";

delete process.env.DATABASE_URL;
const { database } = await prepareDatabase({ name: "e2e", fresh: true });
writeFileSync(serverEnvFile, JSON.stringify({ DATABASE_URL: database.url, AUTH_SECRET: process.env.AUTH_SECRET, SMTP_URL: process.env.SMTP_URL, PAYMENT_PROVIDER_KEY: e2eProviderKey }));
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const next = spawn(process.execPath, [nextBin, "start", "-p", port], { stdio: "inherit", env: process.env });

const stop = () => next.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", async (code) => {
  smtp.close();
  await database.stop();
  process.exit(code ?? 0);
});
