import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomInt, randomUUID } from "node:crypto";
import { caseDetailSchema, caseListSchema } from "../lib/api/schemas";
import { admin, bearer, createUserByApi, seriousAccessibilityViolations, signIn, uniqueEmail } from "./helpers";
import { brlWalletOf, depositBrl, withDatabase } from "./ledger-fixtures";
import { holdTransfersFrom } from "./review-rule";

const ruleName = `Large from case-review ${randomUUID().slice(0, 8)}`;
let takeRuleOff: (() => Promise<void>) | undefined;

test.afterAll(async () => {
  await takeRuleOff?.();
});

async function wallet(request: APIRequestContext, headers: Record<string, string>) {
  const response = await request.get("/api/v1/wallets", { headers });
  expect(response.status()).toBe(200);
  return ((await response.json()).data as { id: string; currency: string; balance: string; available: string }[]).find((each) => each.currency === "BRL")!;
}

test("an analyst releases a held transfer from the queue and the recipient has the money; a rejected one returns the sender's", async ({ page, request }) => {
  test.setTimeout(120_000);
  const emails = { sender: uniqueEmail("case-sender"), recipient: uniqueEmail("case-recipient"), analyst: uniqueEmail("case-analyst") };
  const passwords = {
    sender: await createUserByApi(request, { name: "Sara Sender", email: emails.sender, role: "customer" }),
    recipient: await createUserByApi(request, { name: "Rafael Recipient", email: emails.recipient, role: "customer" }),
    analyst: await createUserByApi(request, { name: "Ana Analyst", email: emails.analyst, role: "analyst" }),
  };
  const senderWallet = await brlWalletOf(emails.sender);
  const recipientWallet = await brlWalletOf(emails.recipient);
  await depositBrl(emails.sender, "10000.00");
  takeRuleOff = await holdTransfersFrom([senderWallet.accountNumber], "1000.00", ruleName);

  const sender = await bearer(request, emails.sender, passwords.sender);
  const recipient = await bearer(request, emails.recipient, passwords.recipient);
  const send = async (amount: string) => {
    const response = await request.post("/api/v1/transfers", {
      headers: { ...sender, "idempotency-key": randomUUID() },
      data: { from: senderWallet.id, to: recipientWallet.accountNumber, amount },
    });
    expect(response.status()).toBe(202);
    return (await response.json()).id as string;
  };
  await send("2500.00");
  await send("1500.00");
  const late = await send("1200.00");
  expect(await wallet(request, sender)).toMatchObject({ balance: "10000.00", available: "4800.00" });
  // Overdue: opened longer ago than the review time (48 hours).
  await withDatabase((sql) => sql`update cases set opened_at = now() - interval '49 hours' where transfer_id = ${late}`);

  await signIn(page, emails.analyst, passwords.analyst);
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: /Overdue cases/ })).toHaveAttribute("href", "/cases?escalated=1");
  await page.getByRole("link", { name: /Open cases/ }).click();
  await expect(page.getByRole("heading", { name: "Cases" })).toBeVisible();
  await page.goto("/cases?size=100");
  const ours = page.getByRole("row").filter({ hasText: "Sara Sender → Rafael Recipient" });
  await expect(ours).toHaveCount(3);
  await expect(ours.filter({ hasText: "1,200.00 BRL" })).toContainText("Overdue");
  await expect(ours.filter({ hasText: "2,500.00 BRL" })).not.toContainText("Overdue");
  await expect(ours.filter({ hasText: "2,500.00 BRL" })).toContainText(ruleName);
  await expect(ours.filter({ hasText: "2,500.00 BRL" })).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} GMT-3/);
  expect(await seriousAccessibilityViolations(page), "the queue").toEqual([]);
  await page.getByLabel("Overdue only").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/escalated=1/);
  await expect(page.getByRole("row").filter({ hasText: "Sara Sender" })).toHaveCount(1);

  // Release the 2,500.00: assigned, noted, then released.
  await page.goto("/cases?size=100");
  await ours.filter({ hasText: "2,500.00 BRL" }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^Case #\d+$/ })).toBeVisible();
  const movement = page.getByRole("region", { name: "Transfer held by screening" });
  await expect(movement).toContainText("2,500.00 BRL");
  await expect(movement).toContainText(ruleName);
  await expect(movement).toContainText("2500.00 BRL");
  await expect(page.getByRole("region", { name: "Sender", exact: true })).toContainText("Available4,800.00 BRL");
  await expect(page.getByRole("region", { name: "Sender", exact: true }).getByRole("link", { name: "Sara Sender" })).toHaveAttribute("href", /^\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("region", { name: "Recipient", exact: true })).toContainText(recipientWallet.accountNumber);
  await expect(page.getByRole("region", { name: "Sara Sender's recent movements" }).getByRole("row")).toHaveCount(5);
  expect(await seriousAccessibilityViolations(page), "a case").toEqual([]);

  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByRole("region", { name: "Assign", exact: true }).getByRole("status")).toHaveText("Assigned.");
  await expect(page.getByRole("main")).toContainText("AssigneeAna Analyst");
  await page.getByLabel("Note", { exact: true }).fill("Called Sara: paying for a car.");
  await page.getByRole("button", { name: "Add the note" }).click();
  await expect(page.getByRole("region", { name: "Notes" }).getByRole("listitem")).toContainText("Called Sara: paying for a car.");
  await page.getByRole("region", { name: "Release", exact: true }).getByLabel("Note on the release (optional)").fill("Invoice seen.");
  await page.getByRole("button", { name: "Release", exact: true }).click();
  const trail = page.getByRole("region", { name: "Audit trail" });
  await expect(trail).toContainText("case.released by Ana Analyst");
  await expect(trail).toContainText("case.assigned");
  await expect(trail).toContainText("case.noted");
  await expect(page.getByRole("main")).toContainText("Released");
  expect(await wallet(request, recipient)).toMatchObject({ balance: "2500.00" });

  // Reject the 1,500.00: a note is required.
  await page.goto("/cases?size=100");
  await ours.filter({ hasText: "1,500.00 BRL" }).getByRole("link").click();
  const reject = page.getByRole("region", { name: "Reject", exact: true });
  await reject.getByRole("button", { name: "Reject" }).click();
  await expect(reject).toContainText("Write the note.");
  await reject.getByLabel("Why it is rejected").fill("Recipient unknown to the sender.");
  await reject.getByRole("button", { name: "Reject" }).click();
  await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("case.rejected");
  expect(await wallet(request, sender)).toMatchObject({ balance: "7500.00", available: "6300.00" });

  // The overdue one, through the API: listed as escalated, then rejected; the sender has everything else back.
  const analyst = await bearer(request, emails.analyst, passwords.analyst);
  const listed = caseListSchema.parse(await (await request.get("/api/v1/cases?escalated=true&size=100", { headers: analyst })).json());
  const overdue = listed.data.find((row) => row.transferId === late)!;
  expect(overdue).toMatchObject({ status: "open", escalated: true, amount: { amount: "1200.00", currency: "BRL" }, sender: { name: "Sara Sender" }, rules: [ruleName] });
  const rejected = await request.post(`/api/v1/cases/${overdue.id}/reject`, { headers: analyst, data: { note: "Out of time and unexplained." } });
  expect(rejected.status()).toBe(200);
  expect(caseDetailSchema.parse(await rejected.json())).toMatchObject({ status: "rejected", movement: { status: "rejected" }, decided: { note: "Out of time and unexplained." } });
  expect(await wallet(request, sender)).toMatchObject({ balance: "7500.00", available: "7500.00" });
  const mine = caseListSchema.parse(await (await request.get("/api/v1/cases?status=released&assignee=me", { headers: analyst })).json());
  expect(mine.data.map((row) => row.amount)).toEqual([{ amount: "2500.00", currency: "BRL" }]);
  // A customer's token opens no case.
  expect((await request.get("/api/v1/cases", { headers: sender })).status()).toBe(403);
});

test("an analyst turns a suspicious account of the analysis into a case, once, and closes it with what was found", async ({ page, request }) => {
  // A day no other spec imports (a day imports once per database).
  const day = `19${randomInt(10, 90)}-${String(randomInt(1, 13)).padStart(2, "0")}-${String(randomInt(1, 29)).padStart(2, "0")}`;
  const month = day.slice(0, 7);
  const csv = `BANCO CASOS,0042,42000-1,BANCO BETA,0002,20000-2,1500000.00,${day}T10:00:00\n`;
  const staff = await bearer(request, admin.login, admin.password);
  const imported = await request.post(`/api/v1/imports?filename=case-review-${day}.csv`, { headers: { ...staff, "content-type": "text/csv" }, data: csv });
  expect(imported.status()).toBe(201);
  const email = uniqueEmail("case-flagger");
  await signIn(page, email, await createUserByApi(request, { name: "Flavia Flagger", email, role: "analyst" }));

  const openCase = async () => {
    await page.goto(`/analysis?month=${month}`);
    await page.getByRole("button", { name: "Open a case on BANCO CASOS / 0042 / 42000-1 (Sent (out))" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    return page.url();
  };
  const url = await openCase();
  const flagged = page.getByRole("region", { name: "Flagged in the analysis" });
  await expect(flagged).toContainText("42000-1");
  await expect(flagged).toContainText("1,500,000.00");
  await expect(flagged.getByRole("link", { name: `Open the analysis of ${month}` })).toHaveAttribute("href", `/analysis?month=${month}`);
  await expect(page.getByRole("main")).toContainText("by Flavia Flagger");
  // Flagged again while open, the same case.
  expect(await openCase()).toBe(url);

  const close = page.getByRole("region", { name: "Close", exact: true });
  await close.getByLabel("What was found").fill("A known exporter's yearly payment.");
  await close.getByRole("button", { name: "Close the case" }).click();
  await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("case.closed by Flavia Flagger");
  await expect(page.getByRole("main")).toContainText("A known exporter's yearly payment.");
  await page.goto("/cases?status=closed&size=100");
  await expect(page.getByRole("row").filter({ hasText: "BANCO CASOS / 0042 / 42000-1" })).toContainText("From the analysis");
});
