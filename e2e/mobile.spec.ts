import { expect, test, type Page } from "@playwright/test";
import { admin, createUserInUi, signIn, uniqueEmail } from "./helpers";

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
