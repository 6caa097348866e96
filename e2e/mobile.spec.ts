import { expect, test, type Page } from "@playwright/test";
import { admin, createUserInUi, signIn, uniqueAddress, uniqueEmail } from "./helpers";

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("the sign-in page fits a 375 px phone and signs in", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await signIn(page, admin.login, admin.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectNoHorizontalScroll(page);
});

test("the password reset pages fit a 375 px phone", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": uniqueAddress() });
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // Not before: the sign-in page's "Email or username" would take the email.
  await expect(page).toHaveTitle("Forgot your password · Ledgerwatch");
  await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("mobile-forgetful"));
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("a link to reset its password is on its way")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.goto("/reset-password?token=made-up");
  await expect(page.getByRole("button", { name: "Get a new password" })).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test("the users page works on a 375 px phone", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const email = uniqueEmail("mobile");
  await createUserInUi(page, { name: "Mo Bile", email, role: "Customer" });
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test("a customer's wallet page fits a 375 px phone", async ({ page, browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin.login, admin.password);
  const email = uniqueEmail("phone-customer");
  const password = await createUserInUi(adminPage, { name: "Pho Ne", email, role: "Customer" });
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/wallet$/);
  await expectNoHorizontalScroll(page);
});

test("the analysis page fits a 375 px phone, charts included", async ({ page, request }) => {
  const token = await request.post("/api/v1/auth/token", { data: { login: admin.login, password: admin.password } });
  const { token: bearer } = (await token.json()) as { token: string };
  const file = [
    "BANCO MOVEL,0001,00001-1,BANCO BETA,0002,00002-2,150000.00,2023-04-03T09:00:00",
    "BANCO MOVEL,0001,00001-1,BANCO BETA,0002,00002-3,950000.00,2023-04-03T10:00:00",
    "BANCO MOVEL,0001,00001-2,BANCO BETA,0002,00002-2,1200.50,2023-04-03T11:00:00",
  ].join("\n");
  const upload = await request.post("/api/v1/imports?filename=mobile-2023-04-03.csv", {
    headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "text/csv" },
    data: file,
  });
  expect(upload.status()).toBe(201);

  await signIn(page, admin.login, admin.password);
  await page.goto("/analysis?month=2023-04");
  await expect(page.getByRole("heading", { name: "Analysis · April 2023" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Volume per day (BRL)" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Suspicious accounts/ }).getByRole("row").filter({ hasText: "00001-1" })).toContainText("1,100,000.00");
  await expectNoHorizontalScroll(page);
});
