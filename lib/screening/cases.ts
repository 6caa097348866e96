import { z } from "zod";
import type { Database } from "@/db/client";
import type { caseSource, CaseStatus, LedgerTransferKind, LedgerTransferStatus } from "@/db/schema";
import { applyPendingTotals } from "@/lib/analysis/rollups";
import { currentThresholds } from "@/lib/analysis/thresholds";
import { monthLabel, monthSchema } from "@/lib/analysis/month";
import { auditOn, type Actor } from "@/lib/audit";
import { staffRoles } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { heldFrom } from "@/lib/ledger/available";
import type { Queryable } from "@/lib/ledger/db";
import { inTransaction } from "@/lib/ledger/transaction";
import { formatGroupedMinorUnits } from "@/lib/money";
import type { Page } from "@/lib/paging";
import type { Decision } from "./engine";

// The review queue: a case for each movement screening held (opened by the ledger's write,
// lib/ledger/post.ts) and for each row of a month's analysis an analyst flags. Staff assign
// cases, note them, and decide them: a held movement through decide.ts, an analysis case by
// closing it. Every change is in the audit log, written in the change's transaction.

type Staff = Actor & { id: string };
type CaseSource = (typeof caseSource.enumValues)[number];

export type Person = { id: string; name: string; accountNumber: string };
export type Money = { amount: bigint; currency: string };

export type CaseFilter = {
  status?: CaseStatus;
  assigneeId?: string;
  /** Only the open cases older than the review time (or, false, only those within it). */
  escalated?: boolean;
  page: Page;
};

export type CaseRow = {
  id: string;
  number: number;
  title: string;
  source: CaseSource;
  status: CaseStatus;
  /** The movement held, for a case screening opened. */
  transferId: string | null;
  openedAt: Date;
  /** Open longer than REVIEW_HOURS. */
  escalated: boolean;
  sender: Person | null;
  recipient: Person | null;
  amount: Money | null;
  assignee: { id: string; name: string } | null;
  /** The names of the rules the movement matched. */
  rules: string[];
};

const escalation = (sql: Queryable, reviewHours: number) =>
  sql`(c.status = 'open' and c.opened_at < now() - make_interval(hours => ${reviewHours}))`;

const person = (id: string | null, name: string | null, accountNumber: string | null): Person | null =>
  id && name && accountNumber ? { id, name, accountNumber } : null;

/** The queue, a page at a time: open cases oldest first (the longest waiting on top), then decided ones newest first. */
export async function listCases(db: Database, filter: CaseFilter, reviewHours: number): Promise<{ rows: CaseRow[]; total: number }> {
  const sql = db.$client;
  if (filter.assigneeId !== undefined && !isUuid(filter.assigneeId)) return { rows: [], total: 0 };
  const conditions = [
    filter.status ? sql`c.status = ${filter.status}` : null,
    filter.assigneeId ? sql`c.assignee_id = ${filter.assigneeId}` : null,
    filter.escalated === undefined ? null : filter.escalated ? escalation(sql, reviewHours) : sql`not ${escalation(sql, reviewHours)}`,
  ].filter((condition) => condition !== null);
  const where = conditions.length ? conditions.reduce((all, condition) => sql`${all} and ${condition}`) : sql`true`;
  const [rows, [{ total }]] = await Promise.all([
    sql`
      select c.id, c.number, c.title, c.source, c.status, c.transfer_id, c.opened_at, ${escalation(sql, reviewHours)} as escalated,
        su.id as sender_id, su.name as sender_name, fa.account_number as sender_account,
        ru.id as recipient_id, ru.name as recipient_name, ta.account_number as recipient_account,
        t.debit_amount, t.debit_currency, au.id as assignee_id, au.name as assignee_name,
        coalesce((select array_agg(m->>'name') from jsonb_array_elements(t.screening->'matched') m), '{}') as rules
      from cases c
      left join ledger_transfers t on t.id = c.transfer_id
      left join ledger_accounts fa on fa.id = t.from_account_id and fa.kind = 'wallet'
      left join users su on su.id = fa.owner_id
      left join ledger_accounts ta on ta.id = t.to_account_id and ta.kind = 'wallet'
      left join users ru on ru.id = ta.owner_id
      left join users au on au.id = c.assignee_id
      where ${where}
      order by c.status = 'open' desc, case when c.status = 'open' then c.number end, c.number desc
      limit ${filter.page.size} offset ${filter.page.index * filter.page.size}`,
    sql`select count(*)::int as total from cases c where ${where}`,
  ]);
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      number: row.number,
      title: row.title,
      source: row.source,
      status: row.status,
      transferId: row.transfer_id,
      openedAt: new Date(row.opened_at),
      escalated: row.escalated,
      sender: person(row.sender_id, row.sender_name, row.sender_account),
      recipient: person(row.recipient_id, row.recipient_name, row.recipient_account),
      amount: row.debit_amount === null ? null : { amount: BigInt(row.debit_amount), currency: row.debit_currency },
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
      rules: row.rules,
    })),
  };
}

/** The open cases and, of them, those older than the review time: the dashboard's figures. */
export async function countOpenCases(db: Database, reviewHours: number): Promise<{ open: number; escalated: number }> {
  const sql = db.$client;
  const [row] = await sql`
    select count(*)::int as open, (count(*) filter (where ${escalation(sql, reviewHours)}))::int as escalated from cases c where c.status = 'open'`;
  return { open: row.open, escalated: row.escalated };
}

export type Profile = Person & { email: string; currency: string; walletId: string; walletOpenedAt: Date; balance: bigint; available: bigint };

export type RecentMovement = {
  id: string;
  kind: LedgerTransferKind;
  status: LedgerTransferStatus;
  at: Date;
  /** Money out of the sender's wallet, or into it. */
  direction: "out" | "in";
  amount: Money;
  counterparty: { accountNumber: string; name: string } | null;
};

export type CaseNote = { id: number; body: string; at: Date; author: string };
/** `actor` by name (the label the audit log kept, for one no longer a user). */
export type CaseEvent = { id: number; at: Date; action: string; actor: string; details: Record<string, unknown> };

export type CaseDetail = Omit<CaseRow, "transferId" | "sender" | "recipient" | "amount" | "rules"> & {
  subject: Record<string, string> | null;
  openedBy: string | null;
  dueAt: Date;
  decided: { by: string | null; at: Date; note: string | null } | null;
  movement: {
    id: string;
    kind: LedgerTransferKind;
    status: LedgerTransferStatus;
    at: Date;
    debited: Money;
    credited: Money;
    fee: Money;
    /** As quoted when it was held: the units of `quote` one unit of `base` buys. */
    rate: { base: string; quote: string; value: string } | null;
    screening: Decision | null;
  } | null;
  sender: Profile | null;
  recipient: Profile | null;
  recentMovements: RecentMovement[];
  notes: CaseNote[];
  audit: CaseEvent[];
};

const recentLength = 10;

async function profile(sql: Queryable, walletId: string | null): Promise<Profile | null> {
  if (!walletId) return null;
  const [row] = await sql`
    select u.id, u.name, u.email, a.id as wallet_id, a.account_number, a.currency, a.created_at, a.balance,
      a.balance - ${heldFrom(sql, sql`a.id`)} as available
    from ledger_accounts a join users u on u.id = a.owner_id where a.id = ${walletId} and a.kind = 'wallet'`;
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    accountNumber: row.account_number,
    currency: row.currency,
    walletId: row.wallet_id,
    walletOpenedAt: new Date(row.created_at),
    balance: BigInt(row.balance),
    available: BigInt(row.available),
  };
}

async function recentMovements(sql: Queryable, walletId: string | null): Promise<RecentMovement[]> {
  if (!walletId) return [];
  const rows = await sql`
    select t.id, t.kind, t.status, t.created_at, t.from_account_id = ${walletId} as outgoing,
      case when t.from_account_id = ${walletId} then t.debit_amount else t.credit_amount end as amount,
      case when t.from_account_id = ${walletId} then t.debit_currency else t.credit_currency end as currency,
      o.account_number as other_account, ou.name as other_name
    from ledger_transfers t
    left join ledger_accounts o on o.id = case when t.from_account_id = ${walletId} then t.to_account_id else t.from_account_id end and o.kind = 'wallet'
    left join users ou on ou.id = o.owner_id
    where t.from_account_id = ${walletId} or t.to_account_id = ${walletId}
    order by t.created_at desc, t.id desc limit ${recentLength}`;
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    at: new Date(row.created_at),
    direction: row.outgoing ? "out" : "in",
    amount: { amount: BigInt(row.amount), currency: row.currency },
    counterparty: row.other_account ? { accountNumber: row.other_account, name: row.other_name } : null,
  }));
}

/** A case with everything staff weigh to decide it; null when there is none. */
export async function getCase(db: Database, id: string, reviewHours: number): Promise<CaseDetail | null> {
  const sql = db.$client;
  if (!isUuid(id)) return null;
  const [row] = await sql`
    select c.*, ${escalation(sql, reviewHours)} as escalated, c.opened_at + make_interval(hours => ${reviewHours}) as due_at,
      opener.name as opened_by_name, decider.name as decided_by_name, assignee.name as assignee_name,
      t.kind, t.status as transfer_status, t.created_at as transfer_at, t.from_account_id, t.to_account_id, t.debit_amount, t.debit_currency,
      t.credit_amount, t.credit_currency, t.fee_amount, t.rate::text as rate, t.rate_base, t.screening
    from cases c
    left join ledger_transfers t on t.id = c.transfer_id
    left join users opener on opener.id = c.opened_by
    left join users decider on decider.id = c.decided_by
    left join users assignee on assignee.id = c.assignee_id
    where c.id = ${id}`;
  if (!row) return null;
  const toWallet = row.kind === "transfer" ? row.to_account_id : null;
  const [sender, recipient, recent, notes, audit] = await Promise.all([
    profile(sql, row.from_account_id),
    profile(sql, toWallet),
    recentMovements(sql, row.from_account_id),
    sql`select n.id, n.body, n.created_at, u.name from case_notes n join users u on u.id = n.author_id where n.case_id = ${id} order by n.id`,
    sql`
      select e.id, e.at, e.action, coalesce(u.name, e.actor_label) as actor, e.details
      from audit_events e left join users u on u.id = e.actor_id
      where e.target_type = 'case' and e.target_id = ${id} order by e.at, e.id`,
  ]);
  const rateQuote = row.rate_base === row.debit_currency ? row.credit_currency : row.debit_currency;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    source: row.source,
    status: row.status,
    subject: row.subject,
    openedAt: new Date(row.opened_at),
    openedBy: row.opened_by_name,
    escalated: row.escalated,
    dueAt: new Date(row.due_at),
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
    decided: row.decided_at ? { by: row.decided_by_name, at: new Date(row.decided_at), note: row.decision_note } : null,
    movement: row.transfer_id
      ? {
          id: row.transfer_id,
          kind: row.kind,
          status: row.transfer_status,
          at: new Date(row.transfer_at),
          debited: { amount: BigInt(row.debit_amount), currency: row.debit_currency },
          credited: { amount: BigInt(row.credit_amount), currency: row.credit_currency },
          fee: { amount: BigInt(row.fee_amount), currency: row.debit_currency },
          rate: row.rate ? { base: row.rate_base, quote: rateQuote, value: row.rate } : null,
          screening: row.screening,
        }
      : null,
    sender,
    recipient,
    recentMovements: recent,
    notes: notes.map((note) => ({ id: Number(note.id), body: note.body, at: new Date(note.created_at), author: note.name })),
    audit: audit.map((event) => ({ id: Number(event.id), at: new Date(event.at), action: event.action, actor: event.actor, details: event.details })),
  };
}

/** Locks the case for a change; a case that doesn't exist is NOT_FOUND. */
async function lockCase(tx: Queryable, id: string) {
  if (!isUuid(id)) throw new DomainError("NOT_FOUND", "No such case.");
  const [row] = await tx`select id, number, status, source, transfer_id, assignee_id from cases where id = ${id} for update`;
  if (!row) throw new DomainError("NOT_FOUND", "No such case.");
  return row;
}

/** Gives an open case to a staff member (an admin or analyst), or to nobody (`assigneeId` null). */
export async function assignCase(db: Database, actor: Staff, caseId: string, assigneeId: string | null): Promise<void> {
  await inTransaction(db.$client, async (tx) => {
    const found = await lockCase(tx, caseId);
    if (found.status !== "open") throw new DomainError("INVALID_STATE", `This case is already ${found.status}.`);
    let assignee: { id: string; name: string } | null = null;
    if (assigneeId !== null) {
      const [user] = isUuid(assigneeId) ? await tx`select id, name, role from users where id = ${assigneeId} and deleted_at is null` : [];
      if (!user || !staffRoles.includes(user.role)) throw new DomainError("VALIDATION_FAILED", "Assign the case to an admin or an analyst.", "assigneeId");
      assignee = { id: user.id, name: user.name };
    }
    if ((found.assignee_id ?? null) === (assignee?.id ?? null)) return;
    await tx`update cases set assignee_id = ${assignee?.id ?? null} where id = ${caseId}`;
    await auditOn(tx, db, {
      actor,
      action: "case.assigned",
      targetType: "case",
      targetId: caseId,
      details: { number: found.number, from: found.assignee_id, to: assignee?.id ?? null, toName: assignee?.name ?? null },
    });
  });
}

export const noteSchema = z.string().trim().min(1, "Write the note.").max(2000, "At most 2,000 characters.");

/** A note as stored, or VALIDATION_FAILED on `field` with what is wrong with it. */
function parseNote(text: string, field: string): string {
  const parsed = noteSchema.safeParse(text);
  if (!parsed.success) throw new DomainError("VALIDATION_FAILED", parsed.error.issues[0].message, field);
  return parsed.data;
}

/** A note on a case, by its author, decided or not: what was found out stays with the case. */
export async function addCaseNote(db: Database, actor: Staff, caseId: string, body: string): Promise<CaseNote> {
  const text = parseNote(body, "body");
  return inTransaction(db.$client, async (tx) => {
    const found = await lockCase(tx, caseId);
    const [note] = await tx`insert into case_notes (case_id, author_id, body) values (${caseId}, ${actor.id}, ${text}) returning id, created_at`;
    await auditOn(tx, db, { actor, action: "case.noted", targetType: "case", targetId: caseId, details: { number: found.number, noteId: Number(note.id) } });
    const [author] = await tx`select name from users where id = ${actor.id}`;
    return { id: Number(note.id), body: text, at: new Date(note.created_at), author: author?.name ?? actor.label };
  });
}

export const analysisCaseInputSchema = z.object({
  month: monthSchema,
  kind: z.enum(["account", "branch"]),
  direction: z.enum(["in", "out"]),
  bank: z.string().trim().min(1).max(20),
  branch: z.string().trim().min(1).max(20),
  account: z.string().trim().min(1).max(40).optional(),
});
export type AnalysisCaseInput = z.input<typeof analysisCaseInputSchema>;

/**
 * An analyst turns a suspicious account or branch of a month's analysis into a case. The figures
 * are read again here, so the case records what the analysis shows, and only a row at or above
 * its threshold becomes a case. The same row flagged again while its case is open answers that case.
 */
export async function openCaseFromAnalysis(
  db: Database,
  actor: Staff,
  input: AnalysisCaseInput,
): Promise<{ id: string; number: number; opened: boolean }> {
  const row = analysisCaseInputSchema.parse(input);
  if (row.kind === "account" && !row.account) throw new DomainError("VALIDATION_FAILED", "Name the account.", "account");
  await applyPendingTotals(db, row.month);
  const thresholds = await currentThresholds(db);
  return inTransaction(db.$client, async (tx) => {
    const [totals] =
      row.kind === "account"
        ? await tx`
            select total::text, count from account_monthly_totals
            where month = ${`${row.month}-01`} and direction = ${row.direction} and bank = ${row.bank} and branch = ${row.branch} and account = ${row.account!}`
        : await tx`
            select total::text, count from branch_monthly_totals
            where month = ${`${row.month}-01`} and direction = ${row.direction} and bank = ${row.bank} and branch = ${row.branch}`;
    const threshold = row.kind === "account" ? thresholds.account : thresholds.branch;
    if (!totals || BigInt(totals.total) < threshold) throw new DomainError("NOT_FOUND", `No suspicious ${row.kind} like this in ${monthLabel(row.month)}.`);
    const where = [row.bank, row.branch, ...(row.kind === "account" ? [row.account!] : [])].join(" / ");
    const flagged = { month: row.month, kind: row.kind, direction: row.direction, bank: row.bank, branch: row.branch, ...(row.kind === "account" ? { account: row.account! } : {}) };
    // One open case per flagged row: two analysts flagging it at once get the same case.
    await tx`select pg_advisory_xact_lock(hashtext('cases:analysis'))`;
    const [existing] = await tx`select id, number from cases where source = 'analysis' and status = 'open' and subject @> ${JSON.stringify(flagged)}::jsonb`;
    if (existing) return { id: existing.id, number: existing.number, opened: false };
    const subject = {
      ...flagged,
      total: formatGroupedMinorUnits(BigInt(totals.total)),
      count: String(totals.count),
      threshold: formatGroupedMinorUnits(threshold),
      thresholdsVersion: String(thresholds.version),
    };
    const title = `Suspicious ${row.kind} ${where}: BRL ${subject.total} ${row.direction === "out" ? "sent" : "received"} in ${monthLabel(row.month)}`;
    const [created] = await tx`
      insert into cases (source, subject, title, opened_by) values ('analysis', ${JSON.stringify(subject)}::jsonb, ${title}, ${actor.id}) returning id, number`;
    await auditOn(tx, db, { actor, action: "case.opened", targetType: "case", targetId: created.id, details: { number: created.number, source: "analysis", ...subject } });
    return { id: created.id, number: created.number, opened: true };
  });
}

/** Closes an open case that holds no movement (one from the analysis), with a note of what was found. */
export async function closeCase(db: Database, actor: Staff, caseId: string, note: string): Promise<void> {
  const text = parseNote(note, "note");
  await inTransaction(db.$client, async (tx) => {
    const found = await lockCase(tx, caseId);
    if (found.status !== "open") throw new DomainError("INVALID_STATE", `This case is already ${found.status}.`);
    if (found.transfer_id) throw new DomainError("INVALID_STATE", "This case holds a movement: release or reject it.");
    await tx`update cases set status = 'closed', decided_by = ${actor.id}, decided_at = now(), decision_note = ${text} where id = ${caseId}`;
    await auditOn(tx, db, { actor, action: "case.closed", targetType: "case", targetId: caseId, details: { number: found.number, note: text } });
  });
}

/** The staff a case can be given to: admins and analysts, by name. */
export async function caseAssignees(db: Database): Promise<{ id: string; name: string; role: string }[]> {
  const rows = await db.$client`select id, name, role from users where role in ('admin', 'analyst') and deleted_at is null order by name, id`;
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role }));
}
