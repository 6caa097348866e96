import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { systemAccountId } from "@/lib/ledger/accounts";
import { parseAmount } from "@/lib/ledger/movements";
import { setRate } from "@/lib/ledger/rates";
import type { Condition } from "@/lib/screening/conditions";
import { activateRuleVersion, createList, createRule, deactivateRule, type RuleInput } from "@/lib/screening/rules";
import type { BenchWallet } from "./ledger-load";

// The screening target's setting: a month of history behind the bench's wallets, and ten rules of
// every kind whose thresholds the bench's transfers (0.01 to 1.00 BRL, random pairs) almost never
// reach, so what is measured is screening's cost, not a review queue filling up.

/** Wallets opened three days ago (the others 90): the account-age rule holds their transfers for review. */
const newWallets = 10;
/** Wallets on the deny list: their transfers are blocked. */
const deniedWallets = 3;

/**
 * A month of history, written in set-based SQL as the ledger would have booked it, so that it
 * stays whole (lib/ledger/integrity.ts): each wallet's opening deposit of `opening` BRL 31 days
 * ago, then `count` completed BRL transfers (1.00 to 100.00, no fee) between random pairs of
 * wallets spread over the last 30 days, with their postings, the balance after each line and the
 * wallets' balances. Owners are made 90 days old (newWallets 3). Run once, on unfunded wallets.
 */
export async function writeHistory(db: Database, count: number, opening: string): Promise<void> {
  const settlement = await systemAccountId(db.$client, "settlement", "BRL");
  const amount = parseAmount(opening, "BRL").toString();
  await db.$client.begin(async (tx) => {
    await tx`
      with deposits as (
        insert into ledger_transfers (kind, status, to_account_id, debit_amount, debit_currency, credit_amount, credit_currency, reference, created_at, completed_at)
        select 'deposit', 'completed', id, ${amount}, 'BRL', ${amount}, 'BRL', 'bench', now() - interval '31 days', now() - interval '31 days'
        from ledger_accounts where kind = 'wallet' order by account_number
        returning id, to_account_id, created_at
      )
      insert into ledger_postings (transfer_id, account_id, amount, currency, purpose, balance_after, created_at)
      select id, ${settlement}, -${amount}::bigint, 'BRL', 'principal'::ledger_posting_purpose, null::bigint, created_at from deposits
      union all select id, to_account_id, ${amount}::bigint, 'BRL', 'principal', ${amount}::bigint, created_at from deposits`;
    await tx`update ledger_accounts set balance = ${amount} where kind = 'wallet'`;
    // Every run writes the same history.
    await tx`select setseed(0.15)`;
    await tx`
      create temporary table bench_history on commit drop as
      with w as (select array_agg(id order by account_number) as ids, count(*)::int as n from ledger_accounts where kind = 'wallet')
      select gen_random_uuid() as id, w.ids[1 + g.f] as from_id, w.ids[1 + (g.f + 1 + g.t) % w.n] as to_id, g.amount, g.at
      from w cross join lateral (
        select floor(random() * w.n)::int as f, floor(random() * (w.n - 1))::int as t,
          (100 + floor(random() * 9901))::bigint as amount, now() - random() * interval '30 days' as at
        from generate_series(1, ${count})) g`;
    await tx`
      insert into ledger_transfers (id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency,
        credit_amount, credit_currency, fee_amount, requested_by, created_at, completed_at)
      select h.id, 'transfer', 'completed', h.from_id, h.to_id, h.amount, 'BRL', h.amount, 'BRL', 0, a.owner_id, h.at, h.at
      from bench_history h join ledger_accounts a on a.id = h.from_id
      order by h.at`;
    // In time order, so that the postings' ids (a statement's order) agree with their running balances.
    await tx`
      insert into ledger_postings (transfer_id, account_id, amount, currency, purpose, balance_after, created_at)
      select p.transfer_id, p.account_id, p.amount, 'BRL', 'principal',
        a.balance + sum(p.amount) over (partition by p.account_id order by p.at, p.transfer_id, p.amount rows unbounded preceding), p.at
      from (select id as transfer_id, from_id as account_id, -amount as amount, at from bench_history
            union all select id, to_id, amount, at from bench_history) p
        join ledger_accounts a on a.id = p.account_id
      order by p.at, p.transfer_id, p.amount`;
    await tx`
      update ledger_accounts a set balance = a.balance + s.total
      from (select p.account_id, sum(p.amount) as total from ledger_postings p join bench_history h on h.id = p.transfer_id group by p.account_id) s
      where a.id = s.account_id`;
    await tx`
      with owners as (select owner_id, row_number() over (order by account_number) as n from ledger_accounts where kind = 'wallet')
      update users u set created_at = now() - case when o.n <= ${newWallets} then interval '3 days' else interval '90 days' end
      from owners o where o.owner_id = u.id`;
    await tx`update ledger_accounts a set created_at = u.created_at from users u where u.id = a.owner_id`;
  });
}

/**
 * An admin, the lists and ten rules, written but not live: `activate()` puts them all live and
 * `deactivate()` takes them off again, through lib/screening/rules.ts as staff would. `wallets`
 * are ordered by account number, as writeHistory() ordered them.
 */
export async function screeningRules(db: Database, wallets: BenchWallet[]) {
  const [admin] = await db.insert(users).values({ name: "Bench Admin", email: "admin@bench.test", role: "admin", passwordHash: "not-a-password" }).returning({ id: users.id });
  const staff = { id: admin.id, label: "admin@bench.test", ip: null };
  await setRate(db.$client, { base: "USD", quote: "BRL", rate: "5.1234", source: "bench" }, staff.id);
  const byNumber = [...wallets].sort((a, b) => a.accountNumber.localeCompare(b.accountNumber));
  const denied = byNumber.slice(-deniedWallets).map((wallet) => wallet.ownerId);
  const deniedEmails = (await db.$client`select email from users where id = any(${denied}::text[]::uuid[])`).map((row) => row.email as string);
  const deny = await createList(db, staff, {
    name: "Bench denied",
    kind: "deny",
    entryKind: "email",
    entries: [...Array.from({ length: 1_000 }, (_, i) => `denied-${i}@elsewhere.test`), ...deniedEmails],
  });
  const allow = await createList(db, staff, { name: "Bench trusted", kind: "allow", entryKind: "account", entries: byNumber.slice(0, 500).map((wallet) => wallet.accountNumber) });

  const rules: Array<{ name: string; outcome: RuleInput["outcome"]; conditions: Condition[] }> = [
    { name: "Many in an hour", outcome: "review", conditions: [{ type: "velocity", windowMinutes: 60, measure: "count", atLeast: 40 }] },
    { name: "Very many in a day", outcome: "block", conditions: [{ type: "velocity", windowMinutes: 1440, measure: "count", atLeast: 200 }] },
    { name: "Much in a week", outcome: "review", conditions: [{ type: "velocity_sum", windowMinutes: 10_080, amount: "20000", currency: "BRL" }] },
    { name: "Structuring", outcome: "block", conditions: [{ type: "structuring", windowMinutes: 1440, count: 3, percentBelow: 10, amount: "10000", currency: "BRL" }] },
    { name: "First and large", outcome: "review", conditions: [{ type: "first_to_recipient" }, { type: "amount_at_least", amount: "2000", currency: "BRL", convert: false }] },
    { name: "Large in USD", outcome: "review", conditions: [{ type: "amount_at_least", amount: "50000", currency: "USD", convert: true }] },
    { name: "New sender", outcome: "review", conditions: [{ type: "account_age_under", days: 30, party: "sender" }] },
    { name: "Denied sender", outcome: "block", conditions: [{ type: "on_list", listId: deny.listId, party: "sender" }] },
    { name: "Untrusted and large", outcome: "review", conditions: [{ type: "not_on_list", listId: allow.listId, party: "recipient" }, { type: "amount_at_least", amount: "5000", currency: "BRL", convert: false }] },
    { name: "Large across currencies", outcome: "review", conditions: [{ type: "cross_currency_at_least", amount: "1000", currency: "USD" }] },
  ];
  const created: Array<{ ruleId: string; versionId: string }> = [];
  for (const rule of rules) created.push(await createRule(db, staff, rule));
  return {
    count: rules.length,
    activate: async () => {
      for (const rule of created) await activateRuleVersion(db, staff, rule.versionId);
    },
    deactivate: async () => {
      for (const rule of created) await deactivateRule(db, staff, rule.ruleId);
    },
  };
}
