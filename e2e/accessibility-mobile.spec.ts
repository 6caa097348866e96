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
