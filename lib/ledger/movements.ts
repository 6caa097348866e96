import type postgres from "postgres";
import { DomainError } from "@/lib/errors";
import { formatMinorUnits, parseDecimalAmount } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { ownerVerified } from "./accounts";
import { heldAmounts, heldById } from "./available";
import type { LedgerSql, LedgerTx, Queryable } from "./db";
import { firstUnderKey, judgeKeys, storedAnswers, type Answer, type IdempotencyKey } from "./idempotency";
import { screen, withEarlier, type Subject } from "@/lib/screening/engine";
import { factsOf, gatherFacts, loadRuleset, rulesetIdInForce } from "@/lib/screening/facts";
import { plan, type ItemError, type Movement, type Outcome, type Screener, type WalletState } from "./plan";
import { post } from "./post";
import { inPipelinedTransaction } from "./transaction";

/** The most one movement may move, in minor units: with its fee it still fits a bigint column. */
export const largestAmount = 9_000_000_000_000_000n;

/** An amount typed or sent as a decimal string, in the currency's minor units, or INVALID_AMOUNT. */
export function parseAmount(text: string, currency: string, field = "amount"): bigint {
  const amount = parseDecimalAmount(text.trim(), currencyScale(currency));
  if (amount === null || amount <= 0n || amount > largestAmount) {
    throw new DomainError(
      "INVALID_AMOUNT",
      `The amount must be a positive ${currency} amount with at most ${currencyScale(currency)} decimal places, like ${formatMinorUnits(1050n, currencyScale(currency))}.`,
      field,
    );
  }
  return amount;
}

export function money(amount: bigint, currency: string) {
  return { amount: formatMinorUnits(amount, currencyScale(currency)), currency };
}

/** The statement that locks wallets in one global order (by id), so two movements between the same wallets in opposite directions queue instead of deadlocking. */
export function lockWallets(tx: LedgerTx, ids: string[]) {
  return tx`
    select a.id, a.currency, a.balance, a.frozen_at, a.closed_at, ${ownerVerified(tx)} as owner_verified from ledger_accounts a
    where a.id = any(${[...new Set(ids)]}::text[]::uuid[]) and a.kind = 'wallet' order by a.id for update`;
}

/** The locked wallets' state, with what their holds keep (`heldRows`, read after the locks). */
export function walletStates(locked: postgres.Row[], heldRows: postgres.Row[]): Map<string, WalletState> {
  const held = heldById(heldRows);
  return new Map(
    locked.map((row) => [row.id, { id: row.id, currency: row.currency, balance: BigInt(row.balance), held: held.get(row.id) ?? 0n, frozen: row.frozen_at !== null, closed: row.closed_at !== null, ownerVerified: row.owner_verified }]),
  );
}

/**
 * A movement to apply, under its idempotency key (none: it always runs). `alongside` writes what
 * else the movement changes, in its transaction, only when it runs and goes through (not when
 * refused or answered from its key): given the movement's answer, it sends its statements at
 * once (`.execute()`), and they go after the movement's own, before the COMMIT.
 */
export type Order<R> = { key: IdempotencyKey | null; movement: Movement<R> | ItemError; alongside?: (tx: LedgerTx, result: R) => Promise<unknown> };

const accountsOf = (movement: Movement<unknown>) => [...(movement.spends ? [movement.spends.walletId] : []), ...movement.lines.map((line) => line.accountId)];

/**
 * The one write path: applies movements (of one customer or several) in one database
 * transaction. `orders` prepares them inside it; the wallets involved are locked once, in id
 * order, then the answers already stored under their keys and the payers' holds are read, the
 * plan is made (see plan()) and everything is written with one statement sent with the COMMIT.
 * A movement refused, or a key reused for another request, moves nothing; the others go on.
 * When a screening rule set is in force, the movements it screens are decided on in the plan,
 * from the facts read with the locks (lib/screening).
 */
export function applyMovements<R>(sql: LedgerSql, orders: (tx: LedgerTx) => Promise<Array<Order<R>>>): Promise<Array<Outcome<R>>> {
  return inPipelinedTransaction(sql, async (tx) => {
    // These statements run thousands of times a second in the same shape: planning each one anew
    // for its parameters cost more than running it, and their plans don't depend on the values.
    const genericPlans = tx`set local plan_cache_mode = force_generic_plan`.execute();
    const inForce = rulesetIdInForce(tx).execute();
    const [, items, [{ id: rulesetId }]] = await Promise.all([genericPlans, orders(tx), inForce]);
    const keys = items.map((item) => item.key);
    const firsts = new Set([...firstUnderKey(keys).values()]);
    const toLock = items.filter((item, i) => (item.key === null || firsts.has(i)) && !("code" in item.movement)).map((item) => item.movement as Movement<R>);
    const payers = [...new Set(toLock.flatMap((movement) => (movement.spends ? [movement.spends.walletId] : [])))];
    const screened = toLock.filter((movement) => movement.screen);
    const ruleset = rulesetId !== null && screened.length > 0 ? await loadRuleset(sql, tx, rulesetId) : null;

    // Three reads in one round trip, run in this order: the locks; then, seeing everything
    // committed before them, the answers stored under these keys and the payers' holds.
    const locking = lockWallets(tx, toLock.flatMap(accountsOf)).execute();
    const looking = storedAnswers(tx, keys.filter((key, i): key is IdempotencyKey => key !== null && firsts.has(i))).execute();
    const holding = heldAmounts(tx, payers).execute();
    const subjects = ruleset ? screened.map((movement) => movement.screen!) : [];
    const gathering = ruleset && ruleset.rules.length > 0 ? gatherFacts(tx, ruleset, subjects) : null;
    const [locked, stored, held, gathered] = await Promise.all([locking, looking, holding, gathering]);
    const facts = gathered ? factsOf(subjects, gathered) : [];
    const factsBySubject = new Map(subjects.map((subject, n) => [subject, facts[n]]));
    const screener: Screener | undefined = ruleset
      ? (subject: Subject, _index: number, earlier: Subject[]) =>
          ruleset.rules.length === 0 ? { rulesetId: ruleset.id, outcome: "allow", matched: [] } : screen(ruleset, subject, withEarlier(factsBySubject.get(subject)!, subject, earlier, ruleset))
      : undefined;

    const verdicts = judgeKeys<R>(keys, stored as unknown as Parameters<typeof judgeKeys>[1]);
    const running = items.flatMap((item, i) => ("run" in verdicts[i] ? [i] : []));
    const planned = plan(
      walletStates(locked, held),
      running.map((i) => items[i].movement),
      undefined,
      screener,
    );
    const outcomes = new Array<Outcome<R>>(items.length);
    running.forEach((i, n) => (outcomes[i] = planned.outcomes[n]));
    const answers: Answer[] = running.flatMap((i) => {
      const outcome = outcomes[i];
      return outcome.ok && items[i].key ? [{ ...items[i].key!, response: outcome.result }] : [];
    });
    verdicts.forEach((verdict, i) => {
      if ("answer" in verdict) outcomes[i] = verdict.answer;
    });
    verdicts.forEach((verdict, i) => {
      if ("sameAs" in verdict) outcomes[i] = outcomes[verdict.sameAs];
    });
    const posted = post(tx, planned, answers);
    const alongside = running.flatMap((i) => {
      const outcome = outcomes[i];
      const write = items[i].alongside;
      return outcome.ok && write ? [write(tx, outcome.result)] : [];
    });
    return { result: outcomes, commitWith: Promise.all([posted, ...alongside]) };
  });
}

/**
 * Outcomes with the current status of the movements they answered as held for review: an answer
 * replayed under its idempotency key says what became of it since (completed, rejected, or for a
 * withdrawal pending once released). One read, and only when something was held.
 */
export async function currentStatuses<R extends { id: string; status: string }>(sql: Queryable, outcomes: Array<Outcome<R>>): Promise<Array<Outcome<R>>> {
  const held = outcomes.flatMap((outcome) => (outcome.ok && outcome.result.status === "pending_review" ? [outcome.result.id] : []));
  if (held.length === 0) return outcomes;
  const rows = await sql`select id, status from ledger_transfers where id = any(${held}::text[]::uuid[])`;
  const statuses = new Map(rows.map((row) => [row.id as string, row.status as string]));
  return outcomes.map((outcome) => (outcome.ok && statuses.has(outcome.result.id) ? { ok: true, result: { ...outcome.result, status: statuses.get(outcome.result.id)! } } : outcome));
}

/** An outcome as its caller sees it: the result, or the refusal thrown as a DomainError. */
export function unwrap<R>(outcome: Outcome<R>): R {
  if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message, outcome.error.field, outcome.error.reference ? { reference: outcome.error.reference } : undefined);
  return outcome.result;
}
