// The server the end-to-end tests run against: the production build (`next start`) on a fresh
// embedded database (or DATABASE_URL), with a real local SMTP server whose received messages
// are appended to .data/e2e-mail.jsonl for the tests to read.
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { dataRoot } from "./database";
import { prepareDatabase } from "./prepare-database";

export const mailLog = path.join(dataRoot, "e2e-mail.jsonl");

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

const { database } = await prepareDatabase({ name: "e2e", fresh: true });
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
