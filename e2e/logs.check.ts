// Runs after every other project (playwright.config.ts "logs"): reads what the app server wrote
// during the whole run and checks it is structured and holds no secret.
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { scanLog } from "../lib/log/scan";
import { admin } from "./helpers";

const dataRoot = path.join(import.meta.dirname, "..", ".data");
const read = (file: string) => readFileSync(path.join(dataRoot, file), "utf8");

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every password the app generated and mailed during the run. */
function mailedPasswords(): string[] {
  const mails = read("e2e-mail.jsonl").split("\n").filter(Boolean);
  return mails.flatMap((line) => {
    const { raw } = JSON.parse(line) as { raw: string };
    return [...decodeQuotedPrintable(raw).matchAll(/Password: (\d{6})/g)].map((match) => match[1]);
  });
}

test("the server's log is JSON with a request id on every line, and holds no password, key or token", () => {
  const log = read("e2e-server.log");
  const server = JSON.parse(read("e2e-server.json")) as Record<string, string>;
  const passwords = mailedPasswords();
  expect(passwords.length, "the run mailed generated passwords to look for").toBeGreaterThan(0);

  const scan = scanLog(log, [admin.password, ...passwords, server.AUTH_SECRET, server.PAYMENT_PROVIDER_KEY]);
  expect(scan.jsonLines).toBeGreaterThan(0);
  expect(scan.requestLines).toBeGreaterThan(0);
  expect(scan.problems).toEqual([]);
});
