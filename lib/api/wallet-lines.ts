import type postgres from "postgres";
import type { HistoryLine } from "@/lib/ledger/wallets";
import type { Page } from "@/lib/paging";

/**
 * A page of a wallet's lines, newest first, and how many it has: the API's one paging
 * convention (`?page=&size=`). The app's pages keep walletHistory's cursors, which suit filtering.
 */
export async function walletLinesPage(sql: postgres.Sql, walletId: string, page: Page): Promise<{ lines: HistoryLine[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    sql`
      select p.id, p.transfer_id, t.kind, p.purpose, p.amount, p.balance_after, p.created_at, t.reference,
        case when t.from_account_id = ${walletId} then ta.account_number else fa.account_number end as counterparty
      from ledger_postings p
      join ledger_transfers t on t.id = p.transfer_id
      left join ledger_accounts fa on fa.id = t.from_account_id
      left join ledger_accounts ta on ta.id = t.to_account_id
      where p.account_id = ${walletId}
      order by p.id desc limit ${page.size} offset ${page.index * page.size}`,
    sql`select count(*)::int as total from ledger_postings where account_id = ${walletId}`,
  ]);
  const lines = rows.map((row) => ({
    postingId: String(row.id),
    transferId: row.transfer_id,
    kind: row.kind,
    purpose: row.purpose,
    amount: BigInt(row.amount),
    balanceAfter: BigInt(row.balance_after),
    at: new Date(row.created_at),
    counterparty: row.counterparty,
    reference: row.reference,
  }));
  return { lines, total: count.total as number };
}
