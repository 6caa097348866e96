import { expect, test } from "@playwright/test";
import { createUserByApi, mailsTo, signIn, uniqueEmail } from "./helpers";
import { depositBrl, withDatabase } from "./ledger-fixtures";

/** The subjects of the mail this address received (plain ASCII ones, as these are). */
const subjectsTo = (email: string) => mailsTo(email).map((raw) => /^Subject: (.*)$/m.exec(raw)?.[1] ?? "");

test("on a phone the bell counts money received, the list shows it, and the email can be turned off", async ({ page, request }) => {
  test.setTimeout(120_000);
  const email = uniqueEmail("bell");
  const password = await createUserByApi(request, { name: "Bela Bell", email, role: "customer" });

  await signIn(page, email, password);
  const bell = page.getByRole("link", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");
  await depositBrl(email, "15.00");
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await expect(page.getByTestId("unread-count")).toHaveText("1");
  await expect.poll(() => subjectsTo(email)).toContain("You received 15.00 BRL");

  await bell.click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "You received 15.00 BRL" })).toContainText("A deposit reached your wallet.");
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications");

  // No more emails for money received; the bell still tells.
  await page.goto("/wallet/account");
  await page.getByLabel("money reaches my wallet").uncheck();
  await page.getByRole("button", { name: "Save my email choices" }).click();
  await expect(page.getByText("Your email choices are saved.")).toBeVisible();
  await depositBrl(email, "7.00");
  await expect
    .poll(() =>
      withDatabase(async (sql) => {
        const [row] = await sql`
          select count(*)::int as pending from notifications n join users u on u.id = n.user_id
          where lower(u.email) = ${email} and n.email_pending`;
        return row.pending;
      }),
    )
    .toBe(0);
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  expect(subjectsTo(email)).not.toContain("You received 7.00 BRL");
});
