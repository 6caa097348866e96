import type { Database } from "@/db/client";
import { formatMinorUnits } from "@/lib/money";
import { currencyCodes, currencyScale } from "@/lib/money/currency";

export type IntegrityCheck = { name: string; ok: boolean; problems: string[] };
export type IntegrityReport = { ok: boolean; checks: IntegrityCheck[]; milliseconds: number };

const shown = 20;

/**
 * Checks the ledger's invariants in one read-only snapshot: every currency's postings sum to
 * zero, so do each transfer's, every wallet's balance is the sum of its postings, every
 * hold (a pending withdrawal, a movement held for review) and every refused movement belongs to a wallet and has moved no money, and every conversion
 * credited what its recorded rate gives, rounded down: the FX accounts move by exactly what the
 * rates explain, so a rounding in the customer's favour shows even though the postings balance.
 */
export async function checkIntegrity(db: Database): Promise<IntegrityReport> {
  const sql = db.$client;
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
      where t.status::text in ('pending', 'pending_review', 'blocked', 'rejected')
        and (a.id is null or a.kind <> 'wallet' or exists (select 1 from ledger_postings p where p.transfer_id = t.id))
      limit ${shown}`;
    // fair = numerator / denominator in the credited currency's minor units, exactly: the rate is
    // recorded as quote per base, and read inverted when the base is the credited currency.
    const conversions = await tx`
      with scales (code, scale) as (select * from unnest(${currencyCodes as string[]}::text[], ${currencyCodes.map(currencyScale)}::int[]))
      select t.id, t.debit_amount::text as debit_amount, t.debit_currency, t.credit_amount::text as credit_amount, t.credit_currency,
        trim_scale(t.rate)::text as rate, t.rate_base,
        trim_scale(round(x.numerator / x.denominator / power(10::numeric, q.scale), q.scale + 4))::text as fair
      from ledger_transfers t
      join scales f on f.code = t.debit_currency
      join scales q on q.code = t.credit_currency
      cross join lateral (select
        case when t.rate_base = t.debit_currency then t.debit_amount * t.rate else t.debit_amount::numeric end * power(10::numeric, q.scale) as numerator,
        case when t.rate_base = t.debit_currency then 1::numeric else t.rate end * power(10::numeric, f.scale) as denominator) x
      where t.rate is not null
        and (t.credit_amount * x.denominator > x.numerator or (t.credit_amount + 1) * x.denominator <= x.numerator)
      limit ${shown}`;
    return [
      { name: "Each currency's postings sum to zero", problems: currencies.map((row) => `${row.currency} sums to ${row.total}`) },
      { name: "Each transfer's postings sum to zero per currency", problems: transfers.map((row) => `${row.transfer_id} ${row.currency} sums to ${row.total}`) },
      {
        name: "Each wallet's balance equals the sum of its postings",
        problems: wallets.map((row) => `wallet ${row.account_number}: balance ${row.balance}, postings ${row.postings}`),
      },
      { name: "Every hold, and every movement screening or staff refused, belongs to a wallet and has moved no money", problems: holds.map((row) => `movement ${row.id}`) },
      {
        name: "Every conversion credited its recorded rate's value, rounded down",
        problems: conversions.map((row) => {
          const pair = row.rate_base === row.debit_currency ? `${row.debit_currency}/${row.credit_currency}` : `${row.credit_currency}/${row.debit_currency}`;
          const sent = formatMinorUnits(BigInt(row.debit_amount), currencyScale(row.debit_currency));
          const credited = formatMinorUnits(BigInt(row.credit_amount), currencyScale(row.credit_currency));
          return `transfer ${row.id}: ${sent} ${row.debit_currency} at ${pair} ${row.rate} credited ${credited} ${row.credit_currency}; the rate gives ${row.fair}`;
        }),
      },
    ];
  });
  const result = checks.map((check) => ({ ...check, ok: check.problems.length === 0 }));
  return { ok: result.every((check) => check.ok), checks: result, milliseconds: Math.round(performance.now() - started) };
}
