import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createUserByApi, seriousAccessibilityViolations, signIn, uniqueEmail } from "./helpers";

const { PAYMENT_PROVIDER_KEY: providerKey } = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".data", "e2e-server.json"), "utf8"));

async function expectNoSeriousViolations(page: Page, what: string) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect.soft(await seriousAccessibilityViolations(page), what).toEqual([]);
}

test("on a phone the wallet, send (with its review), withdraw, history, statements, notifications and account pages have no serious accessibility violations", async ({ page, request }) => {
  const email = uniqueEmail("a11y-customer");
  const recipient = uniqueEmail("a11y-recipient");
  const password = await createUserByApi(request, { name: "Ada Access", email, role: "customer" });
  await createUserByApi(request, { name: "Rui Recipient", email: recipient, role: "customer" });
  const { token } = await (await request.post("/api/v1/auth/token", { data: { login: email, password } })).json();
  const { data: wallets } = await (await request.get("/api/v1/wallets", { headers: { authorization: `Bearer ${token}` } })).json();
  const deposit = await request.post("/api/v1/provider/deposits", {
    headers: { authorization: `Bearer ${providerKey}`, "idempotency-key": randomUUID() },
    data: { accountNumber: wallets[0].accountNumber, amount: "80.00", currency: "BRL", reference: `a11y-${randomUUID()}` },
  });
  expect(deposit.status()).toBe(201);

  await signIn(page, email, password);
  await expectNoSeriousViolations(page, "wallet");

  await page.goto("/wallet/send");
  await expectNoSeriousViolations(page, "send");
  await page.getByLabel("To (email or account number)").fill(recipient);
  await page.getByLabel("Amount (BRL)").fill("500.00");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.locator("#amount-error")).toBeVisible();
  await expectNoSeriousViolations(page, "send, with an error");
  await page.getByLabel("Amount (BRL)").fill("12.00");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByRole("region", { name: "Check and confirm" })).toBeVisible();
  await expectNoSeriousViolations(page, "send, the review");
  await page.getByRole("button", { name: "Confirm and send" }).click();
  await expect(page).toHaveURL(/\/wallet\/transfers\//);
  await expectNoSeriousViolations(page, "receipt");

  for (const url of ["/wallet/withdraw", "/wallet/history", "/wallet/statements", "/wallet/notifications", "/wallet/account"]) {
    await page.goto(url);
    await expectNoSeriousViolations(page, url);
  }
});

test("on a phone the payment request pages have no serious accessibility violations, with requests both ways and with an error", async ({ page, request }) => {
  const email = uniqueEmail("a11y-requests");
  const other = uniqueEmail("a11y-asker");
  const password = await createUserByApi(request, { name: "Ines Inclusive", email, role: "customer" });
  const otherPassword = await createUserByApi(request, { name: "Otto Asker", email: other, role: "customer" });
  const bearer = async (login: string, secret: string) => `Bearer ${(await (await request.post("/api/v1/auth/token", { data: { login, password: secret } })).json()).token}`;
  const ask = async (from: string, payer: string) => {
    const made = await request.post("/api/v1/payment-requests", { headers: { authorization: from }, data: { payer, amount: "4.00", currency: "BRL", note: "Taxi" } });
    expect(made.status()).toBe(201);
  };
  await ask(await bearer(other, otherPassword), email);
  await ask(await bearer(email, password), other);

  await signIn(page, email, password);
  await page.goto("/wallet/requests");
  await expect(page.getByRole("article", { name: "Otto Asker asks you for 4.00 BRL" })).toBeVisible();
  await expectNoSeriousViolations(page, "payment requests");
  await page.goto("/wallet/requests/new");
  await expectNoSeriousViolations(page, "request money");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.locator("#payer-error")).toBeVisible();
  await expectNoSeriousViolations(page, "request money, with an error");
});
