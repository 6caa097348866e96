import type { LedgerTx } from "./db";
import type { Answer } from "./idempotency";
import type { Plan } from "./plan";

// Array parameters go as text[] and are cast in SQL: drizzle's postgres.js client doesn't
// serialize arrays of types it doesn't know (uuid[], bigint[], enums), nor Date or JSON ones.

/**
 * Writes a plan in one statement: the new transfers, the held movements moved on, the postings,
 * the wallets' balances, the idempotency answers, the notifications they give their customers
 * (money received, a withdrawal settled or cancelled, a movement held for review, released or
 * rejected), whose emails the mail worker queues later, and for what screening held or refused,
 * its case in the review queue and the platform's webhook events. Not awaited, it can go out with the COMMIT (see
 * inPipelinedTransaction); nothing to write, it sends nothing. A key stored meanwhile by a
 * concurrent request fails it: the transaction runs again and answers from that key.
 */
export function post(tx: LedgerTx, plan: Pick<Plan<unknown>, "inserts" | "finishes" | "postings" | "balances">, answers: Answer[] = []): Promise<unknown> | undefined {
  const { inserts, finishes, postings, balances } = plan;
  if (inserts.length + finishes.length + postings.length + answers.length === 0) return undefined;
  const column = <T>(pick: (entry: (typeof inserts)[number]) => T) => inserts.map(pick);
  return tx`
    with transfers as (
      insert into ledger_transfers (id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency,
        credit_amount, credit_currency, fee_amount, rate, rate_base, rate_source, rate_at, reference, requested_by,
        expires_at, completed_at, screening)
      select id, k, s, f, t, da, dc, ca, cc, fee, rate, rb, rs, ra, ref, rq,
        case when s = 'pending' then now() + hm * interval '1 minute' end, case when s not in ('pending', 'pending_review') then now() end, sc::jsonb
      from unnest(${column((e) => e.id)}::text[]::uuid[], ${column((e) => e.kind)}::text[]::ledger_transfer_kind[],
        ${column((e) => e.status)}::text[]::ledger_transfer_status[],
        ${column((e) => e.fromAccountId)}::text[]::uuid[], ${column((e) => e.toAccountId)}::text[]::uuid[],
        ${column((e) => e.debit.amount.toString())}::text[]::bigint[], ${column((e) => e.debit.currency)}::text[]::char(3)[],
        ${column((e) => e.credit.amount.toString())}::text[]::bigint[], ${column((e) => e.credit.currency)}::text[]::char(3)[],
        ${column((e) => e.fee.toString())}::text[]::bigint[], ${column((e) => e.rate?.value ?? null)}::text[]::numeric[],
        ${column((e) => e.rate?.base ?? null)}::text[]::char(3)[], ${column((e) => e.rate?.source ?? null)}::text[],
        ${column((e) => e.rate?.at.toISOString() ?? null)}::text[]::timestamptz[], ${column((e) => e.reference ?? null)}::text[],
        ${column((e) => e.requestedBy)}::text[]::uuid[], ${column((e) => (e.holdMinutes ?? null)?.toString() ?? null)}::text[]::int[],
        ${column((e) => (e.screening ? JSON.stringify(e.screening) : null))}::text[])
        as v(id, k, s, f, t, da, dc, ca, cc, fee, rate, rb, rs, ra, ref, rq, hm, sc)
      returning id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency, credit_amount, credit_currency, screening
    ), finished as (
      update ledger_transfers t set status = v.status,
        completed_at = case when v.status = 'pending' then null else now() end,
        expires_at = case when v.status = 'pending' then now() + v.hm * interval '1 minute' else t.expires_at end
      from unnest(${finishes.map((finish) => finish.id)}::text[]::uuid[], ${finishes.map((finish) => finish.status)}::text[]::ledger_transfer_status[],
        ${finishes.map((finish) => (finish.holdMinutes ?? null)?.toString() ?? null)}::text[]::int[]) as v(id, status, hm)
      where t.id = v.id
      returning t.id, t.kind, t.status, t.from_account_id, t.to_account_id, t.debit_amount, t.debit_currency, t.credit_amount, t.credit_currency
    ), moved as (
      select id, status, from_account_id, to_account_id, credit_amount, credit_currency from transfers where status = 'completed'
      union all
      -- A held transfer staff released.
      select id, status, from_account_id, to_account_id, credit_amount, credit_currency from finished where kind = 'transfer' and status = 'completed'
    ), received as (
      -- The owner of a wallet money reached from someone else (a deposit, another customer).
      insert into notifications (user_id, kind, data)
      select r.owner_id, 'money_received', jsonb_build_object('transferId', t.id::text, 'amount', t.credit_amount::text,
        'currency', t.credit_currency, 'from', coalesce(u.name, 'Deposit'))
      from moved t join ledger_accounts r on r.id = t.to_account_id
        left join ledger_accounts s on s.id = t.from_account_id left join users u on u.id = s.owner_id
      where r.owner_id is not null and r.owner_id is distinct from s.owner_id
      returning 1
    ), withdrawals_ended as (
      insert into notifications (user_id, kind, data)
      select w.owner_id, 'withdrawal_' || f.status, jsonb_build_object('transferId', f.id::text, 'amount', f.debit_amount::text, 'currency', f.debit_currency)
      from finished f join ledger_accounts w on w.id = f.from_account_id
      where f.kind = 'withdrawal' and f.status in ('settled', 'cancelled')
      returning 1
    ), reviewed as (
      -- What screening held and what staff decided on it (lib/screening/cases.ts), as the sender and the platform see it.
      select id, kind, from_account_id, debit_amount, debit_currency, 'under_review' as step from transfers where status = 'pending_review'
      union all
      select id, kind, from_account_id, debit_amount, debit_currency, 'blocked' from transfers where status = 'blocked'
      union all
      select id, kind, from_account_id, debit_amount, debit_currency, case when status = 'rejected' then 'rejected' else 'released' end
      from finished where status in ('completed', 'pending', 'rejected')
    ), review_notices as (
      insert into notifications (user_id, kind, data)
      select w.owner_id, 'movement_' || r.step, jsonb_build_object('transferId', r.id::text, 'movement', r.kind, 'amount', r.debit_amount::text, 'currency', r.debit_currency)
      from reviewed r join ledger_accounts w on w.id = r.from_account_id
      where r.step <> 'blocked' and w.owner_id is not null
      returning 1
    ), review_cases as (
      insert into cases (source, transfer_id, title)
      select 'screening', t.id, initcap(t.kind::text) || ' held: ' || coalesce((select string_agg(m->>'name', ', ') from jsonb_array_elements(t.screening->'matched') m where m->>'outcome' = 'review'), 'screening')
      from transfers t where t.status = 'pending_review'
      returning id, number, transfer_id, title
    ), case_audits as (
      -- Opened by screening itself: the audit trail of every case starts with its opening.
      insert into audit_events (actor_label, action, target_type, target_id, details)
      select 'screening', 'case.opened', 'case', c.id::text, jsonb_build_object('number', c.number, 'transferId', c.transfer_id::text, 'title', c.title)
      from review_cases c
      returning 1
    ), webhook_events as (
      insert into webhook_deliveries (event, payload)
      select 'movement.' || r.step, jsonb_build_object('transferId', r.id::text, 'movement', r.kind, 'amount', r.debit_amount::text, 'currency', r.debit_currency,
        'status', case r.step when 'under_review' then 'pending_review' when 'released' then 'released' else r.step end)
      from reviewed r
      returning 1
    ), postings as (
      insert into ledger_postings (transfer_id, account_id, amount, currency, purpose, balance_after)
      select * from unnest(${postings.map((line) => line.transferId)}::text[]::uuid[], ${postings.map((line) => line.accountId)}::text[]::uuid[],
        ${postings.map((line) => line.amount.toString())}::text[]::bigint[], ${postings.map((line) => line.currency)}::text[]::char(3)[],
        ${postings.map((line) => line.purpose)}::text[]::ledger_posting_purpose[], ${postings.map((line) => line.balanceAfter?.toString() ?? null)}::text[]::bigint[])
      returning 1
    ), balances as (
      update ledger_accounts a set balance = v.balance
      from unnest(${balances.map((wallet) => wallet.id)}::text[]::uuid[], ${balances.map((wallet) => wallet.balance.toString())}::text[]::bigint[]) as v(id, balance)
      where a.id = v.id
      returning 1
    ), answers as (
      insert into idempotency_keys (scope, key, request_hash, response)
      select s, k, h, r::jsonb from unnest(${answers.map((answer) => answer.scope)}::text[], ${answers.map((answer) => answer.key)}::text[],
        ${answers.map((answer) => answer.hash)}::text[], ${answers.map((answer) => JSON.stringify(answer.response))}::text[]) as v(s, k, h, r)
      returning 1
    )
    select 1`.execute();
}
