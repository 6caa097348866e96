import type postgres from "postgres";
import { DomainError } from "@/lib/errors";
import { formatMinorUnits, parseDecimalAmount } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { ownerVerified } from "./accounts";
import { heldAmounts, heldById } from "./available";
import { isUuid } from "@/lib/ids";
import { feeScheduleOf, type FeeSchedule } from "./pricing";
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

/**
 * Wallets a movement names: by id, or, for a recipient as a customer typed it, by account number
 * or by its owner's email (lower case).
 */
export type WalletNames = { ids?: string[]; accountNumbers?: string[]; emails?: string[] };

/** A wallet as read by walletsNamed: its state, its owner and its currency's fee schedule. */
export type NamedWallet = WalletState & {
  ownerId: string | null;
  accountNumber: string;
  ownerEmail: string | null;
  /** Its owner is a customer whose account is not deleted: a wallet others may pay. */
  activeCustomer: boolean;
  createdAt: Date;
  fees: FeeSchedule | null;
};

/** The wallets read by one walletsNamed statement, looked up the three ways a movement names them. */
export type WalletBook = { byId: ReadonlyMap<string, NamedWallet>; byNumber: ReadonlyMap<string, NamedWallet>; byEmail: ReadonlyMap<string, NamedWallet[]> };

/**
 * The one statement that reads the wallets `names` names, resolving account numbers and emails
 * in it. With `lock`, they are locked in one global order (by id), so two movements between the
 * same wallets in opposite directions queue instead of deadlocking, and a recipient named by
 * number or email is resolved as it is when locked.
 */
export function walletsNamed(sql: Queryable, names: WalletNames, { lock }: { lock: boolean }) {
  const ids = [...new Set(names.ids ?? [])].filter(isUuid);
  const numbers = [...new Set(names.accountNumbers ?? [])];
  const emails = [...new Set(names.emails ?? [])];
  return sql`
    select a.id, a.owner_id, a.account_number, a.currency, a.balance, a.frozen_at, a.closed_at, a.created_at,
      ${ownerVerified(sql)} as owner_verified, lower(u.email) as email, u.role = 'customer' and u.deleted_at is null as active_customer,
      f.flat, f.percent, f.minimum
    from ledger_accounts a left join users u on u.id = a.owner_id left join fee_schedules f on f.currency = a.currency
    where a.kind = 'wallet' and a.id = any(${ids}::text[]::uuid[]
      || array(select n.id from ledger_accounts n where n.account_number = any(${numbers}::text[]) and n.kind = 'wallet')
      || array(select e.id from users eu join ledger_accounts e on e.owner_id = eu.id
        where lower(eu.email) = any(${emails}::text[]) and eu.deleted_at is null and e.kind = 'wallet'))
    order by a.id ${lock ? sql`for update of a` : sql``}`;
}

/** Locks the wallets (see walletsNamed). */
export const lockWallets = (tx: LedgerTx, names: WalletNames) => walletsNamed(tx, names, { lock: true });

/** The wallets of a walletsNamed statement, with what their holds keep (`heldRows`, read after the locks). */
export function walletBook(rows: postgres.Row[], heldRows: postgres.Row[] = []): WalletBook {
  const held = heldById(heldRows);
  const byId = new Map<string, NamedWallet>();
  const byNumber = new Map<string, NamedWallet>();
  const byEmail = new Map<string, NamedWallet[]>();
  for (const row of rows) {
    const wallet: NamedWallet = {
      id: row.id,
      currency: row.currency,
      balance: BigInt(row.balance),
      held: held.get(row.id) ?? 0n,
      frozen: row.frozen_at !== null,
      closed: row.closed_at !== null,
      ownerVerified: row.owner_verified,
      ownerId: row.owner_id,
      accountNumber: row.account_number,
      ownerEmail: row.email,
      activeCustomer: row.active_customer === true,
      createdAt: new Date(row.created_at),
      fees: feeScheduleOf(row),
    };
    byId.set(wallet.id, wallet);
    byNumber.set(wallet.accountNumber, wallet);
    if (wallet.ownerEmail !== null) byEmail.set(wallet.ownerEmail, [...(byEmail.get(wallet.ownerEmail) ?? []), wallet]);
  }
  // An owner's wallets oldest first: "their first wallet" is the one they opened first.
  for (const wallets of byEmail.values()) wallets.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  return { byId, byNumber, byEmail };
}

/**
 * A movement made once its wallets are locked, from what they are then: for one whose wallets a
 * customer named by number or email, or whose price depends on them (a transfer). Its `names`
 * and `payer` (the wallet that may spend, whose holds are read) are known up front, so the locks
 * go out with the transaction's first statements; `make` may only use wallets from `wallets`.
 */
export type DeferredMovement<R> = { names: WalletNames; payer: string | null; make: (wallets: WalletBook) => Promise<Movement<R> | ItemError> };

/**
 * A movement to apply, under its idempotency key (none: it always runs). `alongside` writes what
 * else the movement changes, in its transaction, only when it runs and goes through (not when
 * refused or answered from its key): given the movement's answer, it sends its statements at
 * once (`.execute()`), and they go after the movement's own, before the COMMIT.
 */
export type Order<R> = { key: IdempotencyKey | null; movement: Movement<R> | ItemError | DeferredMovement<R>; alongside?: (tx: LedgerTx, result: R) => Promise<unknown> };

const isDeferred = <R>(movement: Movement<R> | DeferredMovement<R>): movement is DeferredMovement<R> => "make" in movement;
const namesOf = <R>(movement: Movement<R> | DeferredMovement<R>): WalletNames =>
  isDeferred(movement) ? movement.names : { ids: [...(movement.spends ? [movement.spends.walletId] : []), ...movement.lines.map((line) => line.accountId)] };
const payerOf = <R>(movement: Movement<R> | DeferredMovement<R>) => (isDeferred(movement) ? movement.payer : (movement.spends?.walletId ?? null));

/**
 * The one write path: applies movements (of one customer or several) in one database
 * transaction. `orders` prepares them inside it. The wallets they name are locked once, in id
 * order, and in the same round trip the answers already stored under their keys and the payers'
 * holds are read; when `orders` reads nothing, that is the transaction's first round trip.
 * Then deferred movements are made from the locked wallets, the plan is made (see plan()) and
 * everything is written with one statement sent with the COMMIT. A movement refused, or a key
 * reused for another request, moves nothing; the others go on. When a screening rule set is in
 * force, the movements it screens are decided on in the plan, from facts read after the locks
 * (lib/screening).
 */
export function applyMovements<R>(sql: LedgerSql, orders: (tx: LedgerTx) => Promise<Array<Order<R>>>): Promise<Array<Outcome<R>>> {
  return inPipelinedTransaction(sql, async (tx) => {
    // These statements run thousands of times a second in the same shape: planning each one anew
    // for its parameters cost more than running it, and their plans don't depend on the values.
    const genericPlans = tx`set local plan_cache_mode = force_generic_plan`.execute();
    const inForce = rulesetIdInForce(tx).execute();
    const items = await orders(tx);
    const keys = items.map((item) => item.key);
    const firsts = new Set([...firstUnderKey(keys).values()]);
    const toLock = items.filter((item, i) => (item.key === null || firsts.has(i)) && !("code" in item.movement)).map((item) => item.movement as Movement<R> | DeferredMovement<R>);
    const names = toLock.map(namesOf);
    const payers = new Set(toLock.map(payerOf).filter((payer): payer is string => payer !== null && isUuid(payer)));

    // Three reads in one round trip, run in this order: the locks; then, seeing everything
    // committed before them, the answers stored under these keys and the payers' holds.
    const locking = lockWallets(tx, {
      ids: names.flatMap((name) => name.ids ?? []),
      accountNumbers: names.flatMap((name) => name.accountNumbers ?? []),
      emails: names.flatMap((name) => name.emails ?? []),
    }).execute();
    const looking = storedAnswers(tx, keys.filter((key, i): key is IdempotencyKey => key !== null && firsts.has(i))).execute();
    const holding = heldAmounts(tx, [...payers]).execute();
    const [, [{ id: rulesetId }], locked, stored, held] = await Promise.all([genericPlans, inForce, locking, looking, holding]);

    const verdicts = judgeKeys<R>(keys, stored as unknown as Parameters<typeof judgeKeys>[1]);
    const running = items.flatMap((item, i) => ("run" in verdicts[i] ? [i] : []));
    const wallets = walletBook(locked, held);
    const movements = await Promise.all(
      running.map((i) => {
        const movement = items[i].movement;
        return "code" in movement || !isDeferred(movement) ? movement : movement.make(wallets);
      }),
    );
    for (const movement of movements) {
      // Its holds unread, the wallet would look richer than it is.
      if (!("code" in movement) && movement.spends && !payers.has(movement.spends.walletId)) throw new Error(`Wallet ${movement.spends.walletId} spends but was not named as the payer`);
    }

    const screened = movements.filter((movement): movement is Movement<R> => !("code" in movement) && movement.screen !== undefined);
    const ruleset = rulesetId !== null && screened.length > 0 ? await loadRuleset(sql, tx, rulesetId) : null;
    const subjects = ruleset ? screened.map((movement) => movement.screen!) : [];
    const facts = ruleset && ruleset.rules.length > 0 ? factsOf(subjects, await gatherFacts(tx, ruleset, subjects)) : [];
    const factsBySubject = new Map(subjects.map((subject, n) => [subject, facts[n]]));
    const screener: Screener | undefined = ruleset
      ? (subject: Subject, _index: number, earlier: Subject[]) =>
          ruleset.rules.length === 0 ? { rulesetId: ruleset.id, outcome: "allow", matched: [] } : screen(ruleset, subject, withEarlier(factsBySubject.get(subject)!, subject, earlier, ruleset))
      : undefined;

    const planned = plan(wallets.byId, movements, undefined, screener);
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
