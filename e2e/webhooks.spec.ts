import { expect, test } from "@playwright/test";
import { admin, signIn } from "./helpers";

// The end-to-end server runs without WEBHOOK_URL: the log says so, and nothing is ever delivered.
test("an admin finds the webhook delivery log next to the outbox, saying WEBHOOK_URL is unset", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  await expect(page.getByText("WEBHOOK_URL is unset, so nothing is sent")).toBeVisible();

  await page.getByLabel("Status").selectOption("Delivered");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/webhooks\?state=delivered$/);
  await expect(page.getByRole("table", { name: "Webhook deliveries" }).getByText("No delivery matches this filter.")).toBeVisible();
});
