import { sql as drizzleSql } from "drizzle-orm";
import type postgres from "postgres";
import type { Database } from "@/db/client";
import { recordAudit, type Actor } from "@/lib/audit";
import { DomainError } from "@/lib/errors";
import { findWallet } from "./accounts";
import type { Page } from "@/lib/paging";

/** Staff freeze a wallet (it can't send or withdraw; it still receives) or unfreeze it. */
export async function setWalletFrozen(db: Database, actor: Actor & { id: string }, walletId: string, frozen: boolean) {
  const wallet = await findWallet(db, walletId);
  if (!wallet) throw new DomainError("NOT_FOUND", "No such wallet.");
  await db.transaction(async (tx) => {
    await tx.execute(
      frozen
        ? drizzleSql`update ledger_accounts set frozen_at = coalesce(frozen_at, now()) where id = ${walletId}`
        : drizzleSql`update ledger_accounts set frozen_at = null where id = ${walletId}`,
    );
    await recordAudit(tx, {
      actor,
      action: frozen ? "wallet.frozen" : "wallet.unfrozen",
      targetType: "wallet",
      targetId: walletId,
      details: { accountNumber: wallet.accountNumber },
    });
  });
}


export type HistoryLine = {
  postingId: string;
  transferId: string;
  kind: string;
  purpose: "principal" | "fee";
  amount: bigint;
  balanceAfter: bigint;
  at: Date;
  /** The other wallet's account number, and its owner's name: none for a deposit or a withdrawal. */
  counterparty: string | null;
  counterpartyName: string | null;
  reference: string | null;
};

/** What a history line is: a fee is its own kind, whatever movement it was charged on. */
export const historyKinds = ["deposit", "transfer", "withdrawal", "fee"] as const;
export type HistoryKind = (typeof historyKinds)[number];

export type HistoryOptions = {
  limit: number;
  /** Cursors (posting ids): lines older than `before`, or newer than `after`. */
  before?: string;
  after?: string;
  kind?: HistoryKind;
  /** Money in (credits) or out (debits). */
  direction?: "in" | "out";
  /** Lines at or after `since` and before `until`. */
  since?: Date;
  until?: Date;
};

const postingId = /^\d{1,19}$/;

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** The one query for a wallet's lines: `where` picks the wallet's postings `p` (and transfers `t`), `rest` orders and limits. */
async function historyLines(sql: postgres.Sql, walletId: string, where: Fragment, rest: Fragment): Promise<HistoryLine[]> {
  const rows = await sql`
    select p.id, p.transfer_id, t.kind, p.purpose, p.amount, p.balance_after, p.created_at, t.reference,
      case when t.from_account_id = ${walletId} then ta.account_number else fa.account_number end as counterparty,
      case when t.from_account_id = ${walletId} then tu.name else fu.name end as counterparty_name
    from ledger_postings p
    join ledger_transfers t on t.id = p.transfer_id
    left join ledger_accounts fa on fa.id = t.from_account_id
    left join ledger_accounts ta on ta.id = t.to_account_id
    left join users fu on fu.id = fa.owner_id
    left join users tu on tu.id = ta.owner_id
    where ${where}
    ${rest}`;
  return rows.map((row) => ({
    postingId: String(row.id),
    transferId: row.transfer_id,
    kind: row.kind,
    purpose: row.purpose,
    amount: BigInt(row.amount),
    balanceAfter: BigInt(row.balance_after),
    at: new Date(row.created_at),
    counterparty: row.counterparty,
    counterpartyName: row.counterparty_name,
    reference: row.reference,
  }));
}

/**
 * A page of a wallet's lines, newest first, and how many it has: the API's one paging
 * convention (`?page=&size=`). The app's pages keep walletHistory's cursors, which suit filtering.
 */
export async function walletLinesPage(db: Database, walletId: string, page: Page): Promise<{ lines: HistoryLine[]; total: number }> {
  const sql = db.$client;
  const [lines, [count]] = await Promise.all([
    historyLines(sql, walletId, sql`p.account_id = ${walletId}`, sql`order by p.id desc limit ${page.size} offset ${page.index * page.size}`),
    sql`select count(*)::int as total from ledger_postings where account_id = ${walletId}`,
  ]);
  return { lines, total: count.total as number };
}

/** Every line of a wallet made at or after `start` and before `end`, oldest first: a statement's lines. */
export async function walletLinesIn(db: Database, walletId: string, period: { start: Date; end: Date }): Promise<HistoryLine[]> {
  const sql = db.$client;
  return historyLines(
    sql,
    walletId,
    sql`p.account_id = ${walletId} and p.created_at >= ${period.start.toISOString()} and p.created_at < ${period.end.toISOString()}`,
    sql`order by p.id`,
  );
}

/**
 * A wallet's lines, newest first, with the balance after each, filtered in SQL. `next` is the
 * cursor for older lines (pass it as `before`), `newer` the one for newer lines (as `after`).
 */
export async function walletHistory(
  db: Database,
  walletId: string,
  options: HistoryOptions,
): Promise<{ lines: HistoryLine[]; next: string | null; newer: string | null; span: HistorySpan | null }> {
  const sql = db.$client;
  const before = options.before && postingId.test(options.before) ? options.before : undefined;
  const after = !before && options.after && postingId.test(options.after) ? options.after : undefined;
  const kind = options.kind;
  const matching = sql`
    p.account_id = ${walletId}
    ${kind === "fee" ? sql`and p.purpose = 'fee'` : kind ? sql`and p.purpose = 'principal' and t.kind = ${kind}` : sql``}
    ${options.direction === "in" ? sql`and p.amount > 0` : options.direction === "out" ? sql`and p.amount < 0` : sql``}
    ${options.since ? sql`and p.created_at >= ${options.since.toISOString()}` : sql``}
    ${options.until ? sql`and p.created_at < ${options.until.toISOString()}` : sql``}`;
  const rows = await historyLines(
    sql,
    walletId,
    sql`${matching} ${before ? sql`and p.id < ${before}` : after ? sql`and p.id > ${after}` : sql``}`,
    sql`order by p.id ${after ? sql`asc` : sql`desc`} limit ${options.limit + 1}`,
  );
  const more = rows.length > options.limit;
  const lines = rows.slice(0, options.limit);
  if (after) lines.reverse();
  if (lines.length === 0) return { lines, next: null, newer: null, span: before || after ? null : {} };
  const newest = lines[0].postingId;
  const oldest = lines.at(-1)!.postingId;
  // The cursor we came from says there is more that way only if a line there still matches.
  const exists = async (beyond: postgres.PendingQuery<postgres.Row[]>) => {
    const [row] = await sql`
      select exists(select 1 from ledger_postings p join ledger_transfers t on t.id = p.transfer_id where ${matching} and ${beyond}) as found`;
    return row.found as boolean;
  };
  const hasOlder = after ? await exists(sql`p.id < ${oldest}`) : more;
  const hasNewer = after ? more : before ? await exists(sql`p.id > ${newest}`) : false;
  // The page covers from its oldest line's time up to the next newer line's, so that the
  // movements without lines (unpostedMovements) each fall on exactly one page.
  const [newerLine] = hasNewer
    ? await sql`select p.created_at from ledger_postings p join ledger_transfers t on t.id = p.transfer_id where ${matching} and p.id > ${newest} order by p.id limit 1`
    : [];
  const span = { from: hasOlder ? lines.at(-1)!.at : undefined, until: newerLine ? new Date(newerLine.created_at) : undefined };
  return { lines, next: hasOlder ? oldest : null, newer: hasNewer ? newest : null, span };
}

/** The time a page of history covers: from (inclusive) and until (exclusive), open where left out. */
export type HistorySpan = { from?: Date; until?: Date };

/** A movement out of a wallet that never made a line: held for review, rejected after it, or blocked. */
export type UnpostedMovement = {
  transferId: string;
  kind: "transfer" | "withdrawal";
  status: "pending_review" | "rejected" | "blocked";
  /** What it would have debited, fee apart, and the fee. */
  amount: bigint;
  fee: bigint;
  at: Date;
  counterparty: string | null;
  counterpartyName: string | null;
};

/**
 * The wallet's movements that made no line, in a page's span and under its filters, newest first.
 * Only the sender has them: a recipient sees nothing of a transfer that never reached them.
 */
export async function unpostedMovements(
  db: Database,
  walletId: string,
  span: HistorySpan | null,
  filter: Pick<HistoryOptions, "kind" | "direction" | "since" | "until">,
): Promise<UnpostedMovement[]> {
  if (!span || filter.direction === "in" || filter.kind === "fee" || filter.kind === "deposit") return [];
  const sql = db.$client;
  const latest = (a?: Date, b?: Date) => (a && b ? (a > b ? a : b) : (a ?? b));
  const earliest = (a?: Date, b?: Date) => (a && b ? (a < b ? a : b) : (a ?? b));
  const from = latest(span.from, filter.since);
  const until = earliest(span.until, filter.until);
  const rows = await sql`
    select t.id, t.kind, t.status, t.debit_amount, t.fee_amount, t.created_at, ta.account_number, tu.name
    from ledger_transfers t
    left join ledger_accounts ta on ta.id = t.to_account_id and ta.kind = 'wallet'
    left join users tu on tu.id = ta.owner_id
    where t.from_account_id = ${walletId} and t.status::text in ('pending_review', 'rejected', 'blocked')
      ${filter.kind ? sql`and t.kind = ${filter.kind}` : sql``}
      ${from ? sql`and t.created_at >= ${from.toISOString()}` : sql``}
      ${until ? sql`and t.created_at < ${until.toISOString()}` : sql``}
    order by t.created_at desc, t.id desc`;
  return rows.map((row) => ({
    transferId: row.id,
    kind: row.kind,
    status: row.status,
    amount: BigInt(row.debit_amount),
    fee: BigInt(row.fee_amount),
    at: new Date(row.created_at),
    counterparty: row.account_number,
    counterpartyName: row.name,
  }));
}
