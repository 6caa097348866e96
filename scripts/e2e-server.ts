// The server the end-to-end tests run against: the production build, as the container runs it
// (scripts/production-server.ts: the standalone server.js), on a fresh
// embedded database, with a real local SMTP server whose received messages are appended to
// .data/e2e-mail.jsonl for the tests to read. It never uses DATABASE_URL: the tests write
// fixed data (the sample files' days) that only a fresh database accepts, and must never
// touch a real one.
import { appendFileSync, createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { startTestSmtpServer } from "../test/smtp-server";
import { dataRoot } from "./database";
import { prepareDatabase } from "./prepare-database";
import { startProductionServer } from "./production-server";

export const mailLog = path.join(dataRoot, "e2e-mail.jsonl");
/** What a test needs to start a second server on the same database (the crash test). */
export const serverEnvFile = path.join(dataRoot, "e2e-server.json");
/** Which process serves the tests (its pid and command line), for the test that checks it is the standalone server. */
export const serverProcessFile = path.join(dataRoot, "e2e-server-process.json");
/** Everything the app server writes, stdout and stderr, for e2e/logs.check.ts to search for secrets. */
export const serverLog = path.join(dataRoot, "e2e-server.log");
/** The payment provider's key on the e2e server, for tests that post deposits. */
export const e2eProviderKey = "e2e-payment-provider-key-0123456789";

const port = Number(process.env.PORT ?? 3210);
// The tests play the TLS proxy in front of the server (X-Forwarded-Proto, X-Forwarded-For); e2e/client-ip.spec.ts
// checks a server that trusts none.
process.env.TRUSTED_PROXIES = "127.0.0.1/32";
mkdirSync(dataRoot, { recursive: true });
rmSync(mailLog, { force: true });

const smtp = await startTestSmtpServer((mail) => appendFileSync(mailLog, JSON.stringify({ to: mail.to, raw: mail.raw }) + "\n"));
process.env.SMTP_URL = smtp.url;
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.PAYMENT_PROVIDER_KEY = e2eProviderKey;
// The tests hit the API hard from one address; e2e/rate-limit.spec.ts starts servers with low limits.
process.env.RATE_LIMIT_IP_PER_MINUTE = process.env.RATE_LIMIT_TOKEN_PER_MINUTE = "100000000";
// e2e/stalled-uploads.spec.ts waits for stalled import bodies to time out: a short idle limit keeps it quick.
process.env.IMPORT_BODY_IDLE_SECONDS = "6";
process.env.IMPORT_MAX_CONCURRENT_PER_USER = "2";
process.env.IMPORT_MAX_CONCURRENT = "4";

delete process.env.DATABASE_URL;
const { database } = await prepareDatabase({ name: "e2e", fresh: true });
writeFileSync(serverEnvFile, JSON.stringify({ DATABASE_URL: database.url, AUTH_SECRET: process.env.AUTH_SECRET, SMTP_URL: process.env.SMTP_URL, PAYMENT_PROVIDER_KEY: e2eProviderKey, TRUSTED_PROXIES: process.env.TRUSTED_PROXIES }));
const next = await startProductionServer({ port, env: process.env, stdio: ["inherit", "pipe", "pipe"] });
writeFileSync(serverProcessFile, JSON.stringify({ pid: next.pid, argv: next.spawnargs }));
const serverLogFile = createWriteStream(serverLog);
for (const [output, through] of [[next.stdout, process.stdout], [next.stderr, process.stderr]] as const) {
  output!.pipe(through);
  // Whole lines, so stdout and stderr interleave in the file without cutting a line in two.
  createInterface({ input: output!, crlfDelay: Infinity }).on("line", (line) => serverLogFile.write(line + "\n"));
}

const stop = () => next.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", async (code) => {
  smtp.close();
  await database.stop();
  process.exit(code ?? 0);
});
