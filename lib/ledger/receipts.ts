import type { Database } from "@/db/client";
import { isUuid } from "@/lib/ids";
import type { LedgerTransferKind, LedgerTransferStatus } from "@/db/schema";

type Side = { accountNumber: string; currency: string; amount: bigint };

export type Receipt = {
  id: string;
  kind: LedgerTransferKind;
  status: LedgerTransferStatus;
  createdAt: Date;
  completedAt: Date | null;
  /** Which party the customer asking is: the sender sees the fee, the recipient only what arrived. */
  viewer: "sender" | "recipient";
  /** The wallet money left (none for a deposit), with what it was debited, fee apart. */
  from: Side | null;
  /** The wallet money reached (none for a withdrawal), with what it was credited. */
  to: Side | null;
  fee: { amount: bigint; currency: string };
  rate: { base: string; value: string; source: string; at: Date } | null;
  reference: string | null;
  /** A pending withdrawal's hold lapses at this time. */
  expiresAt: Date | null;
};


/**
 * A movement as its receipt shows it, for a customer who is a party to it (owns the wallet it
 * left or the one it reached); null for anyone else, as for a movement that doesn't exist. A
 * recipient sees nothing of a transfer screening held or refused: no money reached them.
 */
export async function findReceipt(db: Database, customerId: string, transferId: string): Promise<Receipt | null> {
  const sql = db.$client;
  if (!isUuid(transferId)) return null;
  const [row] = await sql`
    select t.id, t.kind, t.status, t.created_at, t.completed_at, t.debit_amount, t.debit_currency, t.credit_amount,
      t.credit_currency, t.fee_amount, t.rate::text as rate, t.rate_base, t.rate_source, t.rate_at, t.reference, t.expires_at,
      fa.account_number as from_number, fa.owner_id as from_owner, ta.account_number as to_number, ta.owner_id as to_owner
    from ledger_transfers t
    left join ledger_accounts fa on fa.id = t.from_account_id and fa.kind = 'wallet'
    left join ledger_accounts ta on ta.id = t.to_account_id and ta.kind = 'wallet'
    where t.id = ${transferId} and (fa.owner_id = ${customerId} or (ta.owner_id = ${customerId} and t.status::text not in ('pending_review', 'blocked', 'rejected')))`;
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at ? new Date(row.completed_at) : null,
    viewer: row.from_owner === customerId ? "sender" : "recipient",
    from: row.from_number ? { accountNumber: row.from_number, currency: row.debit_currency, amount: BigInt(row.debit_amount) } : null,
    to: row.to_number ? { accountNumber: row.to_number, currency: row.credit_currency, amount: BigInt(row.credit_amount) } : null,
    fee: { amount: BigInt(row.fee_amount), currency: row.debit_currency },
    rate: row.rate ? { base: row.rate_base, value: row.rate, source: row.rate_source, at: new Date(row.rate_at) } : null,
    reference: row.reference,
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
  };
}
