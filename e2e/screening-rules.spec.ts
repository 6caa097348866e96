import { expect, test } from "@playwright/test";
import { randomInt } from "node:crypto";
import { admin, seriousAccessibilityViolations, signIn } from "./helpers";

// The rule this spec puts live also needs the recipient on a list holding only an account number
// no wallet has, and it is deactivated at the end: no other spec's movement is ever held by it.

test("an admin writes a rule with two conditions, backtests it, activates and deactivates it, and edits a list", async ({ page }) => {
  const suffix = `${Date.now()}-${randomInt(1000, 9999)}`;
  const listName = `E2E watch list ${suffix}`;
  const ruleName = `E2E large to watched ${suffix}`;
  await signIn(page, admin.login, admin.password);

  await page.goto("/screening/lists/new");
  await page.getByLabel("Name").fill(listName);
  await page.getByLabel("Kind").selectOption({ label: "Deny list" });
  await page.getByLabel("Entries are").selectOption({ label: "Account numbers" });
  await page.getByLabel("Entries, one per line").fill("900000000001");
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { name: listName })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("List created and in force.");

  await page.goto("/screening/rules/new");
  await page.getByLabel("Name").fill(ruleName);
  await page.getByLabel("Outcome").selectOption({ label: "Send to review" });
  const first = page.getByRole("group", { name: "Condition 1" });
  await expect(first).toContainText("Amount at or above");
  await first.getByLabel("Amount").fill("1000.005");
  await page.getByLabel("Condition to add").selectOption({ label: "Party on a list" });
  await page.getByRole("button", { name: "Add condition" }).click();
  const second = page.getByRole("group", { name: "Condition 2" });
  await second.getByLabel("List").selectOption({ label: `${listName} (deny, account)` });
  await second.getByLabel("Party").selectOption({ label: "Recipient" });
  await page.getByRole("button", { name: "Save rule" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(first.getByLabel("Amount")).toHaveAttribute("aria-invalid", "true");
  await expect(first).toContainText("BRL has 2 decimal places.");
  expect.soft(await seriousAccessibilityViolations(page), "the rule form with field errors").toEqual([]);
  await first.getByLabel("Amount").fill("1000.00");
  await page.getByRole("button", { name: "Save rule" }).click();

  await expect(page.getByRole("heading", { name: ruleName })).toBeVisible();
  await expect(page.getByText("Inactive: no version of this rule is live.")).toBeVisible();
  await expect(page.getByText(`amount at least 1000.00 BRL and recipient on ${listName}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Activate version 1" })).toHaveCount(0);
  await page.getByRole("button", { name: "Backtest version 1" }).click();
  const backtest = page.getByRole("region", { name: "Backtest of version 1" });
  await expect(backtest).toContainText("Wallet movements (transfers and withdrawals)");
  await expect(backtest).toContainText("Imported bank files");
  await expect(backtest).toContainText(/\d+ replayed; 0 would be decided differently\.|Nothing in the last 30 days\./);
  expect.soft(await seriousAccessibilityViolations(page), "the rule page with a backtest").toEqual([]);
  await backtest.getByRole("button", { name: "Activate version 1" }).click();
  await expect(page.getByText("Version 1 is live.")).toBeVisible();

  await page.goto("/screening");
  const row = page.getByRole("row").filter({ hasText: ruleName });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("v1");
  await expect(row).toContainText("Review");
  expect.soft(await seriousAccessibilityViolations(page), "the screening page").toEqual([]);

  await page.getByRole("link", { name: listName }).click();
  await page.getByLabel("Entries, one per line").fill("900000000001\n900000000002");
  await page.getByRole("button", { name: "Save entries" }).click();
  await expect(page.getByRole("status")).toHaveText("Version 2 saved and in force.");
  await expect(page.getByText("version 2 in force with 2 entries")).toBeVisible();

  await page.goto("/screening");
  await page.getByRole("link", { name: ruleName }).click();
  await page.getByRole("button", { name: "Deactivate rule" }).click();
  await expect(page.getByText("Inactive: no version of this rule is live.")).toBeVisible();
  await page.goto("/screening");
  await expect(page.getByRole("row").filter({ hasText: ruleName })).toContainText("Inactive");
});
