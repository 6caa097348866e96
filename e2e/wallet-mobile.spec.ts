import { expect, test, type Page } from "@playwright/test";
import { admin, createUserInUi, formAlert, signIn, uniqueEmail } from "./helpers";
import { brlWalletOf, depositBrl, setExchangeRate } from "./ledger-fixtures";

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const tab = (page: Page, name: string) => page.getByRole("navigation", { name: "Wallet" }).getByRole("link", { name });

test("on a phone a customer sends money to another by email and both see it; neither can see the other's wallet", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin.login, admin.password);
  const aliceEmail = uniqueEmail("alice");
  const bobEmail = uniqueEmail("bob");
  const alicePassword = await createUserInUi(adminPage, { name: "Alice Sender", email: aliceEmail, role: "Customer" });
  const bobPassword = await createUserInUi(adminPage, { name: "Bob Recipient", email: bobEmail, role: "Customer" });
  await adminPage.context().close();
  await depositBrl(aliceEmail, "200.00");
  const alice = await brlWalletOf(aliceEmail);
  const bob = await brlWalletOf(bobEmail);

  await signIn(page, aliceEmail, alicePassword);
  await expect(page).toHaveURL(/\/wallet$/);
  const aliceCard = page.getByRole("region", { name: "BRL wallet" });
  await expect(aliceCard.getByTestId("balance")).toHaveText("200.00 BRL");
  await expect(aliceCard).toContainText(alice.accountNumber);
  await expectNoHorizontalScroll(page);

  await tab(page, "Send").click();
  await expect(page.getByRole("heading", { name: "Send money" })).toBeVisible();
  await page.getByLabel("To (email or account number)").fill(bobEmail);
  await page.getByLabel("Amount (BRL)").fill("1000.00");
  await page.getByRole("button", { name: "Review" }).click();
  // Refused for want of money: the error by the amount, the values kept.
  await expect(page.locator("#amount-error")).toContainText("Not enough money: 200.00 BRL available.");
  await expect(page.getByLabel("To (email or account number)")).toHaveValue(bobEmail);

  await page.getByLabel("Amount (BRL)").fill("25.50");
  await page.getByRole("button", { name: "Review" }).click();
  const review = page.getByRole("region", { name: "Check and confirm" });
  await expect(review.getByRole("definition").filter({ hasText: bob.accountNumber })).toBeVisible();
  await expect(review).toContainText("You send25.50 BRL");
  await expect(review).toContainText("Recipient gets25.50 BRL");
  await expectNoHorizontalScroll(page);
  await page.getByRole("button", { name: "Confirm and send" }).click();

  await expect(page).toHaveURL(/\/wallet\/transfers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await expect(page.getByText("You sent")).toBeVisible();
  await expect(page.getByTestId("receipt-amount")).toHaveText("25.50 BRL");
  await expect(page.getByRole("definition").filter({ hasText: bob.accountNumber })).toBeVisible();
  const receiptUrl = page.url();
  await expectNoHorizontalScroll(page);

  await tab(page, "Wallet").click();
  await expect(aliceCard.getByTestId("balance")).toHaveText("174.50 BRL");

  await tab(page, "History").click();
  await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
  const sent = page.getByRole("row").filter({ hasText: `to ${bob.accountNumber}` });
  await expect(sent).toContainText("Sent");
  await expect(sent).toContainText("-25.50");
  await expect(sent).toContainText("174.50");
  await expect(page.getByRole("row").filter({ hasText: "Deposit" })).toContainText("+200.00");
  await page.getByText("Filters", { exact: true }).click();
  await page.getByLabel("Direction").selectOption({ label: "Money in" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/direction=in/);
  await expect(page.getByRole("row").filter({ hasText: "Sent" })).toHaveCount(0);
  await expect(page.getByRole("row").filter({ hasText: "Deposit" })).toBeVisible();
  await expect(page.getByText("Filters (in use)")).toBeVisible();
  await expectNoHorizontalScroll(page);

  await page.goto("/wallet/withdraw");
  await page.getByLabel("Amount (BRL)").fill("10.00");
  await page.getByRole("button", { name: "Request withdrawal" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Withdrawal of 10.00 BRL requested");
  await expect(page.getByRole("region", { name: "Pending withdrawals" })).toContainText("10.00 BRL held");
  await expectNoHorizontalScroll(page);
  await tab(page, "Wallet").click();
  await expect(aliceCard).toContainText("Available164.50 BRL");

  // Another customer's wallet and movements are not found, as if they didn't exist.
  const bobsDeposit = await depositBrl(bobEmail, "1.00");
  expect((await page.goto(`/wallet/transfers/${bobsDeposit}`))?.status()).toBe(404);
  expect((await page.goto(`/wallet/history?wallet=${bob.id}`))?.status()).toBe(404);
  expect((await page.goto(`/wallet/send?from=${bob.id}`))?.status()).toBe(404);

  // Nor can a forged form move it: the actions only take the signed-in customer's wallets.
  await page.goto("/wallet/send");
  await page.getByLabel("To (email or account number)").fill(aliceEmail);
  await page.getByLabel("Amount (BRL)").fill("1.00");
  await page.getByLabel("From").evaluate((select: HTMLSelectElement, id) => select.add(new Option("forged", id, true, true)), bob.id);
  await page.getByRole("button", { name: "Review" }).click();
  await expect(formAlert(page)).toHaveText("No such wallet.");
  await page.goto("/wallet/withdraw");
  await page.getByLabel("Amount (BRL)").fill("1.00");
  await page.getByLabel("From").evaluate((select: HTMLSelectElement, id) => select.add(new Option("forged", id, true, true)), bob.id);
  await page.getByRole("button", { name: "Request withdrawal" }).click();
  await expect(formAlert(page)).toHaveText("No such wallet.");

  const bobPage = await (await browser.newContext()).newPage();
  await signIn(bobPage, bobEmail, bobPassword);
  const bobCard = bobPage.getByRole("region", { name: "BRL wallet" });
  await expect(bobCard.getByTestId("balance")).toHaveText("26.50 BRL");
  await expect(bobCard.getByRole("listitem").filter({ hasText: `from ${alice.accountNumber}` })).toContainText("+25.50 BRL");
  await expectNoHorizontalScroll(bobPage);
  await tab(bobPage, "History").click();
  const received = bobPage.getByRole("row").filter({ hasText: `from ${alice.accountNumber}` });
  await expect(received).toContainText("Received");
  await expect(received).toContainText("+25.50");
  await received.getByRole("link", { name: "Received" }).click();
  await expect(bobPage.getByText("You received")).toBeVisible();
  await expect(bobPage.getByTestId("receipt-amount")).toHaveText("25.50 BRL");
  await expect(bobPage.getByRole("term").filter({ hasText: /^Fee$/ })).toHaveCount(0);
  expect(bobPage.url()).toBe(receiptUrl);
  await expectNoHorizontalScroll(bobPage);
  await bobPage.context().close();
});

test("on a phone a customer opens a wallet in another currency and receives across currencies at the rate shown", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin.login, admin.password);
  const senderEmail = uniqueEmail("fx-sender");
  const recipientEmail = uniqueEmail("fx-recipient");
  const senderPassword = await createUserInUi(adminPage, { name: "Fx Sender", email: senderEmail, role: "Customer" });
  const recipientPassword = await createUserInUi(adminPage, { name: "Fx Recipient", email: recipientEmail, role: "Customer" });
  await adminPage.context().close();
  await depositBrl(senderEmail, "50.00");
  // A pair no other test prices, so the rate in force is this one.
  await setExchangeRate("BRL", "JPY", "28.125", "e2e-fx-desk");

  const recipientPage = await (await browser.newContext()).newPage();
  await signIn(recipientPage, recipientEmail, recipientPassword);
  const opening = recipientPage.getByRole("region", { name: "Open a wallet in another currency" });
  await opening.getByLabel("Currency").selectOption("JPY");
  await opening.getByRole("button", { name: "Open wallet" }).click();
  await expect(opening.getByRole("status")).toHaveText("Your JPY wallet is open.");
  const yenCard = recipientPage.getByRole("region", { name: "JPY wallet" });
  await expect(yenCard.getByTestId("balance")).toHaveText("0 JPY");
  await expect(yenCard).toContainText("share your account number");
  const yenNumber = (await yenCard.getByText(/^\d{10}$/).textContent())!;
  await expect(opening.getByLabel("Currency").locator("option", { hasText: "JPY" })).toHaveCount(0);
  await expectNoHorizontalScroll(recipientPage);

  await signIn(page, senderEmail, senderPassword);
  await page.goto("/wallet/send");
  await page.getByLabel("To (email or account number)").fill(yenNumber);
  await page.getByLabel("Amount (BRL)").fill("10.00");
  await page.getByRole("button", { name: "Review" }).click();
  const review = page.getByRole("region", { name: "Check and confirm" });
  // 10.00 BRL at 28.125 is 281.25 JPY, rounded down to whole yen.
  await expect(review).toContainText("Recipient gets281 JPY");
  await expect(review).toContainText("1 BRL = 28.125 JPY · e2e-fx-desk");
  await expectNoHorizontalScroll(page);
  await page.getByRole("button", { name: "Confirm and send" }).click();
  await expect(page.getByTestId("receipt-amount")).toHaveText("10.00 BRL");
  await expect(page.getByText("1 BRL = 28.125 JPY · e2e-fx-desk")).toBeVisible();
  const receiptUrl = page.url();

  await recipientPage.goto(receiptUrl);
  await expect(recipientPage.getByText("You received")).toBeVisible();
  await expect(recipientPage.getByTestId("receipt-amount")).toHaveText("281 JPY");
  await expect(recipientPage.getByText("1 BRL = 28.125 JPY · e2e-fx-desk")).toBeVisible();
  await recipientPage.getByRole("navigation", { name: "Wallet" }).getByRole("link", { name: "Wallet" }).click();
  await expect(yenCard.getByTestId("balance")).toHaveText("281 JPY");
  await recipientPage.context().close();
});
