import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { monthLabel, monthOf } from "../lib/analysis/month";
import { defaultTimeZone, localDateTime } from "../lib/time";
import { pdfTexts } from "../test/pdf-text";
import { bearer, brlWallet, createUserByApi, signIn, uniqueEmail } from "./helpers";

const { PAYMENT_PROVIDER_KEY: providerKey } = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".data", "e2e-server.json"), "utf8"));

test("a customer downloads this month's statement as CSV and PDF, and finds the money they moved", async ({ page, request }) => {
  const anaEmail = uniqueEmail("statement-ana");
  const brunoEmail = uniqueEmail("statement-bruno");
  const anaPassword = await createUserByApi(request, { name: "Ana Extrato", email: anaEmail, role: "customer" });
  await createUserByApi(request, { name: "Bruno Extrato", email: brunoEmail, role: "customer" });
  const ana = await bearer(request, anaEmail, anaPassword);
  const wallet = await brlWallet(request, ana);
  const reference = `statement-${randomUUID().slice(0, 8)}`;
  const deposited = await request.post("/api/v1/provider/deposits", {
    headers: { authorization: `Bearer ${providerKey}`, "idempotency-key": randomUUID() },
    data: { accountNumber: wallet.accountNumber, amount: "150.00", currency: "BRL", reference },
  });
  expect(deposited.status()).toBe(201);
  const sent = await request.post("/api/v1/transfers", { headers: { ...ana, "idempotency-key": randomUUID() }, data: { from: wallet.id, to: brunoEmail, amount: "12.34" } });
  expect(sent.status()).toBe(201);
  // What the closing balance must be, whatever fee BRL transfers cost on this server.
  const { balance } = await brlWallet(request, ana);
  const month = monthOf(localDateTime(new Date(), defaultTimeZone));

  await signIn(page, anaEmail, anaPassword);
  await page.goto("/wallet/history");
  await page.getByRole("link", { name: "Statements" }).click();
  await expect(page.getByRole("heading", { name: "Statements" })).toBeVisible();
  await expect(page.getByLabel("Month")).toHaveValue(month);
  const summary = page.getByRole("region", { name: monthLabel(month) });
  await expect(summary).toContainText("Opening balance0.00 BRL");
  await expect(summary).toContainText(`Closing balance${balance} BRL`);

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe(`ledgerwatch-${wallet.accountNumber}-${month}.csv`);
  const [block, table] = readFileSync((await csvFile.path())!, "utf8").replace(/^\uFEFF/, "").split("\r\n\r\n");
  expect(Object.fromEntries(Papa.parse<string[]>(block).data)).toMatchObject({
    Owner: "Ana Extrato",
    "Account number": wallet.accountNumber,
    Month: month,
    "Opening balance": "0.00",
    "Closing balance": balance,
  });
  const rows = Papa.parse<Record<string, string>>(table, { header: true, skipEmptyLines: true }).data;
  expect(rows[0]).toMatchObject({ description: "Deposit", reference, amount: "150.00", balance: "150.00" });
  expect(rows[1]).toMatchObject({ description: "Sent", counterparty_name: "Bruno Extrato", amount: "-12.34", balance: "137.66" });
  expect(rows.at(-1)!.balance).toBe(balance);

  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const pdfFile = await pdfDownload;
  expect(pdfFile.suggestedFilename()).toBe(`ledgerwatch-${wallet.accountNumber}-${month}.pdf`);
  const pdf = readFileSync((await pdfFile.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const texts = pdfTexts(pdf);
  expect(texts).toEqual(expect.arrayContaining(["Ana Extrato", wallet.accountNumber, "0.00 BRL", "+150.00", "-12.34", "137.66", `Closing balance: ${balance} BRL`]));
});

test("a month the wallet has no statement for is refused with a message about the month", async ({ page, request }) => {
  const email = uniqueEmail("statement-month");
  const password = await createUserByApi(request, { name: "Month Asker", email, role: "customer" });
  const headers = await bearer(request, email, password);
  const wallet = await brlWallet(request, headers);

  const malformed = await request.get(`/api/v1/wallets/${wallet.id}/statement?month=2024-13&format=pdf`, { headers });
  expect(malformed.status()).toBe(422);
  expect((await malformed.json()).error).toMatchObject({ code: "VALIDATION_FAILED", details: { month: ["Give the month as YYYY-MM, for example 2022-01."] } });
  const before = await request.get(`/api/v1/wallets/${wallet.id}/statement?month=2001-01&format=csv`, { headers });
  expect(before.status()).toBe(422);
  expect((await before.json()).error.details.month[0]).toMatch(/^This wallet was opened in /);

  await signIn(page, email, password);
  await page.goto("/wallet/statements?month=2001-01");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This wallet has statements from");
  await expect(page.getByLabel("Month")).toHaveAccessibleDescription(/choose one of those months/);
  await expect(page.getByRole("link", { name: "Download PDF" })).toHaveCount(0);
});
