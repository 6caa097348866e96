import type postgres from "postgres";
import { parseDecimalAmount } from "@/lib/money";
import { rateScale } from "@/lib/ledger/pricing";
import type { LedgerSql, LedgerTx, Queryable } from "@/lib/ledger/db";
import { conditionsSchema } from "./conditions";
import { historyNeeds, type Facts, type LiveList, type LiveRule, type Party, type Ruleset, type Subject, type WindowTally } from "./engine";

// What screening reads from the database: the rule set in force (cached per pool, reloaded only
// when a new one is written) and, for the movements of one ledger transaction, their history.

/** Movements that count as history: every outgoing one but those refused (blocked by screening or rejected by staff). */
export const countsAsHistory = (sql: Queryable) => sql`h.status::text not in ('blocked', 'rejected')`;

/** The id of the rule set in force, or null when none was ever written. Cheap enough to ask in every ledger transaction. */
export const rulesetIdInForce = (sql: Queryable) => sql`select max(id) as id from screening_rulesets`;

const cache = new WeakMap<LedgerSql, Ruleset>();

/** The rule set `id` with its rules and lists, from this pool's cache when it is the one cached. */
export async function loadRuleset(sql: LedgerSql, tx: Queryable, id: number): Promise<Ruleset> {
  const cached = cache.get(sql);
  if (cached?.id === id) return cached;
  const ruleset = await readRuleset(tx, id);
  cache.set(sql, ruleset);
  return ruleset;
}

export async function readRuleset(sql: Queryable, id: number): Promise<Ruleset> {
  const [rules, lists] = await Promise.all([
    sql`
      select v.id, v.rule_id, v.version, v.conditions, v.outcome, r.name
      from screening_rulesets s cross join unnest(s.rule_version_ids) as live(id)
        join screening_rule_versions v on v.id = live.id join screening_rules r on r.id = v.rule_id
      where s.id = ${id} order by r.created_at, r.id`,
    sql`
      select v.id, v.list_id, v.version, v.entries, l.name, l.kind
      from screening_rulesets s cross join unnest(s.list_version_ids) as live(id)
        join screening_list_versions v on v.id = live.id join screening_lists l on l.id = v.list_id
      where s.id = ${id}`,
  ]);
  return {
    id,
    rules: rules.map(
      (row): LiveRule => ({ ruleId: row.rule_id, versionId: row.id, version: row.version, name: row.name, outcome: row.outcome, conditions: conditionsSchema.parse(row.conditions) }),
    ),
    lists: new Map(
      lists.map((row): [string, LiveList] => [
        row.list_id,
        { listId: row.list_id, versionId: row.id, version: row.version, name: row.name, kind: row.kind, entries: new Set(row.entries as string[]) },
      ]),
    ),
  };
}

/** What a rule set needs read, worked out once per rule set: it is the same for every movement. */
const needsOf = new WeakMap<Ruleset, ReturnType<typeof historyNeeds> & { currencies: string[] }>();

function needsFor(ruleset: Ruleset) {
  let needs = needsOf.get(ruleset);
  if (!needs) {
    const currencies = ruleset.rules.flatMap((rule) => rule.conditions.flatMap((condition) => ("currency" in condition ? [condition.currency] : [])));
    needs = { ...historyNeeds(ruleset), currencies };
    needsOf.set(ruleset, needs);
  }
  return needs;
}

/**
 * The statement that gathers the facts on `subjects` under `ruleset`, sent at once
 * (`.execute()`) so it pipelines behind the wallet locks: sent after them, it sees every
 * movement committed before the locks. One row per subject, in order, with its history, both
 * parties and (on every row, read from the first) the rates; factsOf() turns them into Facts.
 */
export function gatherFacts(tx: LedgerTx, ruleset: Ruleset, subjects: Subject[]) {
  const needs = needsFor(ruleset);
  const from = subjects.map((subject) => subject.fromWalletId);
  const to = subjects.map((subject) => subject.toWalletId);
  const currencies = needs.conversions ? [...new Set([...needs.currencies, ...subjects.flatMap((subject) => [subject.currency, subject.creditCurrency])])] : [];
  // Each wallet's windows are counted from one range scan of ledger_transfers_from_at_idx over the
  // longest of them, reading nothing but the index; the bands likewise from one range scan of the
  // pair's. Given only each window's own bound, a generic plan would read the whole history.
  return tx`
    select m.i::int as i, now() as now,
      array(select w.minutes || ':' || count(h.created_at) || ':' || coalesce(sum(h.debit_amount), 0)
        from unnest(${needs.windows}::int[]) as w(minutes)
          left join (select h.created_at, h.debit_amount from ledger_transfers h
            where h.from_account_id = m.f and h.created_at > now() - ${Math.max(0, ...needs.windows)}::int * interval '1 minute' and ${countsAsHistory(tx)}) h
          on h.created_at > now() - w.minutes * interval '1 minute'
        group by w.minutes) as windows,
      array(select b.k || '|' || count(h.created_at)
        from unnest(${needs.bands.map((band) => band.key)}::text[], ${needs.bands.map((band) => band.windowMinutes)}::int[],
          ${needs.bands.map((band) => band.low.toString())}::text[]::bigint[], ${needs.bands.map((band) => band.high.toString())}::text[]::bigint[]) as b(k, minutes, lo, hi)
          left join (select h.created_at, h.debit_amount from ledger_transfers h
            where h.from_account_id = m.f and h.to_account_id = m.t and h.kind = 'transfer'
              and h.created_at > now() - ${Math.max(0, ...needs.bands.map((band) => band.windowMinutes))}::int * interval '1 minute' and ${countsAsHistory(tx)}) h
          on h.created_at > now() - b.minutes * interval '1 minute' and h.debit_amount >= b.lo and h.debit_amount < b.hi
        group by b.k) as bands,
      m.t is not null and exists (select 1 from ledger_transfers h where h.from_account_id = m.f and h.to_account_id = m.t and h.kind = 'transfer' and ${countsAsHistory(tx)}) as sent_before,
      s.account_number as sender_number, lower(su.email) as sender_email, su.cpf as sender_cpf, coalesce(su.created_at, s.created_at) as sender_opened,
      r.id is not null as has_recipient, r.account_number as recipient_number, lower(ru.email) as recipient_email, ru.cpf as recipient_cpf,
      coalesce(ru.created_at, r.created_at) as recipient_opened,
      array(select base || ':' || quote || ':' || trim_scale(rate)::text from (
          select distinct on (least(base, quote), greatest(base, quote)) base, quote, rate from fx_rates
          where base = any(${currencies}::text[]) and quote = any(${currencies}::text[])
          order by least(base, quote), greatest(base, quote), id desc) newest) as rates
    from unnest(${from}::text[]::uuid[], ${to}::text[]::uuid[]) with ordinality as m(f, t, i)
      left join ledger_accounts s on s.id = m.f left join users su on su.id = s.owner_id
      left join ledger_accounts r on r.id = m.t left join users ru on ru.id = r.owner_id`.execute();
}

/** Each subject's facts, in order, from the rows of gatherFacts' statement. */
export function factsOf(subjects: Subject[], rows: postgres.Row[]): Facts[] {
  // The newest rate of a pair, used either way round, as the ledger quotes it (lib/ledger/rates.ts).
  const rates = new Map<string, { scaled: bigint; inverted: boolean }>();
  for (const text of (rows[0]?.rates ?? []) as string[]) {
    const [base, quote, rate] = text.split(":");
    const scaled = parseDecimalAmount(rate, rateScale)!;
    rates.set(`${base}:${quote}`, { scaled, inverted: false });
    rates.set(`${quote}:${base}`, { scaled, inverted: true });
  }
  const byIndex = new Map(rows.map((row) => [row.i as number, row]));
  return subjects.map((subject, n) => {
    const row = byIndex.get(n + 1)!;
    const windows = new Map<number, WindowTally>(
      (row.windows as string[]).map((text) => {
        const [minutes, count, sum] = text.split(":");
        return [Number(minutes), { count: Number(count), sum: BigInt(sum) }];
      }),
    );
    const bands = new Map<string, number>(
      (row.bands as string[]).map((text) => {
        const at = text.lastIndexOf("|");
        return [text.slice(0, at), Number(text.slice(at + 1))];
      }),
    );
    const sender: Party = { accountNumber: row.sender_number, email: row.sender_email, document: row.sender_cpf, openedAt: new Date(row.sender_opened) };
    const recipient: Party | null = row.has_recipient
      ? { accountNumber: row.recipient_number, email: row.recipient_email, document: row.recipient_cpf, openedAt: new Date(row.recipient_opened) }
      : null;
    return { now: new Date(row.now), sender, recipient, windows, bands, sentBefore: row.sent_before, rates };
  });
}
