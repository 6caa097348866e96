import { expect, test, type Browser } from "@playwright/test";
import { formatStaffTime } from "../lib/time";
import { admin, createUserByApi, signIn, uniqueEmail } from "./helpers";

/** The newest audit event's time as the page shows it, and the instant its <time> element says. */
async function newestAuditTime(browser: Browser, timezoneId: string) {
  const context = await browser.newContext({ timezoneId });
  const page = await context.newPage();
  await signIn(page, admin.login, admin.password);
  await page.goto("/audit");
  const time = page.getByRole("table", { name: "Audit log" }).locator("time").first();
  return { context, page, time, at: new Date((await time.getAttribute("datetime"))!) };
}

test("a browser in Tokyo sees staff times in Tokyo's zone, the server rendering them so once it has said its zone", async ({ browser }) => {
  const { context, page, time, at } = await newestAuditTime(browser, "Asia/Tokyo");
  await expect(time).toHaveText(formatStaffTime(at, "Asia/Tokyo", { seconds: true }));
  await expect(time).toHaveText(/ GMT\+9$/);
  expect((await context.cookies()).find((cookie) => cookie.name === "tz")).toMatchObject({ value: "Asia%2FTokyo", path: "/", sameSite: "Lax" });

  // Without the cookie the server renders in São Paulo's zone; the page then says its own and is rendered again.
  await context.clearCookies({ name: "tz" });
  const firstRender = await (await page.reload())!.text();
  expect(firstRender).toContain(formatStaffTime(at, "America/Sao_Paulo", { seconds: true }));
  await expect(time).toHaveText(formatStaffTime(at, "Asia/Tokyo", { seconds: true }));
  await context.close();
});

test("a browser in São Paulo sees staff times in São Paulo's zone", async ({ browser }) => {
  const { context, time, at } = await newestAuditTime(browser, "America/Sao_Paulo");
  await expect(time).toHaveText(formatStaffTime(at, "America/Sao_Paulo", { seconds: true }));
  await expect(time).toHaveText(/ GMT-3$/);
  await context.close();
});

test("a customer in Tokyo gets statements of Tokyo's months and times", async ({ browser, request }) => {
  const email = uniqueEmail("tokyo-statement");
  const password = await createUserByApi(request, { name: "Kenji Extrato", email, role: "customer" });
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await signIn(page, email, password);
  await page.goto("/wallet/statements");
  await expect(page.getByText("Months and times are in your time zone, Asia/Tokyo.")).toBeVisible();
  const download = new URL((await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"))!, page.url());
  expect(download.searchParams.get("timeZone")).toBe("Asia/Tokyo");
  await context.close();
});
