import { expect, test, type Browser, type Page } from "@playwright/test";
import { createUserByApi, signIn, uniqueEmail } from "./helpers";
import { depositTo, openWalletOf, setExchangeRate, setFee, walletOf } from "./ledger-fixtures";

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Two customers, each signed in on a phone of their own. */
async function twoCustomers(browser: Browser, page: Page, names: [string, string]) {
  const emails = [uniqueEmail("requester"), uniqueEmail("payer")];
  const passwords = [];
  for (const [i, name] of names.entries()) passwords.push(await createUserByApi(page.request, { name, email: emails[i], role: "customer" }));
  await signIn(page, emails[0], passwords[0]);
  const payerPage = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await signIn(payerPage, emails[1], passwords[1]);
  return { requester: { page, email: emails[0] }, payer: { page: payerPage, email: emails[1] } };
}

async function askFor(page: Page, payer: string, amount: string, note: string) {
  await page.goto("/wallet");
  await page.getByRole("region", { name: "Payment requests" }).getByRole("link", { name: "Request money" }).click();
  await expect(page.getByRole("heading", { name: "Request money" })).toBeVisible();
  await page.getByLabel("Who pays (email or account number)").fill(payer);
  await page.getByLabel("Amount (BRL)").fill(amount);
  await page.getByLabel("Note (optional)").fill(note);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(/\/wallet\/requests$/);
}

const balance = (page: Page) => page.getByRole("region", { name: "BRL wallet" }).getByTestId("balance");

test("on a phone a customer asks another for money, who sees what paying costs from each wallet and pays it; the requester gets it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { requester, payer } = await twoCustomers(browser, page, ["Rita Requester", "Paulo Payer"]);
  // The payer's money is in a DKK wallet with a fee no other spec uses: 12.50 BRL at DKK/BRL 0.8 is 15.625 DKK, paid as 15.63.
  await openWalletOf(payer.email, "DKK");
  await depositTo(payer.email, "DKK", "100.00");
  await setFee("DKK", { flat: 100n, percent: 0n, minimum: 0n });
  await setExchangeRate("DKK", "BRL", "0.8", "e2e-requests-desk");

  await askFor(requester.page, payer.email, "12.50", "Concert tickets");
  const asked = page.getByRole("article", { name: "You asked Paulo Payer for 12.50 BRL" });
  await expect(asked).toContainText("Waiting");
  await expect(asked).toContainText("“Concert tickets”");
  await expect(asked).toContainText(/Expires \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2} GMT-3/);
  await expectNoHorizontalScroll(page);

  const payerPage = payer.page;
  await payerPage.goto("/wallet");
  await expect(payerPage.getByRole("region", { name: "Payment requests" })).toContainText("1 request waits for you to pay or decline.");
  await payerPage.getByRole("link", { name: "See requests" }).click();
  const request = payerPage.getByRole("article", { name: "Rita Requester asks you for 12.50 BRL" });
  await expect(request).toContainText("“Concert tickets”");
  // From the BRL wallet, the likely one, there is no money; from the DKK one the quote shows the rate and the fee.
  await expect(request).toContainText("Not enough money: 0.00 BRL available.");
  await expect(request.getByRole("button", { name: "Pay" })).toBeDisabled();
  await request.getByLabel("Pay from").selectOption((await walletOf(payer.email, "DKK")).id);
  await expect(request).toContainText("You send15.63 DKK");
  await expect(request).toContainText("Fee1.00 DKK");
  await expect(request).toContainText("Total debited16.63 DKK");
  await expect(request).toContainText("They get12.50 BRL");
  await expect(request).toContainText("1 DKK = 0.8 BRL · e2e-requests-desk");
  await expectNoHorizontalScroll(payerPage);
  await request.getByRole("button", { name: "Pay" }).click();

  await expect(payerPage).toHaveURL(/\/wallet\/transfers\/[0-9a-f-]{36}$/);
  await expect(payerPage.getByTestId("receipt-amount")).toHaveText("15.63 DKK");
  await payerPage.goto("/wallet");
  await expect(payerPage.getByRole("region", { name: "DKK wallet" }).getByTestId("balance")).toHaveText("83.37 DKK");
  await expect(payerPage.getByRole("region", { name: "Payment requests" })).not.toContainText("waits for you");
  await payerPage.context().close();

  await page.goto("/wallet");
  await expect(balance(page)).toHaveText("12.50 BRL");
  await page.goto("/wallet/requests");
  await expect(asked).toContainText("Paid");
  await asked.getByRole("link", { name: "See the receipt" }).click();
  await expect(page.getByText("You received")).toBeVisible();
  await expect(page.getByTestId("receipt-amount")).toHaveText("12.50 BRL");
});

test("on a phone the payer declines a request and the requester sees it declined; a request cancelled can't be paid", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { requester, payer } = await twoCustomers(browser, page, ["Dora Requester", "Davi Decliner"]);
  await askFor(requester.page, payer.email, "30.00", "Rent share");
  await askFor(requester.page, payer.email, "5.00", "Coffee");

  const payerPage = payer.page;
  await payerPage.goto("/wallet/requests");
  const rent = payerPage.getByRole("article", { name: "Dora Requester asks you for 30.00 BRL" });
  await rent.getByRole("button", { name: "Decline" }).click();
  await expect(rent).toContainText("Declined");
  await expect(rent.getByRole("button")).toHaveCount(0);
  await expectNoHorizontalScroll(payerPage);

  await page.reload();
  const declined = page.getByRole("article", { name: "You asked Davi Decliner for 30.00 BRL" });
  await expect(declined).toContainText("Declined");
  await expect(declined.getByRole("button", { name: "Cancel request" })).toHaveCount(0);
  const coffee = page.getByRole("article", { name: "You asked Davi Decliner for 5.00 BRL" });
  await coffee.getByRole("button", { name: "Cancel request" }).click();
  await expect(coffee).toContainText("Cancelled");

  await payerPage.reload();
  const cancelled = payerPage.getByRole("article", { name: "Dora Requester asks you for 5.00 BRL" });
  await expect(cancelled).toContainText("Cancelled");
  await expect(cancelled.getByRole("button", { name: "Pay" })).toHaveCount(0);
  await payerPage.context().close();
});
