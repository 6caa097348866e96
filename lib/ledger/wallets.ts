import { sql as drizzleSql } from "drizzle-orm";
import type postgres from "postgres";
import type { Database } from "@/db/client";
import { recordAudit, type Actor } from "@/lib/audit";
import { DomainError } from "@/lib/errors";
import { findWallet } from "./accounts";

/** Staff freeze a wallet (it can't send or withdraw; it still receives) or unfreeze it. */
export async function setWalletFrozen(db: Database, actor: Actor & { id: string }, walletId: string, frozen: boolean) {
  const wallet = await findWallet(db.$client, walletId);
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
  counterparty: string | null;
  reference: string | null;
};

/** A wallet's lines, newest first, with the balance after each: `before` is the cursor (a posting id). */
export async function walletHistory(sql: postgres.Sql, walletId: string, options: { before?: string; limit: number }): Promise<{ lines: HistoryLine[]; next: string | null }> {
  const rows = await sql`
    select p.id, p.transfer_id, t.kind, p.purpose, p.amount, p.balance_after, p.created_at, t.reference,
      case when t.from_account_id = ${walletId} then ta.account_number else fa.account_number end as counterparty
    from ledger_postings p
    join ledger_transfers t on t.id = p.transfer_id
    left join ledger_accounts fa on fa.id = t.from_account_id
    left join ledger_accounts ta on ta.id = t.to_account_id
    where p.account_id = ${walletId} ${options.before ? sql`and p.id < ${options.before}` : sql``}
    order by p.id desc limit ${options.limit + 1}`;
  const lines = rows.slice(0, options.limit).map((row) => ({
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
  return { lines, next: rows.length > options.limit ? lines.at(-1)!.postingId : null };
}
