import type postgres from "postgres";

export type IntegrityCheck = { name: string; ok: boolean; problems: string[] };
export type IntegrityReport = { ok: boolean; checks: IntegrityCheck[]; milliseconds: number };

const shown = 20;

/**
 * Checks the ledger's invariants in one read-only snapshot: every currency's postings sum to
 * zero, so do each transfer's, every wallet's balance is the sum of its postings, and every
 * hold (pending withdrawal) belongs to a wallet and has moved no money.
 */
export async function checkIntegrity(sql: postgres.Sql): Promise<IntegrityReport> {
  const started = performance.now();
  const checks = await sql.begin("isolation level repeatable read read only", async (tx) => {
    const currencies = await tx`
      select currency, sum(amount)::text as total from ledger_postings group by currency having sum(amount) <> 0 limit ${shown}`;
    const transfers = await tx`
      select transfer_id, currency, sum(amount)::text as total from ledger_postings
      group by transfer_id, currency having sum(amount) <> 0 limit ${shown}`;
    const wallets = await tx`
      select a.account_number, a.balance::text as balance, coalesce(p.total, 0)::text as postings
      from ledger_accounts a left join (select account_id, sum(amount) as total from ledger_postings group by account_id) p on p.account_id = a.id
      where a.kind = 'wallet' and a.balance <> coalesce(p.total, 0) limit ${shown}`;
    const holds = await tx`
      select t.id from ledger_transfers t left join ledger_accounts a on a.id = t.from_account_id
      where t.kind = 'withdrawal' and t.status = 'pending'
        and (a.id is null or a.kind <> 'wallet' or exists (select 1 from ledger_postings p where p.transfer_id = t.id))
      limit ${shown}`;
    return [
      { name: "Each currency's postings sum to zero", problems: currencies.map((row) => `${row.currency} sums to ${row.total}`) },
      { name: "Each transfer's postings sum to zero per currency", problems: transfers.map((row) => `${row.transfer_id} ${row.currency} sums to ${row.total}`) },
      {
        name: "Each wallet's balance equals the sum of its postings",
        problems: wallets.map((row) => `wallet ${row.account_number}: balance ${row.balance}, postings ${row.postings}`),
      },
      { name: "Every hold belongs to a wallet and has moved no money", problems: holds.map((row) => `withdrawal ${row.id}`) },
    ];
  });
  const result = checks.map((check) => ({ ...check, ok: check.problems.length === 0 }));
  return { ok: result.every((check) => check.ok), checks: result, milliseconds: Math.round(performance.now() - started) };
}
