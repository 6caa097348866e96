import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { admin, createUserByApi, signIn, uniqueEmail } from "./helpers";
import { withDatabase } from "./ledger-fixtures";

test("a staff page for something that doesn't exist answers 404 inside the staff layout, with a way back", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  const response = await page.goto(`/customers/${randomUUID()}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Dashboard", exact: true })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a receipt that doesn't exist answers 404 inside the wallet, with a way back", async ({ page, request }) => {
  const email = uniqueEmail("boundary");
  const password = await createUserByApi(request, { name: "Bia Boundary", email, role: "customer" });
  await signIn(page, email, password);
  const response = await page.goto(`/wallet/transfers/${randomUUID()}`);
  expect(response?.status()).toBe(404);
  await page.getByRole("main").getByRole("link", { name: "Back to your wallet" }).click();
  await expect(page).toHaveURL(/\/wallet$/);
});

test("a page whose query fails shows an error with a reference, a retry and a way back, and retrying works once the database does", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  // Break the one table the Fees page reads, for the length of this test only (the e2e tests run one at a time).
  await withDatabase((sql) => sql`alter table fee_schedules rename to fee_schedules_hidden`);
  try {
    await page.goto("/fees");
    await expect(page.getByRole("heading", { name: "This page could not be shown" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "tell support the reference" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to the dashboard" })).toBeVisible();
    // The staff layout around the failed page still stands: the rest of the product is a click away.
    await expect(page.getByRole("link", { name: "Imports" })).toBeVisible();
  } finally {
    await withDatabase((sql) => sql`alter table fee_schedules_hidden rename to fee_schedules`);
  }
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Fees", level: 1 })).toBeVisible();
});
