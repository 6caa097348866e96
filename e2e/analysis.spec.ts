import { expect, test, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { admin, signIn } from "./helpers";

// A month no other spec imports, with a value at and one cent below every default threshold.
const line = (origin: string, destination: string, amount: string, dateTime: string) => `${origin},${destination},${amount},${dateTime}`;
const day1 = [
  line("BANCO ALFA,0001,10000-1", "BANCO BETA,0002,20000-2", "100000.00", "2023-03-01T09:00:00"),
  line("BANCO ALFA,0001,10000-9", "BANCO BETA,0002,20000-3", "99999.99", "2023-03-01T09:05:00"),
  // 10000-5 sends 1,000,000.00 over the two days: exactly the account threshold.
  line("BANCO ALFA,0001,10000-5", "BANCO GAMA,0003,30000-1", "600000.00", "2023-03-01T10:00:00"),
  // 30000-7 receives 999,999.99: one cent short.
  line("BANCO ALFA,0001,10000-6", "BANCO GAMA,0003,30000-7", "99999.99", "2023-03-01T11:00:00"),
  // Branch DELTA/0777 sends 1,000,000,000.00 from four accounts: exactly the branch threshold.
  line("BANCO DELTA,0777,77000-1", "BANCO BETA,0002,20000-4", "250000000.00", "2023-03-01T12:00:00"),
  line("BANCO DELTA,0777,77000-2", "BANCO BETA,0002,20000-4", "250000000.00", "2023-03-01T12:10:00"),
].join("\n");
const day2 = [
  line("BANCO ALFA,0001,10000-5", "BANCO GAMA,0003,30000-1", "400000.00", "2023-03-02T10:00:00"),
  line("BANCO ALFA,0001,10000-6", "BANCO GAMA,0003,30000-7", "900000.00", "2023-03-02T11:00:00"),
  line("BANCO DELTA,0777,77000-3", "BANCO BETA,0002,20000-5", "250000000.00", "2023-03-02T12:00:00"),
  line("BANCO DELTA,0777,77000-4", "BANCO BETA,0002,20000-5", "250000000.00", "2023-03-02T12:10:00"),
  // Branch EPSILON/0888 sends 999,999,999.99.
  line("BANCO EPSILON,0888,88000-1", "BANCO BETA,0002,20000-6", "999999999.99", "2023-03-02T13:00:00"),
].join("\n");

async function upload(page: Page, name: string, content: string) {
  await page.goto("/imports/new");
  await page.getByLabel("Transactions file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(content) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("region", { name: "Import result" }).getByRole("heading", { name: `Imported ${name}` })).toBeVisible();
}

test("imported files show their suspicious transactions, accounts and branches, with drill-down and CSV", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await upload(page, "analysis-2023-03-01.csv", day1);
  await upload(page, "analysis-2023-03-02.csv", day2);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analysis" }).click();
  await page.getByLabel("Month").selectOption({ label: "March 2023" });
  await expect(page.getByRole("heading", { name: "Analysis · March 2023" })).toBeVisible();
  await expect(page.getByTestId("thresholds-version")).toContainText(/Thresholds version \d+/);
  await expect(page.getByRole("region", { name: "Thresholds in force" })).toContainText("≥ BRL 100,000.00");

  const transactions = page.getByRole("region", { name: /^Suspicious transactions/ });
  await expect(transactions.getByRole("heading")).toContainText("(9)");
  await expect(transactions.getByRole("row").filter({ hasText: "BANCO ALFA / 0001 / 10000-1" })).toContainText("100,000.00");
  await expect(transactions.getByText("BANCO ALFA / 0001 / 10000-9")).toHaveCount(0);

  const accounts = page.getByRole("region", { name: /^Suspicious accounts/ });
  const sender = accounts.getByRole("row").filter({ hasText: "10000-5" });
  await expect(sender).toContainText("Sent (out)");
  await expect(sender).toContainText("1,000,000.00");
  await expect(accounts.getByRole("row").filter({ hasText: "30000-1" })).toContainText("Received (in)");
  await expect(accounts.getByRole("row").filter({ hasText: "30000-7" })).toHaveCount(0);

  const branches = page.getByRole("region", { name: /^Suspicious branches/ });
  await expect(branches.getByRole("row").filter({ hasText: "BANCO DELTA" })).toContainText("1,000,000,000.00");
  await expect(branches.getByRole("row").filter({ hasText: "BANCO EPSILON" })).toHaveCount(0);

  // Filtering one table.
  await accounts.getByLabel("Direction").selectOption({ label: "Received (in)" });
  await accounts.getByRole("button", { name: "Filter" }).click();
  await expect(accounts.getByRole("row").filter({ hasText: "10000-5" })).toHaveCount(0);
  await expect(accounts.getByRole("row").filter({ hasText: "30000-1" })).toHaveCount(1);
  await page.goto("/analysis?month=2023-03");

  // The CSV holds the same rows, amounts as plain decimals.
  const download = page.waitForEvent("download");
  await page.getByRole("region", { name: /^Suspicious accounts/ }).getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^suspicious-accounts-2023-03-thresholds-v\d+\.csv$/);
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("bank,branch,account,direction,total,currency,transactions");
  expect(csv).toContain("BANCO ALFA,0001,10000-5,out,1000000.00,BRL,2");
  expect(csv).not.toContain("30000-7");

  // Each row drills down to the transactions behind it.
  await page.getByRole("region", { name: /^Suspicious accounts/ }).getByRole("row").filter({ hasText: "10000-5" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Sent by BANCO ALFA / 0001 / 10000-5" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("row").filter({ hasText: "600,000.00" })).toContainText("2023-03-01T10:00:00");
  await expect(page.getByRole("row").filter({ hasText: "400,000.00" })).toContainText("2023-03-02T10:00:00");
});

test("an admin changes the thresholds, and the analysis and the API follow the new version", async ({ page, request }) => {
  await signIn(page, admin.login, admin.password);
  await page.goto("/settings/thresholds");
  await page.getByLabel("Transaction amount (BRL)").fill("99999.99");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText(/Saved as version \d+/)).toBeVisible();
  const version = (await page.getByText(/Saved as version \d+/).textContent())!.match(/version (\d+)/)![1];

  await page.getByLabel("Account total per month (BRL)").fill("12,5");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("The account threshold must be a positive amount")).toBeVisible();

  await page.goto("/analysis?month=2023-03");
  await expect(page.getByTestId("thresholds-version")).toContainText(`Thresholds version ${version}`);
  const transactions = page.getByRole("region", { name: /^Suspicious transactions/ });
  await expect(transactions.getByRole("row").filter({ hasText: "BANCO ALFA / 0001 / 10000-9" })).toContainText("99,999.99");

  const token = await request.post("/api/v1/auth/token", { data: { login: admin.login, password: admin.password } });
  const { token: bearer } = (await token.json()) as { token: string };
  const response = await request.get("/api/v1/analysis?month=2023-03", { headers: { Authorization: `Bearer ${bearer}` } });
  expect(response.status()).toBe(200);
  const report = await response.json();
  expect(report.thresholdsVersion).toBe(Number(version));
  expect(report.thresholds).toEqual({ transaction: "99999.99", account: "1000000.00", branch: "1000000000.00" });
  expect(report.accounts).toContainEqual({ bank: "BANCO ALFA", branch: "0001", account: "10000-5", direction: "out", total: "1000000.00", count: 2 });
  expect(report.transactions.map((t: { amount: string }) => t.amount)).toContain("99999.99");

  // Back to the defaults for the specs that follow.
  await page.goto("/settings/thresholds");
  await page.getByLabel("Transaction amount (BRL)").fill("100000.00");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText(/Saved as version \d+/)).toBeVisible();

  const bad = await request.get("/api/v1/analysis?month=2023-13", { headers: { Authorization: `Bearer ${bearer}` } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.code).toBe("VALIDATION_FAILED");
});
