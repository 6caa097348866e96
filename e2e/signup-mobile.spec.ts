import { expect, test, type Page } from "@playwright/test";
import { createUserByApi, formAlert, mailedLinkPath, mailsTo, signIn, uniqueAddress, uniqueCpf, uniqueEmail } from "./helpers";
import { depositBrl } from "./ledger-fixtures";

async function fillSignUp(page: Page, person: { name: string; email: string; cpf: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("CPF").fill(person.cpf);
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByRole("button", { name: "Open my account" }).click();
}

/** A form's success message (an error is an alert). */
const formStatus = (page: Page) => page.getByRole("main").getByRole("status");

const formattedCpf = (digits: string) => `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;

test("on a phone a person signs up, is refused sending until the emailed link confirms the email, then sends", async ({ page, request }) => {
  test.setTimeout(120_000);
  // Sign-ups are limited per client address: this test's own.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueAddress() });
  const person = { name: "Nina Newcomer", email: uniqueEmail("nina"), cpf: formattedCpf(uniqueCpf()), password: "nina-otter-2026" };

  // Field errors keep what was typed, but never the password.
  await fillSignUp(page, { ...person, cpf: "123.456.789-00", password: "password1" });
  await expect(page.getByText("This is not a valid CPF: check its digits.")).toBeVisible();
  await expect(page.getByText("This password is too common: choose one nobody would guess.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await expect(page.getByLabel(/^Password/)).toHaveValue("");

  await fillSignUp(page, person);
  await expect(formStatus(page)).toContainText(`we sent a link to ${person.email}`);
  await expect.poll(() => mailedLinkPath(person.email, "/verify-email")).toBeTruthy();

  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/wallet$/);
  const banner = page.getByRole("region", { name: "Confirm your email" });
  await expect(banner).toContainText(person.email);
  await depositBrl(person.email, "50.00");
  await page.goto("/wallet/send");
  const friendEmail = uniqueEmail("nina-friend");
  await createUserByApi(request, { name: "Fabio Friend", email: friendEmail, role: "customer" });
  await page.getByLabel("To (email or account number)").fill(friendEmail);
  await page.getByLabel("Amount (BRL)").fill("5.00");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(formAlert(page)).toContainText("Confirm your email first");

  await page.goto(mailedLinkPath(person.email, "/verify-email")!);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(formStatus(page)).toContainText("Your email is confirmed");
  await page.getByRole("link", { name: "Open my wallet" }).click();
  await expect(page).toHaveURL(/\/wallet$/);
  await expect(page.getByRole("region", { name: "Confirm your email" })).toHaveCount(0);
  await page.goto("/wallet/send");
  await page.getByLabel("To (email or account number)").fill(friendEmail);
  await page.getByLabel("Amount (BRL)").fill("5.00");
  await page.getByRole("button", { name: "Review" }).click();
  await page.getByRole("button", { name: "Confirm and send" }).click();
  await expect(page.getByRole("heading", { name: "Receipt" })).toBeVisible();

  // The link worked once.
  await page.goto(mailedLinkPath(person.email, "/verify-email")!);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(formAlert(page)).toContainText("expired or has already been used");
});

test("signing up with a taken email answers as a new one, and the owner is told by email", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueAddress() });
  const owner = { name: "Otto Owner", email: uniqueEmail("otto"), cpf: uniqueCpf(), password: "otto-otter-2026" };
  await fillSignUp(page, owner);
  await expect(formStatus(page)).toContainText(`we sent a link to ${owner.email}`);

  await fillSignUp(page, { ...owner, name: "Someone Else", cpf: uniqueCpf(), password: "another-otter-2026" });
  await expect(formStatus(page)).toContainText(`we sent a link to ${owner.email}`);
  await expect.poll(() => mailsTo(owner.email).some((mail) => mail.includes("Someone tried to sign up"))).toBe(true);
  // The first password still signs in; the second made no account.
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/wallet$/);
});
