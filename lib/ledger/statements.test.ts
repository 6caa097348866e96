import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { pdfPageCount, pdfTexts } from "@/test/pdf-text";
import { monthOf } from "@/lib/analysis/month";
import { formatGroupedMinorUnits } from "@/lib/money";
import { localDateTime } from "@/lib/time";
import type { Wallet } from "./accounts";
import { setFeeSchedule } from "./fees";
import { deposit, requestWithdrawal, settleWithdrawal } from "./provider";
import { statementCsv } from "./statement-csv";
import { statementPdf, winAnsiText } from "./statement-pdf";
import { statementMonths, walletStatement, type Statement } from "./statements";
import { transfer } from "./transfers";

const t = setupTestDatabase();
let ana: Wallet;
let bruno: Wallet;
let caio: string;

/**
 * Moves a movement's lines (and the movement) to `at`: the ledger stamps them with the time they
 * were made, and a trigger keeps postings from changing, lifted here inside one transaction of
 * this file's own database (DDL is transactional: no other connection sees it lifted).
 */
async function happenedAt(transferId: string, at: string) {
  await t.db.$client.begin(async (tx) => {
    await tx`alter table ledger_postings disable trigger ledger_postings_immutable`;
    await tx`update ledger_postings set created_at = ${at} where transfer_id = ${transferId}`;
    await tx`alter table ledger_postings enable trigger ledger_postings_immutable`;
    await tx`update ledger_transfers set created_at = ${at} where id = ${transferId}`;
  });
}

const march = (timeZone?: string) => walletStatement(t.db, { ownerId: ana.ownerId, walletId: ana.id, month: "2024-03", timeZone });

beforeAll(async () => {
  const sql = t.db.$client;
  [{ wallets: [ana] }, { wallets: [bruno] }, { id: caio }] = await createCustomers(t.db, [
    { name: "Ana Conceição", email: "ana@statements.test" },
    { name: "Bruno Lima", email: "bruno@statements.test" },
    { name: "Caio", email: "caio@statements.test" },
  ]);
  await sql`update ledger_accounts set created_at = '2024-01-15T12:00:00Z' where id in ${sql([ana.id, bruno.id])}`;
  await setFeeSchedule(sql, "BRL", { flat: 100n, percent: 0n, minimum: 0n }, null);
  const pix = (reference: string, amount: string) => deposit(t.db, { accountNumber: ana.accountNumber, amount, currency: "BRL", reference }, reference);

  // In order, as São Paulo (UTC-3) sees them: two in February, five in March, one in April.
  await happenedAt((await pix("pix-february", "500.00")).id, "2024-02-10T12:00:00Z");
  // 23:00 on 29 February in São Paulo, though already 1 March in UTC.
  await happenedAt((await pix("pix-leap-day", "30.00")).id, "2024-03-01T02:00:00Z");
  await happenedAt((await pix("=SUM(A1)", "100.00")).id, "2024-03-01T03:00:00Z");
  await deposit(t.db, { accountNumber: bruno.accountNumber, amount: "100.00", currency: "BRL", reference: "pix-bruno" }, "pix-bruno");
  const sent = await transfer(t.db, { userId: ana.ownerId }, { from: ana.id, to: bruno.accountNumber, amount: "50.00" }, "sent");
  await happenedAt(sent.id, "2024-03-10T15:00:00Z");
  const received = await transfer(t.db, { userId: bruno.ownerId }, { from: bruno.id, to: "ana@statements.test", amount: "20.00" }, "received");
  await happenedAt(received.id, "2024-03-20T15:00:00Z");
  const withdrawal = await requestWithdrawal(t.db, { userId: ana.ownerId }, { from: ana.id, amount: "40.00" }, "withdrawal", 60);
  await settleWithdrawal(t.db, withdrawal.id);
  // 23:30 on 31 March in São Paulo.
  await happenedAt(withdrawal.id, "2024-04-01T02:30:00Z");
  await happenedAt((await pix("pix-april", "7.00")).id, "2024-04-01T03:00:00Z");
});

describe("walletStatement", () => {
  it("opens with the balance at the month's start and lists the month's lines oldest first, each with the balance after it", async () => {
    const statement = await march();
    expect(statement.wallet).toEqual({ id: ana.id, accountNumber: ana.accountNumber, currency: "BRL", ownerName: "Ana Conceição" });
    expect(statement.period).toEqual({ start: new Date("2024-03-01T03:00:00Z"), end: new Date("2024-04-01T03:00:00Z") });
    // February's 500.00 and 30.00 count; April's 7.00 doesn't.
    expect(statement.openingBalance).toBe(53000n);
    expect(statement.lines.map((line) => `${line.kind}/${line.purpose} ${line.amount} -> ${line.balanceAfter}`)).toEqual([
      "deposit/principal 10000 -> 63000",
      "transfer/principal -5000 -> 58000",
      "transfer/fee -100 -> 57900",
      "transfer/principal 2000 -> 59900",
      "withdrawal/principal -4000 -> 55900",
    ]);
    let running = statement.openingBalance;
    for (const line of statement.lines) expect(line.balanceAfter).toBe((running += line.amount));
    expect(statement.closingBalance).toBe(55900n);
    expect(statement.totals).toEqual({ in: 12000n, out: 9000n, fees: 100n });
    expect(statement.openingBalance + statement.totals.in - statement.totals.out - statement.totals.fees).toBe(statement.closingBalance);
  });

  it("shows the people on the other side by account number and name", async () => {
    const [, sent, fee, received] = (await march()).lines;
    expect(sent).toMatchObject({ counterparty: bruno.accountNumber, counterpartyName: "Bruno Lima" });
    expect(fee).toMatchObject({ purpose: "fee", counterparty: bruno.accountNumber });
    expect(received).toMatchObject({ counterparty: bruno.accountNumber, counterpartyName: "Bruno Lima" });
  });

  it("cuts months at midnight in the time zone asked for", async () => {
    const utc = await march("UTC");
    expect(utc.period.start).toEqual(new Date("2024-03-01T00:00:00Z"));
    // In UTC the leap-day deposit is March's and the withdrawal April's.
    expect(utc.openingBalance).toBe(50000n);
    expect(utc.lines.map((line) => line.reference ?? line.kind)).toEqual(["pix-leap-day", "=SUM(A1)", "transfer", "transfer", "transfer"]);
    expect(utc.closingBalance).toBe(59900n);
  });

  it("opens a month without lines with the balance it closes with", async () => {
    const january = await walletStatement(t.db, { ownerId: ana.ownerId, walletId: ana.id, month: "2024-01" });
    expect(january).toMatchObject({ openingBalance: 0n, lines: [], closingBalance: 0n, totals: { in: 0n, out: 0n, fees: 0n } });
    const may = await walletStatement(t.db, { ownerId: ana.ownerId, walletId: ana.id, month: "2024-05" });
    expect(may).toMatchObject({ openingBalance: 56600n, lines: [], closingBalance: 56600n });
  });

  it("refuses another customer's wallet as not found", async () => {
    await expect(walletStatement(t.db, { ownerId: caio, walletId: ana.id, month: "2024-03" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(walletStatement(t.db, { ownerId: caio, walletId: "not-a-wallet", month: "2024-03" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(statementMonths(t.db, caio, ana.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a month before the wallet was opened, or one not yet begun", async () => {
    await expect(walletStatement(t.db, { ownerId: ana.ownerId, walletId: ana.id, month: "2023-12" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      field: "month",
      message: "This wallet was opened in January 2024: choose that month or a later one.",
    });
    await expect(walletStatement(t.db, { ownerId: ana.ownerId, walletId: ana.id, month: "2999-01" })).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "month" });
  });
});

describe("statementMonths", () => {
  it("offers every month from the current one back to the one the wallet was opened in", async () => {
    const months = await statementMonths(t.db, ana.ownerId, ana.id);
    expect(months[0]).toBe(monthOf(localDateTime(new Date(), "America/Sao_Paulo")));
    expect(months.at(-1)).toBe("2024-01");
    expect(months.slice(-3)).toEqual(["2024-03", "2024-02", "2024-01"]);
    expect(new Set(months).size).toBe(months.length);
  });
});

describe("statementCsv", () => {
  it("parses back into the balances block and one row per line with the figures of the ledger", async () => {
    const csv = statementCsv(await march());
    const [block, table] = csv.split("\r\n\r\n");
    const summary = Object.fromEntries(Papa.parse<string[]>(block).data);
    expect(summary).toMatchObject({
      Owner: "Ana Conceição",
      "Account number": ana.accountNumber,
      Currency: "BRL",
      Month: "2024-03",
      "Time zone": "America/Sao_Paulo",
      "Opening balance": "530.00",
      "Money in": "120.00",
      "Money out": "90.00",
      Fees: "1.00",
      "Closing balance": "559.00",
    });
    const rows = Papa.parse<Record<string, string>>(table, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((row) => [row.date, row.description, row.amount, row.fee, row.balance])).toEqual([
      ["2024-03-01 00:00", "Deposit", "100.00", "", "630.00"],
      ["2024-03-10 12:00", "Sent", "-50.00", "", "580.00"],
      ["2024-03-10 12:00", "Fee", "", "-1.00", "579.00"],
      ["2024-03-20 12:00", "Received", "20.00", "", "599.00"],
      ["2024-03-31 23:30", "Withdrawal", "-40.00", "", "559.00"],
    ]);
    expect(rows[1]).toMatchObject({ counterparty_account: bruno.accountNumber, counterparty_name: "Bruno Lima" });
    // A reference a spreadsheet would run as a formula is escaped; negative amounts stay numbers.
    expect(rows[0].reference).toBe("'=SUM(A1)");
  });
});

describe("statementPdf", () => {
  it("is a PDF with the owner, the account, the month, both balances and every line", async () => {
    const statement = await march();
    const pdf = await statementPdf(statement);
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const texts = pdfTexts(pdf);
    for (const expected of ["Wallet statement", "Ana Conceição", ana.accountNumber, "BRL", "March 2024 (2024-03)", "530.00 BRL", "559.00 BRL", "Closing balance: 559.00 BRL"]) {
      expect(texts, expected).toContain(expected);
    }
    expect(texts).toEqual(expect.arrayContaining(["2024-03-10 12:00", "-50.00", "-1.00", "580.00", "579.00", "+20.00", "2024-03-31 23:30", "559.00"]));
    expect(texts.join(" ")).toContain(`to ${bruno.accountNumber} (Bruno Lima)`);
    expect(pdfPageCount(pdf)).toBe(1);
  });

  it("breaks a long month over pages, with the column headings on each", async () => {
    const statement = await march();
    const [line] = statement.lines;
    const lines = Array.from({ length: 150 }, (_, index) => ({ ...line, postingId: String(index), balanceAfter: statement.openingBalance + BigInt(index + 1) * line.amount }));
    const long: Statement = { ...statement, lines, closingBalance: lines.at(-1)!.balanceAfter };
    const pdf = await statementPdf(long);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const texts = pdfTexts(pdf);
    expect(texts.filter((text) => text === "Balance")).toHaveLength(pages);
    expect(texts).toContain(`Ledgerwatch · ${ana.accountNumber} · 2024-03 · Page ${pages} of ${pages}`);
    // Every line's balance is on some page: none fell off the bottom of one.
    for (const { balanceAfter } of lines) expect(texts).toContain(formatGroupedMinorUnits(balanceAfter));
  });

  it("writes a character the built-in fonts lack as ?", () => {
    expect(winAnsiText("Zoë “Ana” 李 €5")).toBe("Zoë “Ana” ? €5");
  });
});
