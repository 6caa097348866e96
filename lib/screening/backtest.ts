import type postgres from "postgres";
import type { Database } from "@/db/client";
import type { ScreeningOutcome } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { formatMinorUnits, parseDecimalAmount } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { rateScale } from "@/lib/ledger/pricing";
import { defaultTimeZone } from "@/lib/time";
import type { Queryable } from "@/lib/ledger/db";
import { conditionsSchema, type Condition } from "./conditions";
import { historyNeeds, screen, type Facts, type LiveRule, type Party, type Ruleset, type Subject, type WindowTally } from "./engine";
import { countsAsHistory, readRuleset } from "./facts";
import { normalizeEntry } from "./rules";

// What a candidate rule set would have decided on the last 30 days, next to the live one: the
// ledger's movements and the imported bank files replayed in time order through the same screen(),
// each with the facts it had at its moment (the history before it, the rates then). One streamed
// read of the period, with the sliding windows counted in memory per sending account.
// History is what the ledger holds now: a movement staff rejected later is left out of the history
// of those after it, though the ledger counted it while it waited for review.

export const backtestDays = 30;
const dayMs = 24 * 60 * 60 * 1000;
const minuteMs = 60_000;
const examplesShown = 8;

export type OutcomeCounts = Record<ScreeningOutcome, number>;
export type RuleMatches = { ruleId: string; name: string; outcome: ScreeningOutcome; candidateVersion: number | null; liveVersion: number | null; candidate: number; live: number };
export type BacktestExample = {
  id: string;
  at: Date;
  kind: "transfer" | "withdrawal";
  amount: string;
  currency: string;
  sender: string;
  recipient: string | null;
  live: ScreeningOutcome;
  candidate: ScreeningOutcome;
  matched: string[];
};
/** One source replayed: how many movements each set would have allowed, sent to review or blocked. */
export type BacktestRun = { movements: number; candidate: OutcomeCounts; live: OutcomeCounts; changed: number; rules: RuleMatches[]; examples: BacktestExample[] };
export type Backtest = {
  since: Date;
  until: Date;
  ledger: BacktestRun;
  /** Bank files: rules with a condition they carry nothing for are not run on them, listed with why. */
  imports: BacktestRun & { notRun: Array<{ ruleId: string; name: string; reason: string }> };
};

/** The live rule set, or an empty one when none was ever written. */
export async function liveRuleset(sql: Queryable): Promise<Ruleset> {
  const [{ id }] = await sql`select max(id) as id from screening_rulesets`;
  return id === null ? { id: 0, rules: [], lists: new Map() } : readRuleset(sql, id);
}

/** The live rule set with `versionId` in place of its rule's live version (or added): what activating it would put live. */
export async function candidateWithVersion(sql: Queryable, live: Ruleset, versionId: string): Promise<Ruleset> {
  if (!isUuid(versionId)) throw new DomainError("NOT_FOUND", "No such rule version.");
  const [row] = await sql`
    select v.id, v.rule_id, v.version, v.conditions, v.outcome, r.name
    from screening_rule_versions v join screening_rules r on r.id = v.rule_id where v.id = ${versionId}`;
  if (!row) throw new DomainError("NOT_FOUND", "No such rule version.");
  const version: LiveRule = { ruleId: row.rule_id, versionId: row.id, version: row.version, name: row.name, outcome: row.outcome, conditions: conditionsSchema.parse(row.conditions) };
  const at = live.rules.findIndex((rule) => rule.ruleId === version.ruleId);
  const rules = at === -1 ? [...live.rules, version] : live.rules.map((rule, i) => (i === at ? version : rule));
  return { id: 0, rules, lists: live.lists };
}

/** Runs `candidate` and `live` over the last 30 days of the ledger and of the imported bank files. */
export async function backtest(db: Database, candidate: Ruleset, live: Ruleset): Promise<Backtest> {
  const sql = db.$client;
  const [{ now }] = await sql`select now() as now`;
  const until = new Date(now);
  const since = new Date(until.getTime() - backtestDays * dayMs);
  const needs = mergedNeeds(candidate, live);
  const rates = needs.conversions ? await rateRows(sql, since) : [];
  const ledger = await replayLedger(sql, candidate, live, needs, ratesAt(rates), since);
  const imports = await replayImports(sql, candidate, live, needs, ratesAt(rates), since);
  return { since, until, ledger, imports };
}

type Needs = ReturnType<typeof mergedNeeds>;

/** The history both sets need counted, and how far back it reaches before the period. */
function mergedNeeds(candidate: Ruleset, live: Ruleset) {
  const both = historyNeeds({ id: 0, rules: [...candidate.rules, ...live.rules], lists: new Map() });
  const longest = Math.max(0, ...both.windows, ...both.bands.map((band) => band.windowMinutes));
  return { ...both, lookBackMs: longest * minuteMs };
}

/** Outgoing movements of each sender, in time order, as sliding windows count them. */
class SlidingHistory {
  private readonly senders = new Map<string, { at: number[]; sums: bigint[] }>();
  private readonly bands = new Map<string, number[]>();
  private readonly pairs = new Set<string>();

  constructor(private readonly needs: Needs) {}

  /** Pairs that had a transfer before the period read. */
  sentEarlier(from: string, to: string) {
    this.pairs.add(`${from}>${to}`);
  }

  add(subject: Subject, at: number) {
    let sender = this.senders.get(subject.fromWalletId);
    if (!sender) this.senders.set(subject.fromWalletId, (sender = { at: [], sums: [0n] }));
    sender.at.push(at);
    sender.sums.push(sender.sums[sender.sums.length - 1] + subject.amount);
    if (subject.kind !== "transfer" || subject.toWalletId === null) return;
    const pair = `${subject.fromWalletId}>${subject.toWalletId}`;
    this.pairs.add(pair);
    for (const band of this.needs.bands) {
      if (subject.amount < band.low || subject.amount >= band.high) continue;
      const key = `${pair}|${band.key}`;
      const times = this.bands.get(key);
      if (times) times.push(at);
      else this.bands.set(key, [at]);
    }
  }

  /** The facts that depend on history, for a movement at `at` (everything added so far is before it). */
  factsAt(subject: Subject, at: number): Pick<Facts, "windows" | "bands" | "sentBefore"> {
    const windows = new Map<number, WindowTally>();
    const sender = this.senders.get(subject.fromWalletId);
    for (const minutes of this.needs.windows) {
      if (!sender) {
        windows.set(minutes, { count: 0, sum: 0n });
        continue;
      }
      const first = firstAfter(sender.at, at - minutes * minuteMs);
      windows.set(minutes, { count: sender.at.length - first, sum: sender.sums[sender.at.length] - sender.sums[first] });
    }
    if (sender) forgetBefore(sender, at - this.needs.lookBackMs);
    const bands = new Map<string, number>();
    const pair = `${subject.fromWalletId}>${subject.toWalletId}`;
    for (const band of this.needs.bands) {
      const times = subject.toWalletId === null ? undefined : this.bands.get(`${pair}|${band.key}`);
      bands.set(band.key, times ? times.length - firstAfter(times, at - band.windowMinutes * minuteMs) : 0);
    }
    return { windows, bands, sentBefore: subject.toWalletId !== null && this.pairs.has(pair) };
  }
}

/** The index of the first time after `after` in ascending `times`. */
function firstAfter(times: number[], after: number) {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] > after) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Drops a sender's movements no window can reach again, once they are most of what is kept. */
function forgetBefore(sender: { at: number[]; sums: bigint[] }, before: number) {
  const first = firstAfter(sender.at, before);
  if (first < 1024 || first < sender.at.length / 2) return;
  sender.at = sender.at.slice(first);
  sender.sums = sender.sums.slice(first);
}

type Rates = Facts["rates"];

/** The rate changes that matter from `since` on, after the newest of each pair before it. */
function rateRows(sql: Queryable, since: Date) {
  return sql`
    (select distinct on (least(base, quote), greatest(base, quote)) id, base, quote, trim_scale(rate)::text as rate, created_at from fx_rates
      where created_at < ${since.toISOString()}::timestamptz order by least(base, quote), greatest(base, quote), id desc)
    union all
    (select id, base, quote, trim_scale(rate)::text, created_at from fx_rates where created_at >= ${since.toISOString()}::timestamptz)
    order by id`;
}

/** The rates as the ledger quoted them at each moment, asked in time order: the newest of each pair, either way round. */
function ratesAt(rows: readonly postgres.Row[]) {
  let next = 0;
  let current: Map<string, { scaled: bigint; inverted: boolean }> = new Map();
  return (at: number): Rates => {
    if (next < rows.length && new Date(rows[next].created_at).getTime() <= at) {
      current = new Map(current);
      while (next < rows.length && new Date(rows[next].created_at).getTime() <= at) {
        const row = rows[next++];
        const scaled = parseDecimalAmount(row.rate, rateScale)!;
        current.set(`${row.base}:${row.quote}`, { scaled, inverted: false });
        current.set(`${row.quote}:${row.base}`, { scaled, inverted: true });
      }
    }
    return current;
  };
}

/** Tallies two rule sets' decisions on one source. */
function tally(candidate: Ruleset, live: Ruleset) {
  const run: BacktestRun = { movements: 0, candidate: { allow: 0, review: 0, block: 0 }, live: { allow: 0, review: 0, block: 0 }, changed: 0, rules: [], examples: [] };
  const rules = new Map<string, RuleMatches>();
  for (const rule of candidate.rules) rules.set(rule.ruleId, { ruleId: rule.ruleId, name: rule.name, outcome: rule.outcome, candidateVersion: rule.version, liveVersion: null, candidate: 0, live: 0 });
  for (const rule of live.rules) {
    const known = rules.get(rule.ruleId);
    if (known) known.liveVersion = rule.version;
    else rules.set(rule.ruleId, { ruleId: rule.ruleId, name: rule.name, outcome: rule.outcome, candidateVersion: null, liveVersion: rule.version, candidate: 0, live: 0 });
  }
  const differing: BacktestExample[] = [];
  const flagged: BacktestExample[] = [];
  return {
    record(subject: Subject, facts: Facts, describe: (live: ScreeningOutcome, candidate: ScreeningOutcome, matched: string[]) => BacktestExample) {
      const byCandidate = screen(candidate, subject, facts);
      const byLive = screen(live, subject, facts);
      run.movements++;
      run.candidate[byCandidate.outcome]++;
      run.live[byLive.outcome]++;
      for (const match of byCandidate.matched) rules.get(match.ruleId)!.candidate++;
      for (const match of byLive.matched) rules.get(match.ruleId)!.live++;
      const changed = byCandidate.outcome !== byLive.outcome;
      if (changed) run.changed++;
      const shelf = changed ? differing : byCandidate.outcome !== "allow" ? flagged : null;
      if (shelf && shelf.length < examplesShown) shelf.push(describe(byLive.outcome, byCandidate.outcome, byCandidate.matched.map((match) => match.name)));
    },
    result(): BacktestRun {
      return { ...run, rules: [...rules.values()], examples: [...differing, ...flagged].slice(0, examplesShown) };
    },
  };
}

const shown = (amount: bigint, currency: string) => formatMinorUnits(amount, currencyScale(currency));

async function replayLedger(sql: Database["$client"], candidate: Ruleset, live: Ruleset, needs: Needs, rates: (at: number) => Rates, since: Date): Promise<BacktestRun> {
  const historyFrom = new Date(since.getTime() - needs.lookBackMs);
  const firstToRecipient = [...candidate.rules, ...live.rules].some((rule) => rule.conditions.some((condition) => condition.type === "first_to_recipient"));
  const [partyRows, earlierPairs] = await Promise.all([
    sql`
      select a.id, a.account_number, lower(u.email) as email, u.cpf, coalesce(u.created_at, a.created_at) as opened_at, u.name
      from ledger_accounts a left join users u on u.id = a.owner_id
      where a.kind = 'wallet' and a.id in (
        select from_account_id from ledger_transfers where created_at >= ${since.toISOString()}::timestamptz and kind in ('transfer', 'withdrawal')
        union select to_account_id from ledger_transfers where created_at >= ${since.toISOString()}::timestamptz and kind = 'transfer')`,
    firstToRecipient
      ? sql`
          select distinct h.from_account_id, h.to_account_id from ledger_transfers h
          where h.kind = 'transfer' and h.created_at <= ${historyFrom.toISOString()}::timestamptz and ${countsAsHistory(sql)}
            and exists (select 1 from ledger_transfers m where m.from_account_id = h.from_account_id and m.to_account_id = h.to_account_id and m.created_at >= ${since.toISOString()}::timestamptz)`
      : Promise.resolve([]),
  ]);
  const parties = new Map<string, Party & { name: string | null }>(
    partyRows.map((row) => [row.id, { accountNumber: row.account_number, email: row.email, document: row.cpf, openedAt: new Date(row.opened_at), name: row.name }]),
  );
  const history = new SlidingHistory(needs);
  for (const row of earlierPairs) history.sentEarlier(row.from_account_id, row.to_account_id);
  const run = tally(candidate, live);
  const who = (id: string | null) => {
    const party = id === null ? undefined : parties.get(id);
    return party ? `${party.name ?? "Customer"} (${party.accountNumber})` : null;
  };

  // Movements of one ledger transaction (a batch, a group commit) share their time; the ledger
  // screened them in the order of its plan, which isn't stored, so they are replayed by id.
  await sql`
    select id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency, credit_currency, created_at, created_at >= ${since.toISOString()}::timestamptz as in_period
    from ledger_transfers
    where kind in ('transfer', 'withdrawal') and from_account_id is not null and created_at > ${historyFrom.toISOString()}::timestamptz
    order by created_at, id`.cursor(2000, (rows) => {
    for (const row of rows) {
      const at = new Date(row.created_at).getTime();
      const subject: Subject = {
        kind: row.kind,
        fromWalletId: row.from_account_id,
        toWalletId: row.to_account_id,
        amount: BigInt(row.debit_amount),
        currency: row.debit_currency,
        creditCurrency: row.credit_currency,
      };
      const sender = parties.get(subject.fromWalletId);
      if (row.in_period && sender) {
        const facts: Facts = { now: new Date(at), sender, recipient: subject.toWalletId ? (parties.get(subject.toWalletId) ?? null) : null, rates: rates(at), ...history.factsAt(subject, at) };
        run.record(subject, facts, (liveOutcome, candidateOutcome, matched) => ({
          id: row.id,
          at: new Date(at),
          kind: row.kind,
          amount: shown(subject.amount, subject.currency),
          currency: subject.currency,
          sender: who(subject.fromWalletId)!,
          recipient: who(subject.toWalletId),
          live: liveOutcome,
          candidate: candidateOutcome,
          matched,
        }));
      }
      if (row.status !== "blocked" && row.status !== "rejected") history.add(subject, at);
    }
  });
  return run.result();
}

const importsCarryNothingFor = (condition: Condition, entryKinds: ReadonlyMap<string, string>): string | null => {
  if (condition.type === "account_age_under") return "bank files carry no account opening dates";
  if ((condition.type === "on_list" || condition.type === "not_on_list") && entryKinds.get(condition.listId) !== "account") {
    return "bank files carry no emails or CPFs, only account numbers";
  }
  return null;
};

async function replayImports(
  sql: Database["$client"],
  candidate: Ruleset,
  live: Ruleset,
  needs: Needs,
  rates: (at: number) => Rates,
  since: Date,
): Promise<Backtest["imports"]> {
  const listIds = [...new Set([...candidate.rules, ...live.rules].flatMap((rule) => rule.conditions.flatMap((condition) => ("listId" in condition ? [condition.listId] : []))))];
  const entryKinds = new Map(
    listIds.length === 0 ? [] : (await sql`select id, entry_kind from screening_lists where id = any(${listIds}::text[]::uuid[])`).map((row) => [row.id as string, row.entry_kind as string]),
  );
  const notRun = new Map<string, { ruleId: string; name: string; reason: string }>();
  const runnable = (ruleset: Ruleset): Ruleset => ({
    ...ruleset,
    rules: ruleset.rules.filter((rule) => {
      const reason = rule.conditions.map((condition) => importsCarryNothingFor(condition, entryKinds)).find((found) => found !== null);
      if (reason) notRun.set(rule.ruleId, { ruleId: rule.ruleId, name: rule.name, reason });
      return !reason;
    }),
  });
  const run = tally(runnable(candidate), runnable(live));
  const history = new SlidingHistory(needs);
  const party = (account: string): Party => ({ accountNumber: normalizeEntry("account", account) ?? account, email: null, document: null, openedAt: new Date(0) });
  const historyFrom = new Date(since.getTime() - needs.lookBackMs);

  // Bank files give local date-times without a zone: they are the bank's, in the app's default zone.
  await sql`
    select id::text, origin_bank, origin_branch, origin_account, destination_bank, destination_branch, destination_account, amount, currency,
      occurred_at at time zone ${defaultTimeZone} as at
    from transactions where occurred_at > ${historyFrom.toISOString()}::timestamptz at time zone ${defaultTimeZone}
    order by occurred_at, id`.cursor(5000, (rows) => {
    for (const row of rows) {
      const at = new Date(row.at).getTime();
      const currency = row.currency.trim();
      const subject: Subject = {
        kind: "transfer",
        fromWalletId: `${row.origin_bank}|${row.origin_branch}|${row.origin_account}`,
        toWalletId: `${row.destination_bank}|${row.destination_branch}|${row.destination_account}`,
        amount: BigInt(row.amount),
        currency,
        creditCurrency: currency,
      };
      if (at >= since.getTime()) {
        const facts: Facts = {
          now: new Date(at),
          sender: party(row.origin_account),
          recipient: party(row.destination_account),
          rates: rates(at),
          ...history.factsAt(subject, at),
        };
        run.record(subject, facts, (liveOutcome, candidateOutcome, matched) => ({
          id: row.id,
          at: new Date(at),
          kind: "transfer",
          amount: shown(subject.amount, currency),
          currency,
          sender: `${row.origin_bank} ${row.origin_branch} ${row.origin_account}`,
          recipient: `${row.destination_bank} ${row.destination_branch} ${row.destination_account}`,
          live: liveOutcome,
          candidate: candidateOutcome,
          matched,
        }));
      }
      history.add(subject, at);
    }
  });
  return { ...run.result(), notRun: [...notRun.values()] };
}
