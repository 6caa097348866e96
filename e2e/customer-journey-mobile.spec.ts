import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pdfTexts } from "../test/pdf-text";
import { createUserByApi, mailedLinkPath, mailsTo, signIn, uniqueAddress, uniqueCpf, uniqueEmail } from "./helpers";
import { brlWalletOf, depositBrl } from "./ledger-fixtures";

const { PAYMENT_PROVIDER_KEY: providerKey } = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".data", "e2e-server.json"), "utf8"));

/** The subjects of the mail the e2e server's SMTP server received for this address. */
const subjectsTo = (email: string) => mailsTo(email).map((raw) => /^Subject: (.*)$/m.exec(raw)?.[1] ?? "");

const bell = (page: Page) => page.getByRole("link", { name: /^Notifications/ });

test("on a phone a person signs up, verifies by email, is funded, asks another customer for money, is paid, both are told, and the statement shows it", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueAddress() });
  const person = { name: "Julia Journey", email: uniqueEmail("journey"), password: "journey-otter-42" };

  // Sign-up, and the verification email from the SMTP server the e2e server started.
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("CPF").fill(uniqueCpf());
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByRole("button", { name: "Open my account" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("we sent a link");
  await expect.poll(() => mailedLinkPath(person.email, "/verify-email"), { timeout: 15_000 }).toBeTruthy();
  await signIn(page, person.email, person.password);
  await page.goto(mailedLinkPath(person.email, "/verify-email")!);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your email is confirmed");

  // Funded by the payment provider.
  const wallet = await brlWalletOf(person.email);
  const funded = await request.post("/api/v1/provider/deposits", {
    headers: { authorization: `Bearer ${providerKey}`, "idempotency-key": randomUUID() },
    data: { accountNumber: wallet.accountNumber, amount: "30.00", currency: "BRL", reference: `journey-${randomUUID().slice(0, 8)}` },
  });
  expect(funded.status()).toBe(201);

  // She asks another customer for money.
  const payer = { name: "Pedro Payer", email: uniqueEmail("journey-payer") };
  const payerPassword = await createUserByApi(request, { ...payer, role: "customer" });
  await depositBrl(payer.email, "100.00");
  await page.goto("/wallet");
  await page.getByRole("region", { name: "Payment requests" }).getByRole("link", { name: "Request money" }).click();
  await page.getByLabel("Who pays (email or account number)").fill(payer.email);
  await page.getByLabel("Amount (BRL)").fill("20.00");
  await page.getByLabel("Note (optional)").fill("Half the rent");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(/\/wallet\/requests$/);

  // He is told, in the app and by email, and pays it.
  const payerPage = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await signIn(payerPage, payer.email, payerPassword);
  await expect(bell(payerPage)).toHaveAccessibleName(/Notifications, \d+ unread/);
  await bell(payerPage).click();
  await expect(payerPage.getByRole("listitem").filter({ hasText: `${person.name} asks you for 20.00 BRL` })).toContainText("“Half the rent”");
  await expect.poll(() => subjectsTo(payer.email)).toContain(`${person.name} asks you for 20.00 BRL`);
  await payerPage.goto("/wallet/requests");
  const request_ = payerPage.getByRole("article", { name: `${person.name} asks you for 20.00 BRL` });
  await expect(request_).toContainText("They get20.00 BRL");
  await request_.getByRole("button", { name: "Pay" }).click();
  await expect(payerPage).toHaveURL(/\/wallet\/transfers\/[0-9a-f-]{36}$/);
  await payerPage.context().close();

  // She is told, in the app and by email, and has the money.
  await page.goto("/wallet");
  await expect(page.getByRole("region", { name: "BRL wallet" }).getByTestId("balance")).toHaveText("50.00 BRL");
  await bell(page).click();
  await expect(page.getByRole("listitem").filter({ hasText: `${payer.name} paid your request for 20.00 BRL` })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "You received 30.00 BRL" })).toBeVisible();
  await expect.poll(() => subjectsTo(person.email)).toContain(`${payer.name} paid your request for 20.00 BRL`);

  // Her statement of the month, as a PDF, shows the payment.
  await page.goto("/wallet/statements");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const pdf = readFileSync((await (await download).path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const texts = pdfTexts(pdf);
  expect(texts).toEqual(expect.arrayContaining([person.name, wallet.accountNumber, "+30.00", "+20.00", "Closing balance: 50.00 BRL"]));
  expect(texts.some((text) => text.includes(payer.name))).toBe(true);
});
