import { expect, test } from "@playwright/test";
import { admin, createUserInUi, formAlert, mailsTo, refusedSignIn, signIn, signOut, uniqueEmail } from "./helpers";

test("the seeded Admin signs in and lands on the dashboard", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Administrator" })).toBeVisible();
});

test("a wrong password is refused with a message and keeps the login typed", async ({ page }) => {
  await expect(await refusedSignIn(page, "nobody@ledgerwatch.test", "000000")).toHaveText("Wrong login or password.");
  await expect(page.getByLabel("Email or username")).toHaveValue("nobody@ledgerwatch.test");
});

test("a user created by the admin gets a 6-digit password on screen and by email, and signs in with it", async ({ page }) => {
  const email = uniqueEmail("analyst");
  await signIn(page, admin.login, admin.password);
  const password = await createUserInUi(page, { name: "Nina Analyst", email, role: "Analyst" });
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  await expect.poll(() => mailsTo(email).length).toBe(1);
  expect(mailsTo(email)[0]).toContain(`Password: ${password}`);

  await signOut(page);
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("signed-in-as")).toContainText("Nina Analyst");
  // Analysts don't manage users.
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
});

test("a duplicate email is refused next to the field and the form keeps its values", async ({ page }) => {
  const email = uniqueEmail("dup");
  await signIn(page, admin.login, admin.password);
  await createUserInUi(page, { name: "First", email, role: "Customer" });
  const form = page.getByRole("region", { name: "New user" });
  await form.getByLabel("Name").fill("Second");
  await form.getByLabel("Email").fill(email.toUpperCase());
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(formAlert(page)).toHaveText("A user with this email already exists.");
  await expect(form.getByLabel("Name")).toHaveValue("Second");
});

test("5 wrong passwords from a stranger's browser lock it out, but not the owner's browser, which still gets in", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const email = uniqueEmail("locked");
  await signIn(adminPage, admin.login, admin.password);
  const password = await createUserInUi(adminPage, { name: "Lou Locked", email, role: "Customer" });

  // The owner's browser signs in once and is remembered as a known device.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, email, password);
  await expect(owner).toHaveURL(/\/wallet$/);
  const device = (await ownerContext.cookies()).find((cookie) => cookie.name === "lw_device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false });
  expect(device!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(device!.expires * 1000 - Date.now()).toBeGreaterThan(364 * 24 * 60 * 60 * 1000);
  await signOut(owner);

  // A stranger's browser, from the same address, without the cookie.
  const stranger = await (await browser.newContext()).newPage();
  const wrong = password === "000000" ? "111111" : "000000";
  for (let attempt = 1; attempt <= 4; attempt++) await expect(await refusedSignIn(stranger, email, wrong)).toHaveText("Wrong login or password.");
  await expect(await refusedSignIn(stranger, email, wrong)).toContainText("This account is locked");
  const refusal = await refusedSignIn(stranger, email, password);
  await expect(refusal).toContainText("This account is locked");
  await expect(refusal).toContainText("Try again after");
  await expect(stranger).toHaveURL(/\/login/);

  await signIn(owner, email, password);
  await expect(owner).toHaveURL(/\/wallet$/);
  await expect(owner.getByTestId("signed-in-as")).toContainText("Lou Locked");
});

test("the sign-in callback never leaves the site", async ({ page }) => {
  await page.goto("/login?callbackUrl=https://evil.example/steal");
  await page.getByLabel("Email or username").fill(admin.login);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  expect(new URL(page.url()).hostname).toBe("127.0.0.1");
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a user changes their own password: the new one works, the old one and the old session don't", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const page = await (await browser.newContext()).newPage();
  const email = uniqueEmail("changer");
  await signIn(adminPage, admin.login, admin.password);
  const password = await createUserInUi(adminPage, { name: "Pat Changer", email, role: "Analyst" });

  await signIn(page, email, password);
  await page.getByTestId("signed-in-as").click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const wrong = password === "000000" ? "000001" : "000000";
  await page.getByLabel("Current password").fill(wrong);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.").first()).toBeVisible();

  await page.getByLabel("Current password").fill(password);
  await page.getByRole("button", { name: "Change password" }).click();
  const changed = (await page.getByTestId("generated-password").textContent())!;
  expect(changed).toMatch(/^\d{6}$/);
  await expect.poll(() => mailsTo(email).some((mail) => mail.includes(`Password: ${changed}`))).toBe(true);

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  if (changed !== password) await expect(await refusedSignIn(page, email, password)).toHaveText("Wrong login or password.");
  await signIn(page, email, changed);
  await expect(page).toHaveURL(/\/dashboard$/);
});
