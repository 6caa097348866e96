import type { Database } from "@/db/client";
import { monthLabel, monthRange, previousMonth } from "@/lib/analysis/month";
import { DomainError } from "@/lib/errors";
import { defaultTimeZone } from "@/lib/time";
import { ownWallet } from "./accounts";
import { lineCounterparty, lineLabel } from "./line-text";
import { walletLinesIn, type HistoryLine } from "./wallets";

/** A wallet's month: the balance it opened and closed with, and every line between, each with the balance after it. */
export type Statement = {
  wallet: { id: string; accountNumber: string; currency: string; ownerName: string };
  /** "YYYY-MM", a calendar month in `timeZone`. */
  month: string;
  timeZone: string;
  /** The month as instants: from `start`, up to but not including `end`. */
  period: { start: Date; end: Date };
  openingBalance: bigint;
  /** Oldest first; a transfer's fee is a line of its own. */
  lines: HistoryLine[];
  /** What came in and went out (fees apart) and the fees, each as a positive amount. */
  totals: { in: bigint; out: bigint; fees: bigint };
  closingBalance: bigint;
};

type WalletMonths = { ownerName: string; opened: string; current: string };

async function walletMonths(db: Database, walletId: string, timeZone: string): Promise<WalletMonths> {
  const [row] = await db.$client`
    select u.name, to_char(a.created_at at time zone ${timeZone}, 'YYYY-MM') as opened, to_char(now() at time zone ${timeZone}, 'YYYY-MM') as current
    from ledger_accounts a join users u on u.id = a.owner_id
    where a.id = ${walletId}`;
  return { ownerName: row.name, opened: row.opened, current: row.current };
}

/**
 * The months a statement can be had for, newest first: from the one the customer's own wallet
 * was opened in to the current one. Another customer's wallet is NOT_FOUND.
 */
export async function statementMonths(db: Database, ownerId: string, walletId: string, timeZone = defaultTimeZone): Promise<string[]> {
  const wallet = await ownWallet(db, ownerId, walletId);
  const { opened, current } = await walletMonths(db, wallet.id, timeZone);
  const months = [current];
  while (months.at(-1)! > opened) months.push(previousMonth(months.at(-1)!));
  return months;
}

/**
 * The statement of the customer's own wallet for `month` ("YYYY-MM") in `timeZone`. Another
 * customer's wallet is NOT_FOUND; a month before the wallet was opened or not yet begun is
 * VALIDATION_FAILED on the field `month`.
 */
export async function walletStatement(
  db: Database,
  input: { ownerId: string; walletId: string; month: string; timeZone?: string },
): Promise<Statement> {
  const timeZone = input.timeZone ?? defaultTimeZone;
  const wallet = await ownWallet(db, input.ownerId, input.walletId);
  const { ownerName, opened, current } = await walletMonths(db, wallet.id, timeZone);
  const refuse = (message: string) => new DomainError("VALIDATION_FAILED", message, "month", { month: [message] });
  if (input.month < opened) throw refuse(`This wallet was opened in ${monthLabel(opened)}: choose that month or a later one.`);
  if (input.month > current) throw refuse(`${monthLabel(input.month)} hasn't begun: choose ${monthLabel(current)} or an earlier month.`);

  const { start, end } = monthRange(input.month);
  // The month's first and last local midnights as instants, by PostgreSQL's time zone rules.
  const [bounds] = await db.$client`
    with period as (select ${start}::timestamp at time zone ${timeZone} as starts_at, ${end}::timestamp at time zone ${timeZone} as ends_at)
    select starts_at, ends_at,
      (select p.balance_after from ledger_postings p where p.account_id = ${wallet.id} and p.created_at < starts_at order by p.id desc limit 1) as opening
    from period`;
  const period = { start: new Date(bounds.starts_at), end: new Date(bounds.ends_at) };
  const openingBalance = bounds.opening === null ? 0n : BigInt(bounds.opening);
  const lines = await walletLinesIn(db, wallet.id, period);

  const totals = { in: 0n, out: 0n, fees: 0n };
  for (const line of lines) {
    if (line.purpose === "fee") totals.fees -= line.amount;
    else if (line.amount > 0n) totals.in += line.amount;
    else totals.out -= line.amount;
  }
  return {
    wallet: { id: wallet.id, accountNumber: wallet.accountNumber, currency: wallet.currency, ownerName },
    month: input.month,
    timeZone,
    period,
    openingBalance,
    lines,
    totals,
    closingBalance: lines.at(-1)?.balanceAfter ?? openingBalance,
  };
}

/** A line as a statement describes it: "Sent · to 1234567890 (Bruno Lima)", "Fee · Ledgerwatch fee". */
export function statementDescription(line: HistoryLine): string {
  const counterparty = lineCounterparty(line);
  return counterparty ? `${lineLabel(line)} · ${counterparty}` : lineLabel(line);
}

/** The file name a statement downloads as: `ledgerwatch-1234567890-2024-03.pdf`. */
export function statementFileName(statement: Statement, extension: "csv" | "pdf"): string {
  return `ledgerwatch-${statement.wallet.accountNumber}-${statement.month}.${extension}`;
}
