import type { Database } from "@/db/client";
import { heldByHold, holdsMoney } from "./available";

export type PendingWithdrawal = { id: string; walletId: string; accountNumber: string; amount: bigint; currency: string; requestedAt: Date; expiresAt: Date };

/** The customer's withdrawals still holding money: pending, and their hold not lapsed (those held for review show in the history). */
export async function pendingWithdrawals(db: Database, ownerId: string): Promise<PendingWithdrawal[]> {
  const sql = db.$client;
  const rows = await sql`
    select t.id, t.from_account_id, a.account_number, ${heldByHold(sql)} as held, t.debit_currency, t.created_at, t.expires_at
    from ledger_transfers t join ledger_accounts a on a.id = t.from_account_id
    where a.owner_id = ${ownerId} and a.kind = 'wallet' and t.kind = 'withdrawal' and t.status = 'pending' and ${holdsMoney(sql)}
    order by t.created_at desc`;
  return rows.map((row) => ({
    id: row.id,
    walletId: row.from_account_id,
    accountNumber: row.account_number,
    amount: BigInt(row.held),
    currency: row.debit_currency,
    requestedAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  }));
}
