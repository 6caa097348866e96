import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

export const admin = { login: "Admin", password: "123999" };

/**
 * A client address of the test's own (the e2e server trusts 127.0.0.1 as a proxy), for limits
 * counted per address that the other specs' requests must not use up.
 */
export function uniqueAddress(): string {
  return `2001:db8::${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;
}

/** A unique email per run, so tests also pass against a database that outlives one run. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@ledgerwatch.test`;
}

async function submitSignIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the app has let the user in. */
export async function signIn(page: Page, login: string, password: string) {
  await submitSignIn(page, login, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Tries to sign in when it should be refused, and returns the message shown. */
export async function refusedSignIn(page: Page, login: string, password: string) {
  await submitSignIn(page, login, password);
  const alert = formAlert(page);
  await expect(alert).toBeVisible();
  return alert;
}

/** The message at the top of the page's form (not Next's route announcer, also an alert). */
export function formAlert(page: Page) {
  return page.getByRole("main").getByRole("alert");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Creates a user through the Users page and returns the password shown once. */
export async function createUserInUi(page: Page, user: { name: string; email: string; role: "Admin" | "Analyst" | "Customer" }) {
  await page.goto("/users");
  const form = page.getByRole("region", { name: "New user" });
  await form.getByLabel("Name").fill(user.name);
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Role").selectOption({ label: user.role });
  await form.getByRole("button", { name: "Create user" }).click();
  const password = page.getByTestId("generated-password");
  await expect(password).toHaveText(/^\d{6}$/);
  return (await password.textContent())!;
}

const mailLog = path.join(import.meta.dirname, "..", ".data", "e2e-mail.jsonl");

/** The path (with its token) of the newest link to `page` mailed to this address, from the quoted-printable mail. */
export function mailedLinkPath(email: string, page: "/reset-password" | "/verify-email"): string | undefined {
  const mails = mailsTo(email).map((raw) => raw.replace(/=\r?\n/g, "").replaceAll("=3D", "="));
  const pattern = new RegExp(`${page}\\?token=([\\w.-]+)`);
  const token = mails.reverse().map((mail) => pattern.exec(mail)?.[1]).find(Boolean);
  return token && `${page}?token=${token}`;
}

/** A valid CPF of its own per call: nine random digits, then their two check digits (Receita Federal's rule). */
export function uniqueCpf(): string {
  const nine = Array.from({ length: 9 }, () => randomInt(0, 10));
  const first = ((nine.reduce((sum, digit, i) => sum + digit * (10 - i), 0) * 10) % 11) % 10;
  const second = (([...nine, first].reduce((sum, digit, i) => sum + digit * (11 - i), 0) * 10) % 11) % 10;
  return [...nine, first, second].join("");
}

/** Messages the e2e server's SMTP server received for this address. */
export function mailsTo(email: string): string[] {
  let lines: string[];
  try {
    lines = readFileSync(mailLog, "utf8").trim().split("\n");
  } catch {
    return [];
  }
  return lines
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string[]; raw: string })
    .filter((mail) => mail.to.includes(email))
    .map((mail) => mail.raw);
}

const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * The page's serious and critical WCAG 2.1 A/AA violations, per axe, one readable line per
 * element ("rule: help — selector: what to fix"), so a failing test says what to change.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Next streams a dynamic page's <title> after its body: judge the page once it has arrived.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} — ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ")}`),
    );
}

/** Creates a user through the API as the admin, and returns the generated password. */
export async function createUserByApi(request: APIRequestContext, user: { name: string; email: string; role: "admin" | "analyst" | "customer" }) {
  const { token } = await (await request.post("/api/v1/auth/token", { data: admin })).json();
  const created = await request.post("/api/v1/users", { headers: { authorization: `Bearer ${token}` }, data: user });
  expect(created.status()).toBe(201);
  return (await created.json()).password as string;
}

/** A bearer header for a user, from POST /api/v1/auth/token. */
export async function bearer(request: APIRequestContext, login: string, password: string): Promise<Record<string, string>> {
  const response = await request.post("/api/v1/auth/token", { data: { login, password } });
  expect(response.status()).toBe(201);
  return { authorization: `Bearer ${(await response.json()).token}` };
}

export type ApiWallet = { id: string; accountNumber: string; currency: string; balance: string };

/** The caller's BRL wallet, as GET /api/v1/wallets answers it. */
export async function brlWallet(request: APIRequestContext, headers: Record<string, string>): Promise<ApiWallet> {
  const response = await request.get("/api/v1/wallets", { headers });
  expect(response.status()).toBe(200);
  return ((await response.json()).data as ApiWallet[]).find((wallet) => wallet.currency === "BRL")!;
}
