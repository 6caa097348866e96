import type { ScreeningOutcome } from "@/db/schema";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { convertRoundingUp } from "@/lib/ledger/pricing";
import { structuringBand, thresholdOf, type Condition } from "./conditions";

// The decision on one movement, as a pure function of the rules in force and the facts about the
// movement and its history (gathered by facts.ts): nothing here reads the database or the clock.

export type LiveRule = { ruleId: string; versionId: string; version: number; name: string; outcome: ScreeningOutcome; conditions: Condition[] };
export type LiveList = { listId: string; versionId: string; version: number; name: string; kind: "deny" | "allow"; entries: ReadonlySet<string> };

/** What is in force: a screening_rulesets row with its rule versions and list versions. */
export type Ruleset = { id: number; rules: LiveRule[]; lists: ReadonlyMap<string, LiveList> };

/** The movement screened: a transfer (`to` set) or a withdrawal, in the sending wallet's currency. */
export type Subject = {
  kind: "transfer" | "withdrawal";
  fromWalletId: string;
  toWalletId: string | null;
  amount: bigint;
  currency: string;
  creditCurrency: string;
};

export type Party = { accountNumber: string; email: string | null; document: string | null; openedAt: Date };

/** A window's outgoing movements before this one: how many and how much (in the wallet's currency). */
export type WindowTally = { count: number; sum: bigint };

export type Facts = {
  now: Date;
  sender: Party;
  recipient: Party | null;
  /** By window length in minutes. */
  windows: ReadonlyMap<number, WindowTally>;
  /** Earlier transfers to this recipient in a structuring condition's band and window, by bandKey(). */
  bands: ReadonlyMap<string, number>;
  /** An earlier transfer from this wallet to this recipient exists. */
  sentBefore: boolean;
  /** Rates by `${from}:${to}`, as the ledger quotes them (see lib/ledger/rates.ts). */
  rates: ReadonlyMap<string, { scaled: bigint; inverted: boolean }>;
};

export type MatchedRule = { ruleId: string; versionId: string; version: number; name: string; outcome: ScreeningOutcome; figures: Record<string, string> };

/** What screening decided, as recorded on the movement (ledger_transfers.screening). */
export type Decision = { rulesetId: number; outcome: ScreeningOutcome; matched: MatchedRule[] };

export const bandKey = (condition: Extract<Condition, { type: "structuring" }>) => {
  const { low, high } = structuringBand(condition);
  return `${condition.windowMinutes}:${condition.currency}:${low}:${high}`;
};

const strength: Record<ScreeningOutcome, number> = { allow: 0, review: 1, block: 2 };

const shown = (amount: bigint, currency: string) => `${formatMinorUnits(amount, currencyScale(currency))} ${currency}`;

/**
 * The amount in `currency`, converted at the current rate rounding up: a borderline movement
 * reaches a threshold rather than slip under it. Null when there is no rate.
 */
function amountIn(subject: Subject, currency: string, facts: Facts): bigint | null {
  if (subject.currency === currency) return subject.amount;
  const rate = facts.rates.get(`${subject.currency}:${currency}`);
  return rate ? convertRoundingUp(subject.amount, subject.currency, currency, rate.scaled, rate.inverted) : null;
}

const dayMs = 24 * 60 * 60 * 1000;

/** The figures that made `condition` hold for the movement, or null when it doesn't. */
function evaluate(condition: Condition, subject: Subject, facts: Facts, lists: Ruleset["lists"]): Record<string, string> | null {
  switch (condition.type) {
    case "amount_at_least": {
      if (!condition.convert && subject.currency !== condition.currency) return null;
      const amount = amountIn(subject, condition.currency, facts);
      return amount !== null && amount >= thresholdOf(condition) ? { amount: shown(amount, condition.currency), threshold: shown(thresholdOf(condition), condition.currency) } : null;
    }
    case "cross_currency_at_least": {
      if (subject.currency === subject.creditCurrency) return null;
      const amount = amountIn(subject, condition.currency, facts);
      return amount !== null && amount >= thresholdOf(condition)
        ? { amount: shown(amount, condition.currency), threshold: shown(thresholdOf(condition), condition.currency), pair: `${subject.currency}→${subject.creditCurrency}` }
        : null;
    }
    case "velocity": {
      const count = (facts.windows.get(condition.windowMinutes)?.count ?? 0) + 1;
      return count >= condition.atLeast ? { count: String(count), windowMinutes: String(condition.windowMinutes), threshold: String(condition.atLeast) } : null;
    }
    case "velocity_sum": {
      if (subject.currency !== condition.currency) return null;
      const sum = (facts.windows.get(condition.windowMinutes)?.sum ?? 0n) + subject.amount;
      return sum >= thresholdOf(condition)
        ? { sum: shown(sum, condition.currency), windowMinutes: String(condition.windowMinutes), threshold: shown(thresholdOf(condition), condition.currency) }
        : null;
    }
    case "first_to_recipient":
      return subject.kind === "transfer" && !facts.sentBefore ? { firstTransferTo: facts.recipient?.accountNumber ?? "" } : null;
    case "structuring": {
      if (subject.kind !== "transfer" || subject.currency !== condition.currency) return null;
      const { low, high } = structuringBand(condition);
      if (subject.amount < low || subject.amount >= high) return null;
      const count = (facts.bands.get(bandKey(condition)) ?? 0) + 1;
      return count >= condition.count
        ? { count: String(count), band: `${shown(low, condition.currency)} – ${shown(high, condition.currency)}`, windowMinutes: String(condition.windowMinutes) }
        : null;
    }
    case "on_list":
    case "not_on_list": {
      const list = lists.get(condition.listId);
      const who = condition.party === "sender" ? facts.sender : facts.recipient;
      if (!list || !who) return null;
      const hit = [who.accountNumber, who.email, who.document].find((value) => value !== null && list.entries.has(value));
      if (condition.type === "on_list") return hit ? { [condition.party]: hit, list: `${list.name} v${list.version}` } : null;
      return hit ? null : { [condition.party]: who.accountNumber, notOn: `${list.name} v${list.version}` };
    }
    case "account_age_under": {
      const who = condition.party === "sender" ? facts.sender : facts.recipient;
      if (!who) return null;
      const days = Math.floor((facts.now.getTime() - who.openedAt.getTime()) / dayMs);
      return days < condition.days ? { [`${condition.party}AccountAgeDays`]: String(days), threshold: String(condition.days) } : null;
    }
  }
}

/** The strongest outcome of the rules whose conditions all hold (allow when none does), with what each matched. */
export function screen(ruleset: Ruleset, subject: Subject, facts: Facts): Decision {
  const matched: MatchedRule[] = [];
  for (const rule of ruleset.rules) {
    const figures: Record<string, string> = {};
    let holds = true;
    for (const condition of rule.conditions) {
      const found = evaluate(condition, subject, facts, ruleset.lists);
      if (!found) {
        holds = false;
        break;
      }
      Object.assign(figures, found);
    }
    if (holds) matched.push({ ruleId: rule.ruleId, versionId: rule.versionId, version: rule.version, name: rule.name, outcome: rule.outcome, figures });
  }
  const outcome = matched.reduce<ScreeningOutcome>((strongest, rule) => (strength[rule.outcome] > strength[strongest] ? rule.outcome : strongest), "allow");
  return { rulesetId: ruleset.id, outcome, matched };
}

/** What an earlier movement accepted in the same plan adds to a later one's facts (they all happen at the same now()). */
export function withEarlier(facts: Facts, subject: Subject, earlier: Subject[], ruleset: Ruleset): Facts {
  const mine = earlier.filter((movement) => movement.fromWalletId === subject.fromWalletId);
  if (mine.length === 0) return facts;
  const windows = new Map(facts.windows);
  for (const [minutes, tally] of facts.windows) {
    windows.set(minutes, { count: tally.count + mine.length, sum: mine.reduce((sum, movement) => sum + movement.amount, tally.sum) });
  }
  const toRecipient = mine.filter((movement) => movement.kind === "transfer" && subject.toWalletId !== null && movement.toWalletId === subject.toWalletId);
  const bands = new Map(facts.bands);
  for (const rule of ruleset.rules) {
    for (const condition of rule.conditions) {
      if (condition.type !== "structuring") continue;
      const { low, high } = structuringBand(condition);
      const inBand = toRecipient.filter((movement) => movement.currency === condition.currency && movement.amount >= low && movement.amount < high).length;
      bands.set(bandKey(condition), (facts.bands.get(bandKey(condition)) ?? 0) + inBand);
    }
  }
  return { ...facts, windows, bands, sentBefore: facts.sentBefore || toRecipient.length > 0 };
}

/** The window lengths and structuring bands a ruleset needs counted from history. */
export function historyNeeds(ruleset: Ruleset) {
  const windows = new Set<number>();
  const bands = new Map<string, { windowMinutes: number; currency: string; low: bigint; high: bigint }>();
  let conversions = false;
  for (const rule of ruleset.rules) {
    for (const condition of rule.conditions) {
      if (condition.type === "velocity" || condition.type === "velocity_sum") windows.add(condition.windowMinutes);
      if (condition.type === "structuring") bands.set(bandKey(condition), { windowMinutes: condition.windowMinutes, currency: condition.currency, ...structuringBand(condition) });
      if ((condition.type === "amount_at_least" && condition.convert) || condition.type === "cross_currency_at_least") conversions = true;
    }
  }
  return { windows: [...windows], bands: [...bands].map(([key, band]) => ({ key, ...band })), conversions };
}
