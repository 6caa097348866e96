import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import type { Wallet } from "@/lib/ledger/accounts";
import { deposit } from "@/lib/ledger/provider";
import { transfer } from "@/lib/ledger/transfers";
import { addCaseNote, assignCase, closeCase, countOpenCases, getCase, listCases, openCaseFromAnalysis } from "./cases";
import { decideCase } from "./decide";
import { activateRuleVersion, createRule } from "./rules";

const t = setupTestDatabase();
const reviewHours = 48;
const firstPage = { index: 0, size: 25 };
let ana: string;
let bia: string;
let from: Wallet;
let to: Wallet;
let rui: { id: string; label: string; ip: null };
let eva: { id: string; label: string; ip: null };
let sent = 0;

/** A transfer from Ana to Bia that the review rule holds; its case. */
async function heldTransfer(amount = "6000.00") {
  const made = await transfer(t.db, { userId: ana }, { from: from.id, to: to.accountNumber, amount }, `cases-${++sent}`);
  expect(made.status).toBe("pending_review");
  const [row] = await t.db.$client`select id from cases where transfer_id = ${made.id}`;
  return { transferId: made.id, caseId: row.id as string };
}

const auditOf = (caseId: string) => t.db.$client`select action, actor_label, details from audit_events where target_type = 'case' and target_id = ${caseId} order by id`;

beforeAll(async () => {
  [{ id: ana, wallets: [from] }, { id: bia, wallets: [to] }] = await createCustomers(t.db, [
    { name: "Ana Lima", email: "ana@cases.test" },
    { name: "Bia Reis", email: "bia@cases.test" },
  ]);
  const staff = await t.db
    .insert(users)
    .values([
      { name: "Rui Analyst", email: "rui@cases.test", role: "analyst", passwordHash: "x" },
      { name: "Eva Admin", email: "eva@cases.test", role: "admin", passwordHash: "x" },
    ])
    .returning({ id: users.id, email: users.email });
  rui = { id: staff[0].id, label: staff[0].email, ip: null };
  eva = { id: staff[1].id, label: staff[1].email, ip: null };
  await deposit(t.db, { accountNumber: from.accountNumber, amount: "100000.00", currency: "BRL", reference: "pix-ana" }, "cases-d1");
  const { versionId } = await createRule(t.db, rui, { name: "Large", outcome: "review", conditions: [{ type: "amount_at_least", amount: "5000", currency: "BRL" }] });
  await activateRuleVersion(t.db, rui, versionId);
});

describe("the review queue", () => {
  it("lists a held transfer with its people by name, amount and rules, and shows the case with everything to decide it", async () => {
    const { caseId, transferId } = await heldTransfer("6000.00");
    const { rows } = await listCases(t.db, { status: "open", page: firstPage }, reviewHours);
    const row = rows.find((candidate) => candidate.id === caseId)!;
    expect(row).toMatchObject({
      source: "screening",
      status: "open",
      transferId,
      escalated: false,
      sender: { id: ana, name: "Ana Lima", accountNumber: from.accountNumber },
      recipient: { id: bia, name: "Bia Reis", accountNumber: to.accountNumber },
      amount: { amount: 600_000n, currency: "BRL" },
      assignee: null,
      rules: ["Large"],
    });
    expect(row.title).toBe("Transfer held: Large");

    const detail = (await getCase(t.db, caseId, reviewHours))!;
    expect(detail.movement).toMatchObject({ id: transferId, kind: "transfer", status: "pending_review", debited: { amount: 600_000n, currency: "BRL" }, credited: { amount: 600_000n } });
    expect(detail.movement!.screening!.matched).toEqual([expect.objectContaining({ name: "Large", outcome: "review", figures: { amount: "6000.00 BRL", threshold: "5000.00 BRL" } })]);
    expect(detail.sender).toMatchObject({ name: "Ana Lima", email: "ana@cases.test", accountNumber: from.accountNumber, balance: 10_000_000n });
    expect(detail.sender!.available).toBe(10_000_000n - 600_000n - detail.movement!.fee.amount);
    expect(detail.recipient).toMatchObject({ name: "Bia Reis", accountNumber: to.accountNumber, balance: 0n, available: 0n });
    expect(detail.recentMovements[0]).toMatchObject({ id: transferId, direction: "out", status: "pending_review", counterparty: { name: "Bia Reis" } });
    expect(detail.recentMovements.at(-1)).toMatchObject({ kind: "deposit", direction: "in" });
    expect(detail.dueAt.getTime() - detail.openedAt.getTime()).toBe(reviewHours * 3600_000);
    expect(await getCase(t.db, "not-a-case", reviewHours)).toBeNull();
  });

  it("filters by status and assignee and pages", async () => {
    const cases = [await heldTransfer(), await heldTransfer(), await heldTransfer()];
    await assignCase(t.db, rui, cases[0].caseId, eva.id);
    await assignCase(t.db, rui, cases[1].caseId, eva.id);
    const mine = await listCases(t.db, { status: "open", assigneeId: eva.id, page: { index: 0, size: 1 } }, reviewHours);
    expect(mine.total).toBe(2);
    expect(mine.rows.map((row) => row.id)).toEqual([cases[0].caseId]);
    const second = await listCases(t.db, { status: "open", assigneeId: eva.id, page: { index: 1, size: 1 } }, reviewHours);
    expect(second.rows.map((row) => row.id)).toEqual([cases[1].caseId]);
    expect(second.rows[0].assignee).toEqual({ id: eva.id, name: "Eva Admin" });

    await decideCase(t.db, eva, cases[2].caseId, "reject", "Not plausible", 60);
    const rejected = await listCases(t.db, { status: "rejected", page: firstPage }, reviewHours);
    expect(rejected.rows.map((row) => row.id)).toEqual([cases[2].caseId]);
    expect((await listCases(t.db, { status: "open", page: firstPage }, reviewHours)).rows.map((row) => row.id)).not.toContain(cases[2].caseId);
    const all = await listCases(t.db, { page: firstPage }, reviewHours);
    expect(all.total).toBe((await listCases(t.db, { status: "open", page: firstPage }, reviewHours)).total + 1);
    expect(all.rows.at(-1)!.status).toBe("rejected");
    expect((await listCases(t.db, { assigneeId: "nobody", page: firstPage }, reviewHours)).total).toBe(0);
  });

  it("assigns to staff only, and back to nobody, each change audited; a decided case is not reassigned", async () => {
    const { caseId } = await heldTransfer();
    await assignCase(t.db, eva, caseId, rui.id);
    expect((await getCase(t.db, caseId, reviewHours))!.assignee).toEqual({ id: rui.id, name: "Rui Analyst" });
    await expect(assignCase(t.db, eva, caseId, ana)).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "assigneeId" });
    await expect(assignCase(t.db, eva, caseId, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(assignCase(t.db, eva, "00000000-0000-4000-8000-000000000000", rui.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await assignCase(t.db, eva, caseId, null);
    expect((await getCase(t.db, caseId, reviewHours))!.assignee).toBeNull();
    const audit = await auditOf(caseId);
    expect(audit.map((row) => [row.action, row.details.to])).toEqual([
      ["case.opened", undefined],
      ["case.assigned", rui.id],
      ["case.assigned", null],
    ]);
    expect(audit.map((row) => row.actor_label)).toEqual(["screening", "eva@cases.test", "eva@cases.test"]);

    await decideCase(t.db, rui, caseId, "release", "Known customer", 60);
    await expect(assignCase(t.db, eva, caseId, rui.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const detail = (await getCase(t.db, caseId, reviewHours))!;
    expect(detail.status).toBe("released");
    expect(detail.decided).toMatchObject({ by: "Rui Analyst", note: "Known customer" });
    expect(detail.audit.map((event) => [event.action, event.actor])).toEqual([
      ["case.opened", "screening"],
      ["case.assigned", "Eva Admin"],
      ["case.assigned", "Eva Admin"],
      ["case.released", "Rui Analyst"],
    ]);
  });

  it("keeps notes with their authors, audited, and refuses an empty one", async () => {
    const { caseId } = await heldTransfer();
    await addCaseNote(t.db, rui, caseId, "  Called the customer: salary advance.  ");
    await addCaseNote(t.db, eva, caseId, "Payslip received.");
    await expect(addCaseNote(t.db, eva, caseId, "   ")).rejects.toMatchObject({ code: "VALIDATION_FAILED", field: "body", message: "Write the note." });
    const { notes, audit } = (await getCase(t.db, caseId, reviewHours))!;
    expect(notes.map((note) => [note.author, note.body])).toEqual([
      ["Rui Analyst", "Called the customer: salary advance."],
      ["Eva Admin", "Payslip received."],
    ]);
    expect(audit.map((event) => event.action)).toEqual(["case.opened", "case.noted", "case.noted"]);
    expect(audit[1].details.noteId).toBe(notes[0].id);
  });

  it("escalates an open case undecided past the review time, and counts it", async () => {
    const before = await countOpenCases(t.db, reviewHours);
    const late = await heldTransfer();
    const decided = await heldTransfer();
    await t.db.$client`update cases set opened_at = now() - make_interval(hours => ${reviewHours + 1}) where id in (${late.caseId}, ${decided.caseId})`;
    await decideCase(t.db, rui, decided.caseId, "reject", "No", 60);

    const escalated = await listCases(t.db, { escalated: true, page: firstPage }, reviewHours);
    expect(escalated.rows.map((row) => row.id)).toEqual([late.caseId]);
    expect(escalated.rows[0].escalated).toBe(true);
    expect((await listCases(t.db, { escalated: false, status: "open", page: firstPage }, reviewHours)).rows.map((row) => row.id)).not.toContain(late.caseId);
    expect((await getCase(t.db, late.caseId, reviewHours))!.escalated).toBe(true);
    expect((await getCase(t.db, decided.caseId, reviewHours))!.escalated).toBe(false);
    expect(await countOpenCases(t.db, reviewHours)).toEqual({ open: before.open + 1, escalated: before.escalated + 1 });
    // A longer review time brings it back within.
    expect((await countOpenCases(t.db, reviewHours * 2)).escalated).toBe(before.escalated);
  });

  it("opens a case from a suspicious account of the analysis, once while open, and closes it with a note", async () => {
    await t.db.$client`
      insert into account_monthly_totals (month, direction, bank, branch, account, total, count)
      values ('2022-01-01', 'out', '001', '0001', '12345', 900000000000, 7), ('2022-01-01', 'out', '001', '0001', '99999', 100, 1)`;
    await t.db.$client`insert into branch_monthly_totals (month, direction, bank, branch, total, count) values ('2022-01-01', 'in', '001', '0002', 900000000000, 9)`;
    const flagged = { month: "2022-01", kind: "account", direction: "out", bank: "001", branch: "0001", account: "12345" } as const;
    const opened = await openCaseFromAnalysis(t.db, rui, flagged);
    expect(opened.opened).toBe(true);
    expect(await openCaseFromAnalysis(t.db, eva, flagged)).toEqual({ ...opened, opened: false });
    await expect(openCaseFromAnalysis(t.db, rui, { ...flagged, account: "99999" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const branch = await openCaseFromAnalysis(t.db, rui, { month: "2022-01", kind: "branch", direction: "in", bank: "001", branch: "0002" });
    expect(branch.opened).toBe(true);

    const detail = (await getCase(t.db, opened.id, reviewHours))!;
    expect(detail).toMatchObject({ source: "analysis", status: "open", openedBy: "Rui Analyst", movement: null, sender: null, recentMovements: [] });
    expect(detail.subject).toMatchObject({ ...flagged, total: "9,000,000,000.00", count: "7" });
    expect(detail.title).toBe("Suspicious account 001 / 0001 / 12345: BRL 9,000,000,000.00 sent in January 2022");
    const listed = await listCases(t.db, { status: "open", page: { index: 0, size: 100 } }, reviewHours);
    expect(listed.rows.find((row) => row.id === opened.id)).toMatchObject({ source: "analysis", sender: null, amount: null, rules: [] });

    await expect(decideCase(t.db, rui, opened.id, "release", "x", 60)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await closeCase(t.db, eva, opened.id, "Payroll account of a known employer.");
    await expect(closeCase(t.db, eva, opened.id, "Again")).rejects.toMatchObject({ code: "INVALID_STATE" });
    const closed = (await getCase(t.db, opened.id, reviewHours))!;
    expect(closed).toMatchObject({ status: "closed", decided: { by: "Eva Admin", note: "Payroll account of a known employer." } });
    expect(closed.audit.map((event) => event.action)).toEqual(["case.opened", "case.closed"]);
    // Closed, the same row flagged again opens a new case.
    expect((await openCaseFromAnalysis(t.db, rui, flagged)).opened).toBe(true);

    const { caseId } = await heldTransfer();
    await expect(closeCase(t.db, eva, caseId, "Nothing")).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("opens one case for a row two analysts flag at once, and closes it once", async () => {
    await t.db.$client`insert into account_monthly_totals (month, direction, bank, branch, account, total, count) values ('2022-02-01', 'in', '001', '0003', '777', 900000000000, 2)`;
    const flagged = { month: "2022-02", kind: "account", direction: "in", bank: "001", branch: "0003", account: "777" } as const;
    const both = await Promise.all([openCaseFromAnalysis(t.db, rui, flagged), openCaseFromAnalysis(t.db, eva, flagged)]);
    expect(new Set(both.map((opened) => opened.id)).size).toBe(1);
    expect(both.map((opened) => opened.opened).sort()).toEqual([false, true]);
    const closing = await Promise.allSettled([closeCase(t.db, rui, both[0].id, "Mine"), closeCase(t.db, eva, both[0].id, "Mine too")]);
    expect(closing.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await getCase(t.db, both[0].id, reviewHours))!.audit.filter((event) => event.action === "case.closed")).toHaveLength(1);
  });
});
