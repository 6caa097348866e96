import { expect, test } from "@playwright/test";
import { createUserByApi, formAlert, mailedLinkPath, mailsTo, refusedSignIn, signIn, uniqueAddress, uniqueEmail } from "./helpers";

const resetLinkPath = (email: string) => mailedLinkPath(email, "/reset-password");

test("a customer who forgot the password gets a link by email, a new password from it once, and every old session ends", async ({ browser, request }) => {
  const email = uniqueEmail("forgetful");
  const password = await createUserByApi(request, { name: "Fran Forgetful", email, role: "customer" });
  const oldSession = await (await browser.newContext()).newPage();
  await signIn(oldSession, email, password);

  // An address of its own: reset requests are limited per address.
  const page = await (await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": uniqueAddress() } })).newPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveTitle("Forgot your password · Ledgerwatch");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("Enter the email you sign in with.")).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email.toUpperCase());
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(`If ${email.toUpperCase()} has an account, a link to reset its password is on its way.`)).toBeVisible();
  await expect.poll(() => resetLinkPath(email)).toBeDefined();
  const link = resetLinkPath(email)!;

  // Opening the link spends nothing; the button does.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Get a new password" }).click();
  const issued = (await page.getByTestId("generated-password").textContent())!;
  expect(issued).toMatch(/^\d{6}$/);
  await expect.poll(() => mailsTo(email).some((mail) => mail.includes(`Password: ${issued}`))).toBe(true);

  await oldSession.goto("/wallet");
  await expect(oldSession).toHaveURL(/\/login/);
  if (issued !== password) await expect(await refusedSignIn(oldSession, email, password)).toHaveText("Wrong login or password.");
  await signIn(oldSession, email, issued);
  await expect(oldSession).toHaveURL(/\/wallet/);

  // The link works once.
  await page.goto(link);
  await page.getByRole("button", { name: "Get a new password" }).click();
  await expect(formAlert(page)).toHaveText("This link has expired or has already been used. Ask for a new one.");
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
});

test("asking for a reset of an email nobody has answers exactly as for a customer's, and mails nothing", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueAddress() });
  const email = uniqueEmail("nobody");
  await page.goto("/forgot-password");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(`If ${email} has an account, a link to reset its password is on its way. It works once, within 60 minutes.`)).toBeVisible();
  expect(mailsTo(email)).toEqual([]);
});

test("one address asks for at most 5 reset links a minute", async ({ page }) => {
  const ask = async () => {
    await page.goto("/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("asker"));
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByText(/is on its way|Too many requests/)).toBeVisible();
    return (await page.getByText(/Too many requests/).count()) > 0 ? "refused" : "sent";
  };
  // The count is per minute: a run that straddled two minutes is run again, from a fresh address.
  for (;;) {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueAddress() });
    const window = Math.floor(Date.now() / 60_000);
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(await ask());
    if (Math.floor(Date.now() / 60_000) !== window) continue;
    expect(answers).toEqual(["sent", "sent", "sent", "sent", "sent", "refused"]);
    return;
  }
});
