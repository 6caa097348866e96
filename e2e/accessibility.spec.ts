import { expect, test, type Page } from "@playwright/test";
import { admin, seriousAccessibilityViolations, signIn } from "./helpers";

// A day no other spec imports, so the imports and the analysis have something to show.
const day = "2019-05-02";
const csv = [
  `BANCO ALFA,0001,10000-1,BANCO BETA,0002,20000-2,150000.00,${day}T10:00:00`,
  `BANCO ALFA,0001,10000-1,BANCO BETA,0002,20000-3,900000.00,${day}T11:00:00`,
  `BANCO GAMA,0003,30000-1,BANCO BETA,0002,20000-2,120.00,${day}T12:00:00`,
].join("\n");

async function expectAccessible(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect.soft(await seriousAccessibilityViolations(page), url).toEqual([]);
}

test("the sign-in page has no serious accessibility violations, also when it shows an error", async ({ page }) => {
  await expectAccessible(page, "/login");
  await page.getByLabel("Email or username").fill("nobody@ledgerwatch.test");
  await page.getByLabel("Password").fill("wrong");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("the password reset pages have no serious accessibility violations, also with an error", async ({ page }) => {
  await expectAccessible(page, "/forgot-password");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("Enter the email you sign in with.")).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await expectAccessible(page, "/reset-password?token=made-up");
  await page.getByRole("button", { name: "Get a new password" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("the sign-up pages have no serious accessibility violations, also with field errors", async ({ page }) => {
  await expectAccessible(page, "/signup");
  await page.getByRole("button", { name: "Open my account" }).click();
  await expect(page.getByText("Enter the 11 digits of your CPF.")).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await expectAccessible(page, "/verify-email?token=made-up");
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test("the staff pages have no serious accessibility violations", async ({ page, request }) => {
  const { token } = await (await request.post("/api/v1/auth/token", { data: admin })).json();
  const imported = await request.post(`/api/v1/imports?filename=accessibility-${day}.csv`, {
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    data: csv,
  });
  expect(imported.status()).toBe(201);

  await signIn(page, admin.login, admin.password);
  for (const url of ["/dashboard", "/users", "/imports", "/imports/new", "/analysis?month=2019-05"]) await expectAccessible(page, url);

  await page.goto("/imports");
  await page.getByRole("link", { name: day }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect.soft(await seriousAccessibilityViolations(page), "an import").toEqual([]);
});

test("an admin's staff menu fits a desktop window: every link in view, nothing to scroll sideways", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  await page.goto("/dashboard");
  const width = page.viewportSize()!.width;
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  expect(await links.count()).toBeGreaterThan(10);
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!;
    expect(box.x + box.width, await link.innerText()).toBeLessThanOrEqual(width);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
});
