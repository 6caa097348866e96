import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { z } from "zod";
import { isUuid } from "@/lib/ids";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { systemAccountId } from "./accounts";
import { GroupCommit } from "./group-commit";
import { requestHash } from "./idempotency";
import { assertBalanced, lockedWallet, money, parseAmount, type LockedWallet, type Posting } from "./movements";
import { convert, feeFor, type FeeSchedule } from "./pricing";
import { currentRate, type CurrentRate } from "./rates";
import { inPipelinedTransaction } from "./transaction";

// No field of a transfer holds a control character; refused here, one would fail the statement
// of every transfer grouped with it (see GroupCommit), not just its own.
const printable = (field: z.ZodString) => field.regex(/^[^\p{Cc}]*$/u, "Remove the control characters.");

export const transferInputSchema = z.object({
  from: printable(z.string().trim().min(1, "Choose the wallet to send from.").max(100)),
  to: printable(z.string().trim().min(1, "Give the recipient's email or account number.").max(320)),
  amount: printable(z.string().trim().min(1, "Enter an amount.").max(40)),
});
export type TransferInput = z.infer<typeof transferInputSchema>;
export type BatchItem = TransferInput & { idempotencyKey: string };

/** The customer a request acts for. */
export type Customer = { userId: string };

/** A transfer to apply: what, under which key, for whom. */
type TransferOrder = BatchItem & { customer: Customer };

type Queryable = postgres.Sql | postgres.TransactionSql;

type WalletRef = { id: string; ownerId: string; accountNumber: string; currency: string };

export type TransferQuote = {
  from: WalletRef;
  to: WalletRef;
  amount: bigint;
  fee: bigint;
  credited: bigint;
  rate: CurrentRate | null;
};

export type TransferResult = {
  id: string;
  status: "completed";
  debited: { amount: string; currency: string };
  credited: { amount: string; currency: string };
  fee: { amount: string; currency: string };
  rate: { base: string; quote: string; rate: string; source: string; at: string } | null;
};

export type ItemError = { code: ErrorCode; message: string; field?: string };
export type BatchOutcome = { ok: true; result: TransferResult } | { ok: false; error: ItemError };


/**
 * Resolves and prices transfers in bulk, before any lock is taken: the sending wallets (each
 * item's customer's own only), the recipients (an active customer's wallet, by account number,
 * or by email: their wallet in the sender's currency, else their first), rates and fees. A bad
 * item gets its error.
 */
async function quoteAll(sql: Queryable, items: Array<TransferInput & Pick<TransferOrder, "customer">>): Promise<Array<TransferQuote | ItemError>> {
  const senderIds = [...new Set(items.map((item) => item.from).filter((id) => isUuid(id)))];
  const numbers = [...new Set(items.map((item) => item.to).filter((to) => /^\d{6,20}$/.test(to)))];
  const emails = [...new Set(items.map((item) => item.to.toLowerCase()).filter((to) => to.includes("@")))];
  // One statement for the senders (with their currency's fees) and both kinds of recipient.
  const rows = await sql`
    select 'sender' as role, a.id, a.owner_id, a.account_number, a.currency, null as email, a.created_at,
      f.currency is not null as has_fees, f.flat, f.percent, f.minimum
    from ledger_accounts a left join fee_schedules f on f.currency = a.currency
    where a.id = any(${senderIds}::text[]::uuid[]) and a.kind = 'wallet'
    union all
    select 'number', a.id, a.owner_id, a.account_number, a.currency, null, a.created_at, false, null, null, null
    from ledger_accounts a join users u on u.id = a.owner_id
    where a.account_number = any(${numbers}::text[]) and a.kind = 'wallet' and u.deleted_at is null and u.role = 'customer'
    union all
    select 'email', a.id, a.owner_id, a.account_number, a.currency, lower(u.email), a.created_at, false, null, null, null
    from ledger_accounts a join users u on u.id = a.owner_id
    where lower(u.email) = any(${emails}::text[]) and u.deleted_at is null and u.role = 'customer' and a.kind = 'wallet'
    order by created_at`;
  const ref = (row: postgres.Row): WalletRef => ({ id: row.id, ownerId: row.owner_id, accountNumber: row.account_number, currency: row.currency });
  const senderById = new Map<string, WalletRef>();
  const walletByNumber = new Map<string, WalletRef>();
  const walletsByEmail = new Map<string, WalletRef[]>();
  const schedules = new Map<string, FeeSchedule | null>();
  for (const row of rows) {
    if (row.role === "sender") {
      senderById.set(row.id, ref(row));
      schedules.set(row.currency, row.has_fees ? { flat: BigInt(row.flat), percent: BigInt(row.percent), minimum: BigInt(row.minimum) } : null);
    } else if (row.role === "number") walletByNumber.set(row.account_number, ref(row));
    else walletsByEmail.set(row.email, [...(walletsByEmail.get(row.email) ?? []), ref(row)]);
  }

  const rates = new Map<string, Promise<CurrentRate | ItemError>>();
  const rateFor = (from: string, to: string) => {
    const key = `${from}:${to}`;
    if (!rates.has(key)) rates.set(key, currentRate(sql, from, to).catch(itemError));
    return rates.get(key)!;
  };

  return Promise.all(
    items.map(async (item): Promise<TransferQuote | ItemError> => {
      try {
        const from = senderById.get(item.from);
        // Another customer's wallet is as good as missing.
        if (!from || from.ownerId !== item.customer.userId) throw new DomainError("NOT_FOUND", "No such wallet.", "from");
        const amount = parseAmount(item.amount, from.currency);
        const candidates = item.to.includes("@") ? (walletsByEmail.get(item.to.toLowerCase()) ?? []) : [walletByNumber.get(item.to)].filter(Boolean);
        const to = candidates.find((wallet) => wallet!.currency === from.currency) ?? candidates[0];
        if (!to) throw new DomainError("UNKNOWN_RECIPIENT", "No customer wallet has this email or account number.", "to");
        if (to.id === from.id) throw new DomainError("VALIDATION_FAILED", "Send to another wallet than the one paying.", "to");
        const rate = to.currency === from.currency ? null : await rateFor(from.currency, to.currency);
        if (rate !== null && "code" in rate) return rate;
        const credited = rate ? convert(amount, from.currency, to.currency, rate.scaled, rate.inverted) : amount;
        // Conversions round down, so one worth less than the target's smallest unit would credit nothing.
        if (credited <= 0n) {
          const smallest = formatMinorUnits(1n, currencyScale(to.currency));
          throw new DomainError("INVALID_AMOUNT", `At the current rate this is worth less than ${smallest} ${to.currency}: send more.`, "amount");
        }
        return { from, to, amount, fee: feeFor(amount, schedules.get(from.currency) ?? null), credited, rate };
      } catch (error) {
        return itemError(error);
      }
    }),
  );
}

function itemError(error: unknown): ItemError {
  if (error instanceof DomainError) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  throw error;
}

/** What a transfer would do, without doing it: the fee, the rate and what the recipient gets. */
export async function quoteTransfer(sql: postgres.Sql, customer: Customer, input: TransferInput): Promise<TransferQuote> {
  const [quote] = await quoteAll(sql, [{ ...input, customer }]);
  if ("code" in quote) throw new DomainError(quote.code, quote.message, quote.field);
  return quote;
}

function resultOf(id: string, quote: TransferQuote): TransferResult {
  const rate = quote.rate;
  return {
    id,
    status: "completed",
    debited: money(quote.amount, quote.from.currency),
    credited: money(quote.credited, quote.to.currency),
    fee: money(quote.fee, quote.from.currency),
    rate: rate ? { base: rate.base, quote: rate.quote, rate: rate.rate, source: rate.source, at: rate.at.toISOString() } : null,
  };
}

const groups = new WeakMap<postgres.Sql, GroupCommit<TransferOrder, BatchOutcome>>();

/**
 * Moves money from the customer's wallet to another; runs once per idempotency key. Transfers
 * requested at the same moment through the same pool share a database transaction (see
 * GroupCommit); each still gets its own answer.
 */
export async function transfer(sql: postgres.Sql, customer: Customer, input: TransferInput, idempotencyKey: string): Promise<TransferResult> {
  let group = groups.get(sql);
  if (!group) groups.set(sql, (group = new GroupCommit((orders) => applyTransfers(sql, orders))));
  const outcome = await group.submit({ ...input, idempotencyKey, customer });
  if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message, outcome.error.field);
  return outcome.result;
}

/**
 * Applies many transfers of one customer in one database transaction, each under its own
 * idempotency key, with a result per item.
 */
export function transferBatch(sql: postgres.Sql, customer: Customer, items: BatchItem[]): Promise<BatchOutcome[]> {
  return applyTransfers(sql, items.map((item) => ({ ...item, customer })));
}

/**
 * Applies transfers, of one customer or several, in one database transaction: an item refused
 * (insufficient funds, frozen wallet, unknown recipient, a key reused for another request) moves
 * nothing and the others go on. The rows involved are locked once, in id order, and everything
 * is written with one set-based statement.
 */
async function applyTransfers(sql: postgres.Sql, items: TransferOrder[]): Promise<BatchOutcome[]> {
  const hashes = items.map((item) => requestHash("transfer", { from: item.from, to: item.to, amount: item.amount }));
  const scopes = items.map((item) => `user:${item.customer.userId}`);
  // A key belongs to its customer: two customers may send the same one.
  const keyOf = (i: number) => `${scopes[i]} ${items[i].idempotencyKey}`;

  return inPipelinedTransaction(sql, async (tx) => {
    // These statements run thousands of times a second in the same shape: planning each one anew
    // for its parameters cost more than running it, and their plans don't depend on the values.
    const genericPlans = tx`set local plan_cache_mode = force_generic_plan`.execute();
    const [, quotes] = await Promise.all([genericPlans, quoteAll(tx, items)]);
    const currencies = new Set<string>();
    for (const quote of quotes) if (!("code" in quote)) currencies.add(quote.from.currency).add(quote.to.currency);
    const systemIds = new Map<string, string>();
    for (const currency of currencies) {
      systemIds.set(`fees:${currency}`, await systemAccountId(sql, "fees", currency, tx));
      systemIds.set(`fx:${currency}`, await systemAccountId(sql, "fx", currency, tx));
    }
    const outcomes: Array<BatchOutcome | undefined> = new Array(items.length);

    const firstIndex = new Map<string, number>();
    items.forEach((_, i) => {
      if (!firstIndex.has(keyOf(i))) firstIndex.set(keyOf(i), i);
    });
    const firsts = [...firstIndex.values()];
    const priced = firsts.filter((i) => !("code" in quotes[i])).map((i) => quotes[i] as TransferQuote);
    const walletIds = [...new Set(priced.flatMap((quote) => [quote.from.id, quote.to.id]))];
    const senderIds = [...new Set(priced.map((quote) => quote.from.id))];

    // Three reads in one round trip, run in this order: lock every wallet involved, in id order;
    // then, seeing everything committed before the locks, the answers already stored under these
    // keys (a retry, or a conflict) and the senders' holds.
    const locking = tx`
      select id, owner_id, currency, balance, frozen_at from ledger_accounts
      where id = any(${walletIds}::text[]::uuid[]) and kind = 'wallet' order by id for update`.execute();
    const looking = tx`
      select scope, key, request_hash, response from idempotency_keys
      where (scope, key) in (select * from unnest(${firsts.map((i) => scopes[i])}::text[], ${firsts.map((i) => items[i].idempotencyKey)}::text[]))`.execute();
    const holding = tx`
      select from_account_id, sum(debit_amount + fee_amount) as held from ledger_transfers
      where from_account_id = any(${senderIds}::text[]::uuid[]) and status = 'pending' and expires_at > now()
      group by from_account_id`.execute();
    const [locked, storedRows, heldRows] = await Promise.all([locking, looking, holding]);
    const wallets = new Map<string, LockedWallet>(locked.map((row) => [row.id, lockedWallet(row)]));
    const held = new Map<string, bigint>(heldRows.map((row) => [row.from_account_id as string, BigInt(row.held)]));
    const stored = new Map(storedRows.map((row) => [`${row.scope} ${row.key}`, { hash: row.request_hash as string, response: row.response as TransferResult }]));

    const conflict: ItemError = { code: "IDEMPOTENCY_CONFLICT", message: "This Idempotency-Key was already used for a different request." };
    const toRun: number[] = [];
    items.forEach((_, i) => {
      const first = firstIndex.get(keyOf(i))!;
      const previous = stored.get(keyOf(i));
      if (previous) outcomes[i] = previous.hash === hashes[i] ? { ok: true, result: previous.response } : { ok: false, error: conflict };
      else if (first !== i) outcomes[i] = hashes[first] === hashes[i] ? undefined : { ok: false, error: conflict };
      else {
        const quote = quotes[i];
        if ("code" in quote) outcomes[i] = { ok: false, error: quote };
        else toRun.push(i);
      }
    });

    const transfers: Array<{ id: string; quote: TransferQuote; index: number; requestedBy: string }> = [];
    const postings: Array<Posting & { transferId: string; balanceAfter: bigint | null }> = [];
    const book = (transferId: string, line: Posting) => {
      const wallet = wallets.get(line.accountId);
      if (wallet) wallet.balance += line.amount;
      postings.push({ ...line, transferId, balanceAfter: wallet ? wallet.balance : null });
    };
    for (const i of toRun) {
      const quote = quotes[i] as TransferQuote;
      const sender = wallets.get(quote.from.id)!;
      const available = sender.balance - (held.get(sender.id) ?? 0n);
      if (sender.frozen) {
        outcomes[i] = { ok: false, error: { code: "WALLET_FROZEN", message: "This wallet is frozen: it can't send money. Contact support.", field: "from" } };
        continue;
      }
      if (available < quote.amount + quote.fee) {
        outcomes[i] = {
          ok: false,
          error: { code: "INSUFFICIENT_FUNDS", message: `Not enough money: ${money(available, quote.from.currency).amount} ${quote.from.currency} available.`, field: "amount" },
        };
        continue;
      }
      const id = randomUUID();
      transfers.push({ id, quote, index: i, requestedBy: items[i].customer.userId });
      const { from, to, amount, fee, credited, rate } = quote;
      const firstLine = postings.length;
      book(id, { accountId: from.id, amount: -amount, currency: from.currency, purpose: "principal" });
      if (rate) {
        book(id, { accountId: systemIds.get(`fx:${from.currency}`)!, amount, currency: from.currency, purpose: "principal" });
        book(id, { accountId: systemIds.get(`fx:${to.currency}`)!, amount: -credited, currency: to.currency, purpose: "principal" });
      }
      book(id, { accountId: to.id, amount: credited, currency: to.currency, purpose: "principal" });
      if (fee > 0n) {
        book(id, { accountId: from.id, amount: -fee, currency: from.currency, purpose: "fee" });
        book(id, { accountId: systemIds.get(`fees:${from.currency}`)!, amount: fee, currency: from.currency, purpose: "fee" });
      }
      assertBalanced(id, postings.slice(firstLine));
      outcomes[i] = { ok: true, result: resultOf(id, quote) };
    }

    // A new key is stored with its answer; a refused item stores nothing, so a retry runs again.
    const answered = transfers.map((entry) => entry.index);
    let writing: Promise<unknown> | undefined;
    if (transfers.length > 0) {
      const column = <T>(pick: (entry: (typeof transfers)[number]) => T) => transfers.map(pick);
      const rateOf = (quote: TransferQuote) => quote.rate;
      const touched = [...new Set(postings.map((line) => line.accountId))].filter((id) => wallets.has(id));
      // Every write in one statement, sent with the COMMIT. A key stored meanwhile by a concurrent
      // request (it was not there when read above) fails it: the transaction runs again and answers from it.
      writing = tx`
        with transfers as (
          insert into ledger_transfers (id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency,
            credit_amount, credit_currency, fee_amount, rate, rate_base, rate_source, rate_at, requested_by, completed_at)
          select id, 'transfer', 'completed', f, t, da, dc, ca, cc, fee, rate, rb, rs, ra, rq, now()
          from unnest(${column((e) => e.id)}::text[]::uuid[], ${column((e) => e.quote.from.id)}::text[]::uuid[], ${column((e) => e.quote.to.id)}::text[]::uuid[],
            ${column((e) => e.quote.amount.toString())}::text[]::bigint[], ${column((e) => e.quote.from.currency)}::text[]::char(3)[],
            ${column((e) => e.quote.credited.toString())}::text[]::bigint[], ${column((e) => e.quote.to.currency)}::text[]::char(3)[],
            ${column((e) => e.quote.fee.toString())}::text[]::bigint[], ${column((e) => rateOf(e.quote)?.rate ?? null)}::text[]::numeric[],
            ${column((e) => rateOf(e.quote)?.base ?? null)}::text[]::char(3)[], ${column((e) => rateOf(e.quote)?.source ?? null)}::text[],
            ${column((e) => rateOf(e.quote)?.at.toISOString() ?? null)}::text[]::timestamptz[], ${column((e) => e.requestedBy)}::text[]::uuid[])
            as v(id, f, t, da, dc, ca, cc, fee, rate, rb, rs, ra, rq)
          returning 1
        ), postings as (
          insert into ledger_postings (transfer_id, account_id, amount, currency, purpose, balance_after)
          select * from unnest(${postings.map((line) => line.transferId)}::text[]::uuid[], ${postings.map((line) => line.accountId)}::text[]::uuid[],
            ${postings.map((line) => line.amount.toString())}::text[]::bigint[], ${postings.map((line) => line.currency)}::text[]::char(3)[],
            ${postings.map((line) => line.purpose)}::text[]::ledger_posting_purpose[], ${postings.map((line) => line.balanceAfter?.toString() ?? null)}::text[]::bigint[])
          returning 1
        ), balances as (
          update ledger_accounts a set balance = v.balance
          from unnest(${touched}::text[]::uuid[], ${touched.map((id) => wallets.get(id)!.balance.toString())}::text[]::bigint[]) as v(id, balance)
          where a.id = v.id
          returning 1
        ), answers as (
          insert into idempotency_keys (scope, key, request_hash, response)
          select s, k, h, r::jsonb from unnest(${answered.map((i) => scopes[i])}::text[], ${answered.map((i) => items[i].idempotencyKey)}::text[],
            ${answered.map((i) => hashes[i])}::text[], ${answered.map((i) => JSON.stringify((outcomes[i] as { result: TransferResult }).result))}::text[]) as v(s, k, h, r)
          returning 1
        )
        select 1`.execute();
    }
    // A repeated key in the same batch answers like its first item.
    return { result: outcomes.map((outcome, i) => outcome ?? outcomes[firstIndex.get(keyOf(i))!]!), commitWith: writing };
  });
}
