import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { caseDetailSchema, caseListSchema } from "../lib/api/schemas";
import { bearer, createUserByApi, seriousAccessibilityViolations, signIn, uniqueEmail } from "./helpers";
import { brlWalletOf, depositBrl } from "./ledger-fixtures";
import { holdTransfersFrom } from "./review-rule";

const ruleName = `Large from case-review-mobile ${randomUUID().slice(0, 8)}`;
let takeRuleOff: (() => Promise<void>) | undefined;

test.afterAll(async () => {
  await takeRuleOff?.();
});

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const card = (page: Page) => page.getByRole("region", { name: "BRL wallet" });

test("on a phone a large transfer shows under review until an analyst releases it, and then the recipient has the money", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const emails = { sender: uniqueEmail("held-sender"), recipient: uniqueEmail("held-recipient"), analyst: uniqueEmail("held-analyst") };
  const passwords = {
    sender: await createUserByApi(request, { name: "Sofia Sender", email: emails.sender, role: "customer" }),
    recipient: await createUserByApi(request, { name: "Renato Recipient", email: emails.recipient, role: "customer" }),
    analyst: await createUserByApi(request, { name: "Alba Analyst", email: emails.analyst, role: "analyst" }),
  };
  const senderWallet = await brlWalletOf(emails.sender);
  await depositBrl(emails.sender, "5000.00");
  takeRuleOff = await holdTransfersFrom([senderWallet.accountNumber], "1000.00", ruleName);

  await signIn(page, emails.sender, passwords.sender);
  await page.goto(`/wallet/send?from=${senderWallet.id}`);
  await page.getByLabel("To (email or account number)").fill(emails.recipient);
  await page.getByLabel("Amount (BRL)").fill("1200.00");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByRole("region", { name: "Check and confirm" })).toContainText("You send1,200.00 BRL");
  await page.getByRole("button", { name: "Confirm and send" }).click();

  await expect(page).toHaveURL(/\/wallet\/transfers\/[0-9a-f-]{36}$/);
  const transferId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("definition").filter({ hasText: "Under review" })).toHaveText("Under review: the money is held until we have checked it");
  await expectNoHorizontalScroll(page);

  await page.goto("/wallet");
  await expect(card(page).getByTestId("balance")).toHaveText("5,000.00 BRL");
  await expect(card(page)).toContainText("Available3,800.00 BRL");
  await expect(card(page).getByRole("link", { name: "Transfer under review" })).toBeVisible();
  await page.goto("/wallet/history");
  const line = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Transfer under review" }) });
  await expect(line).toContainText("The money is held until we have checked it.");
  await expect(line).toContainText("Renato Recipient");
  await expect(line).toContainText("-1,200.00");
  await expectNoHorizontalScroll(page);
  expect(await seriousAccessibilityViolations(page), "the history").toEqual([]);

  const recipientPage = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await signIn(recipientPage, emails.recipient, passwords.recipient);
  await recipientPage.goto("/wallet");
  await expect(card(recipientPage).getByTestId("balance")).toHaveText("0.00 BRL");
  await recipientPage.goto("/wallet/history");
  await expect(recipientPage.getByRole("main")).not.toContainText("Sofia Sender");
  // The recipient can't open the held transfer's receipt either.
  const hidden = await recipientPage.goto(`/wallet/transfers/${transferId}`);
  expect(hidden?.status()).toBe(404);

  // The analyst finds the case by its movement and releases it through the API.
  const analyst = await bearer(request, emails.analyst, passwords.analyst);
  const queue = caseListSchema.parse(await (await request.get("/api/v1/cases?status=open&size=100", { headers: analyst })).json());
  const held = queue.data.find((row) => row.transferId === transferId)!;
  expect(held).toMatchObject({ sender: { name: "Sofia Sender" }, recipient: { name: "Renato Recipient" }, amount: { amount: "1200.00", currency: "BRL" }, rules: [ruleName] });
  const detail = caseDetailSchema.parse(await (await request.get(`/api/v1/cases/${held.id}`, { headers: analyst })).json());
  expect(detail.movement!.screening!.matched.map((rule) => rule.name)).toEqual([ruleName]);
  expect(detail.sender).toMatchObject({ balance: "5000.00", available: "3800.00" });
  const released = await request.post(`/api/v1/cases/${held.id}/release`, { headers: analyst, data: { note: "Rent, as every month." } });
  expect(released.status()).toBe(200);
  expect(caseDetailSchema.parse(await released.json())).toMatchObject({ status: "released", movement: { status: "completed" } });
  // Decided once: a second decision is refused.
  expect((await request.post(`/api/v1/cases/${held.id}/reject`, { headers: analyst, data: { note: "Too late" } })).status()).toBe(409);

  await recipientPage.goto("/wallet");
  await expect(card(recipientPage).getByTestId("balance")).toHaveText("1,200.00 BRL");
  await expect(card(recipientPage)).toContainText("Sofia Sender");
  await expectNoHorizontalScroll(recipientPage);
  await recipientPage.context().close();

  await page.goto("/wallet/history");
  await expect(page.getByRole("link", { name: "Transfer under review" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: "Sent" }) })).toContainText("Renato Recipient");
  await page.goto(`/wallet/transfers/${transferId}`);
  await expect(page.getByRole("definition").filter({ hasText: "Completed" })).toBeVisible();
});
