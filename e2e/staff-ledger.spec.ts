import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { connectDatabase } from "../db/client";
import { deposit } from "../lib/ledger/provider";
import { admin, createUserInUi, formAlert, signIn, uniqueEmail } from "./helpers";

const serverEnv = path.join(import.meta.dirname, "..", ".data", "e2e-server.json");

/** Money arrives from the payment provider, which has no page: the deposit goes straight to the ledger. */
async function depositInto(accountNumber: string, amount: string) {
  const connection = connectDatabase(JSON.parse(readFileSync(serverEnv, "utf8")).DATABASE_URL, { max: 1 });
  try {
    await deposit(connection.db, { accountNumber, amount, currency: "BRL", reference: "e2e-pix" }, `e2e-${accountNumber}-${amount}`);
  } finally {
    await connection.close();
  }
}

async function staffPage(browser: Browser, login: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, login, password);
  return { context, page };
}

async function searchCustomers(page: Page, text: string) {
  await page.goto("/customers");
  await page.getByLabel("Name, email or account number").fill(text);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/search=/);
}

/** Replays a server action request a page sent, with another session's cookies, and returns the answer. */
async function replay(request: Request, as: Page) {
  const response = await as.context().request.post(request.url(), {
    headers: {
      "next-action": request.headers()["next-action"],
      "content-type": request.headers()["content-type"],
      accept: "text/x-component",
      origin: new URL(request.url()).origin,
    },
    data: request.postData()!,
  });
  return response.text();
}

const nextAction = (request: Request) => request.method() === "POST" && Boolean(request.headers()["next-action"]);

test("an admin finds a customer by email and account number, and freezes and unfreezes their wallet", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  const email = uniqueEmail("wallet-owner");
  await createUserInUi(page, { name: "Wanda Wallet", email, role: "Customer" });

  await searchCustomers(page, email);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("0.00 BRL");
  await row.getByRole("link", { name: "Wanda Wallet" }).click();
  await expect(page.getByRole("heading", { name: "Wanda Wallet" })).toBeVisible();
  const walletHeading = page.getByRole("heading", { name: /^BRL wallet \d{10}/ });
  const accountNumber = (await walletHeading.textContent())!.match(/\d{10}/)![0];
  await expect(page.getByText("No postings yet")).toBeVisible();

  await depositInto(accountNumber, "150.25");
  await searchCustomers(page, accountNumber);
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.getByRole("link", { name: "Wanda Wallet" }).click();
  const wallet = page.getByRole("region", { name: /^BRL wallet/ });
  await expect(wallet.getByRole("definition").first()).toHaveText("150.25 BRL");
  await expect(wallet.getByRole("row").filter({ hasText: "Deposit" })).toContainText("e2e-pix");
  await expect(page.getByText("Admins and analysts may both freeze or unfreeze a wallet.")).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await wallet.getByRole("button", { name: "Freeze" }).click();
  await expect(wallet.getByRole("status")).toHaveText(/^Frozen: the wallet can't send or withdraw/);
  await expect(walletHeading).toContainText("Frozen");
  await expect(wallet.getByRole("definition").nth(2)).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d GMT-3$/);

  await wallet.getByRole("button", { name: "Unfreeze" }).click();
  await expect(wallet.getByRole("status")).toHaveText(/^Unfrozen/);
  await expect(walletHeading).toContainText("Active");
  await expect(wallet.getByText("Not frozen")).toBeVisible();

  await page.goto("/audit?action=wallet.frozen");
  await expect(page.getByRole("row").filter({ hasText: accountNumber }).first()).toBeVisible();
});

test("an unknown or non-customer id is not found", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  const response = await page.goto("/customers/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  expect((await page.goto("/customers/not-an-id"))?.status()).toBe(404);
});

test("an admin sets a rate by hand and imports a CSV of rates all or nothing", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await page.goto("/fx-rates");
  const setRate = page.getByRole("region", { name: "Set a rate" });
  await setRate.getByLabel("Base currency").fill("USD");
  await setRate.getByLabel("Quote currency").fill("BRL");
  await setRate.getByLabel("Rate").fill("5,43");
  await setRate.getByRole("button", { name: "Set rate" }).click();
  await expect(setRate.getByText(/The rate must be a positive decimal/)).toBeVisible();
  await expect(setRate.getByLabel("Rate")).toHaveValue("5,43");

  await setRate.getByLabel("Rate").fill("5.4321");
  await setRate.getByRole("button", { name: "Set rate" }).click();
  await expect(setRate.getByRole("status")).toHaveText("1 USD = 5.4321 BRL is now in force.");
  const current = page.getByRole("table", { name: "Current rates, one per pair" });
  const usd = current.getByRole("row").filter({ has: page.getByRole("link", { name: "USD/BRL" }) });
  await expect(usd).toContainText("5.4321");
  await expect(usd).toContainText("manual");
  await expect(usd).toContainText("Administrator");

  const importRates = page.getByRole("region", { name: "Import rates from a CSV file" });
  const upload = async (name: string, text: string) => {
    await importRates.getByLabel("Rates file (CSV)").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
    await importRates.getByRole("button", { name: "Import rates" }).click();
  };
  await upload("bad.csv", "base,quote,rate,source\nEUR,BRL,6.1,ECB\nGBP,BRL,seven,ECB\nJPY,BRL,0.035,ECB\n");
  await expect(formAlert(page).filter({ hasText: "Nothing was imported" })).toHaveText(
    "Nothing was imported: 1 line has a problem. Fix the file and import it again.",
  );
  await expect(importRates.getByText(/^Line 3: rate: The rate must be a positive decimal/)).toBeVisible();
  await expect(current.getByRole("link", { name: "EUR/BRL" })).toHaveCount(0);

  await upload("rates.csv", "base,quote,rate,source\nEUR,BRL,6.1,ECB\nGBP,BRL,7.25,ECB\nJPY,BRL,0.035,ECB\n");
  await expect(importRates.getByRole("status")).toHaveText("3 rates imported from rates.csv.");
  for (const [pair, rate] of [["EUR/BRL", "6.1"], ["GBP/BRL", "7.25"], ["JPY/BRL", "0.035"]]) {
    await expect(current.getByRole("row").filter({ has: page.getByRole("link", { name: pair }) })).toContainText(rate);
  }

  await current.getByRole("link", { name: "USD/BRL" }).click();
  const history = page.getByRole("table", { name: "Rates of USD/BRL, newest first" });
  await expect(history.getByRole("row").filter({ hasText: "5.4321" })).toBeVisible();
});

test("an admin sets the BRL fee and sees it in words with an example", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await page.goto("/fees");
  const form = page.getByRole("region", { name: "Set a currency's fee" });
  await expect(form.getByLabel("Currency")).toHaveValue("BRL");
  await form.getByLabel("Flat fee").fill("1.00");
  await form.getByLabel("Percent of the amount").fill("0.5%");
  await form.getByLabel("Minimum fee").fill("2.00");
  await form.getByRole("button", { name: "Save fee" }).click();
  await expect(form.getByText(/^The percent must be a number from 0 to 100/)).toBeVisible();

  await form.getByLabel("Percent of the amount").fill("0.5");
  await form.getByRole("button", { name: "Save fee" }).click();
  await expect(form.getByRole("status")).toHaveText("BRL fee saved: R$ 1.00 + 0.50%, at least R$ 2.00. Transfers from now on pay it.");
  const brl = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "BRL", exact: true }) });
  await expect(brl).toContainText("R$ 1.00 + 0.50%, at least R$ 2.00");
  await expect(brl).toContainText("R$ 2.00 on R$ 100.00");
  await expect(brl).toContainText("by Administrator");

  // Other specs move BRL on this server: leave sending free, as a fresh database has it.
  for (const field of ["Flat fee", "Percent of the amount", "Minimum fee"]) await form.getByLabel(field).fill("");
  await form.getByRole("button", { name: "Save fee" }).click();
  await expect(brl).toContainText("No fee");
  await expect(brl).toContainText("R$ 0.00 on R$ 100.00");
});

test("the integrity page runs every check and says how long it took", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrity" }).click();
  await expect(page.getByRole("heading", { name: "Ledger integrity" })).toBeVisible();
  const summary = page.getByRole("status").filter({ hasText: "Every check passed." });
  await expect(summary).toContainText(/Took \d+ ms/);
  const checks = page.getByRole("list", { name: "Checks" }).getByRole("listitem");
  await expect(checks).toHaveCount(5);
  for (const check of await checks.all()) await expect(check).toContainText("Pass");
  await expect(checks.filter({ hasText: "Each currency's postings sum to zero" })).toBeVisible();
  await expect(checks.filter({ hasText: "Each wallet's balance equals the sum of its postings" })).toBeVisible();
  await expect(checks.filter({ hasText: "Every hold, and every movement screening or staff refused, belongs to a wallet" })).toBeVisible();
  await expect(checks.filter({ hasText: "Every conversion credited its recorded rate's value, rounded down" })).toBeVisible();

  await page.getByRole("button", { name: "Run again" }).click();
  await expect(summary).toContainText(/Took \d+ ms/);
});

test("an analyst sees rates and fees without edit forms, and the set-rate action refuses them", async ({ browser, page }) => {
  await signIn(page, admin.login, admin.password);
  const email = uniqueEmail("rates-analyst");
  const password = await createUserInUi(page, { name: "Rory Analyst", email, role: "Analyst" });
  const analyst = await staffPage(browser, email, password);

  await analyst.page.goto("/fx-rates");
  await expect(analyst.page.getByRole("heading", { name: "Current rates" })).toBeVisible();
  await expect(analyst.page.getByText("Only admins can set or import rates.")).toBeVisible();
  await expect(analyst.page.getByRole("button", { name: "Set rate" })).toHaveCount(0);
  await expect(analyst.page.getByRole("button", { name: "Import rates" })).toHaveCount(0);
  await analyst.page.goto("/fees");
  await expect(analyst.page.getByText("Only admins can change fees.")).toBeVisible();
  await expect(analyst.page.getByRole("button", { name: "Save fee" })).toHaveCount(0);

  await page.goto("/fx-rates");
  const setRate = page.getByRole("region", { name: "Set a rate" });
  await setRate.getByLabel("Base currency").fill("CHF");
  await setRate.getByLabel("Quote currency").fill("BRL");
  await setRate.getByLabel("Rate").fill("6.5");
  const [request] = await Promise.all([page.waitForRequest(nextAction), setRate.getByRole("button", { name: "Set rate" }).click()]);
  await expect(setRate.getByRole("status")).toHaveText("1 CHF = 6.5 BRL is now in force.");
  expect(await replay(request, analyst.page)).toContain("You don't have permission to do this.");
  await page.goto("/fx-rates?base=CHF&quote=BRL");
  await expect(page.getByRole("table", { name: "Rates of CHF/BRL, newest first" }).getByRole("row")).toHaveCount(2);
  await analyst.context.close();
});

test("a customer is sent away from the staff wallet pages and can't unfreeze their own wallet", async ({ browser, page }) => {
  await signIn(page, admin.login, admin.password);
  const email = uniqueEmail("frozen-customer");
  const password = await createUserInUi(page, { name: "Fritz Frozen", email, role: "Customer" });
  const customer = await staffPage(browser, email, password);
  await expect(customer.page).toHaveURL(/\/wallet$/);
  for (const target of ["/customers", "/fx-rates", "/fees", "/integrity"]) {
    await customer.page.goto(target);
    await expect(customer.page).toHaveURL(/\/wallet$/);
  }

  await searchCustomers(page, email);
  await page.getByRole("link", { name: "Fritz Frozen" }).click();
  const wallet = page.getByRole("region", { name: /^BRL wallet/ });
  const walletHeading = wallet.getByRole("heading", { name: /^BRL wallet/ });
  page.on("dialog", (dialog) => dialog.accept());
  await wallet.getByRole("button", { name: "Freeze" }).click();
  const [unfreeze] = await Promise.all([page.waitForRequest(nextAction), wallet.getByRole("button", { name: "Unfreeze" }).click()]);
  await expect(wallet.getByRole("status")).toHaveText(/^Unfrozen/);
  await wallet.getByRole("button", { name: "Freeze" }).click();
  await expect(walletHeading).toContainText("Frozen");

  // The customer replays the admin's real "unfreeze" request for their own wallet: refused.
  expect(await replay(unfreeze, customer.page)).toContain("You don't have permission to do this.");
  await page.reload();
  await expect(walletHeading).toContainText("Frozen");
  await customer.context.close();
});
