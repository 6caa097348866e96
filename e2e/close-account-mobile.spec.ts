import { expect, test } from "@playwright/test";
import { admin, createUserByApi, formAlert, refusedSignIn, signIn, uniqueEmail } from "./helpers";
import { depositBrl } from "./ledger-fixtures";

test("on a phone a customer can't close an account with money in it, closes an empty one, and can't sign in again; staff still see it", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("closer");
  const password = await createUserByApi(request, { name: "Clara Closer", email, role: "customer" });
  await depositBrl(email, "1.00");
  await signIn(page, email, password);

  await page.goto("/wallet/account");
  const close = page.getByRole("region", { name: "Close your account" });
  await close.getByRole("button", { name: "Close my account" }).click();
  await expect(close.getByText("Type CLOSE, in capitals, to confirm.")).toBeVisible();
  await close.getByLabel("Type CLOSE to confirm").fill("CLOSE");
  await close.getByRole("button", { name: "Close my account" }).click();
  await expect(formAlert(page)).toContainText("Empty every wallet first: BRL still holds money.");

  // Emptied by sending the money to someone else: then it closes.
  const friend = uniqueEmail("closer-friend");
  await createUserByApi(request, { name: "Fred Friend", email: friend, role: "customer" });
  await page.goto("/wallet/send");
  await page.getByLabel("To (email or account number)").fill(friend);
  await page.getByLabel("Amount (BRL)").fill("1.00");
  await page.getByRole("button", { name: "Review" }).click();
  await page.getByRole("button", { name: "Confirm and send" }).click();
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();
  await page.goto("/wallet/account");
  await close.getByLabel("Type CLOSE to confirm").fill("CLOSE");
  await close.getByRole("button", { name: "Close my account" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(await refusedSignIn(page, email, password)).toBeVisible();

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, admin.login, admin.password);
  await staff.goto("/customers?closed=1");
  await staff.getByRole("link", { name: "Clara Closer" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "This account was closed on" })).toBeVisible();
  await expect(staff.getByRole("region", { name: /^BRL wallet/ })).toContainText("0.00 BRL");
  await staff.context().close();
});
