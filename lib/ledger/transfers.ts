import type { Database } from "@/db/client";
import type postgres from "postgres";
import { z } from "zod";
import { Batcher } from "@/lib/batcher";
import { isUuid } from "@/lib/ids";
import { DomainError } from "@/lib/errors";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { findWallet, systemAccountId } from "./accounts";
import { requestHash } from "./idempotency";
import { applyMovements, currentStatuses, largestAmount, money, parseAmount, unwrap } from "./movements";
import { spendRefusal, transferMovement, type ItemError, type Movement, type Outcome } from "./plan";
import { amountToCredit, convert, feeFor, type FeeSchedule } from "./pricing";
import { currentRate, type CurrentRate } from "./rates";
import type { LedgerSql, LedgerTx, Queryable } from "./db";

// No field of a transfer holds a control character; refused here, one would fail the statement
// of every transfer grouped with it (see transfer()), not just its own.
export const printable = (field: z.ZodString) => field.regex(/^[^\p{Cc}]*$/u, "Remove the control characters.");

export const transferInputSchema = z.object({
  from: printable(z.string().trim().min(1, "Choose the wallet to send from.").max(100)),
  to: printable(z.string().trim().min(1, "Give the recipient's email or account number.").max(320)),
  amount: printable(z.string().trim().min(1, "Enter an amount.").max(40)),
});
export type TransferInput = z.infer<typeof transferInputSchema>;
export type BatchItem = TransferInput & { idempotencyKey: string };

/**
 * A transfer asked for by what the recipient gets: `credit` minor units of `currency`, which must
 * be the receiving wallet's. The sender sends the least that converts to at least it (see
 * amountToCredit), so the rounding never favours the sender, and the recipient gets what that
 * converts to, as every conversion credits (see checkIntegrity): exactly `credit` in one currency
 * or when a minor unit of the sender's is worth no more than one of the recipient's (BRL to USD);
 * otherwise less than one of the sender's minor units' worth more (USD to BRL at 5.12: up to 0.05).
 */
export type CreditInput = { from: string; to: string; credit: bigint; currency: string };

/** The customer a request acts for. */
export type Customer = { userId: string };

/** A transfer to apply: what, under which key, for whom. */
type TransferOrder = BatchItem & { customer: Customer };

type WalletRef = { id: string; ownerId: string; accountNumber: string; currency: string };

export type TransferQuote = {
  from: WalletRef;
  to: WalletRef;
  amount: bigint;
  fee: bigint;
  credited: bigint;
  rate: CurrentRate | null;
};

/** A transfer as made: completed, or held for review (pending_review) until staff release (completed) or reject it. */
export type TransferResult = {
  id: string;
  status: "completed" | "pending_review" | "rejected";
  debited: { amount: string; currency: string };
  credited: { amount: string; currency: string };
  fee: { amount: string; currency: string };
  rate: { base: string; quote: string; rate: string; source: string; at: string } | null;
};

export type { ItemError };
export type BatchOutcome = Outcome<TransferResult>;


/**
 * Resolves and prices transfers in bulk, before any lock is taken: the sending wallets (each
 * item's customer's own only), the recipients (an active customer's wallet, by account number,
 * or by email: their wallet in the sender's currency, else their first), rates and fees. A bad
 * item gets its error.
 */
async function quoteAll(sql: Queryable, items: Array<(TransferInput | CreditInput) & Pick<TransferOrder, "customer">>): Promise<Array<TransferQuote | ItemError>> {
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
        // What the sender names is checked before the recipient: a bad amount says so first.
        const asked = "credit" in item ? item : parseAmount(item.amount, from.currency);
        const candidates = item.to.includes("@") ? (walletsByEmail.get(item.to.toLowerCase()) ?? []) : [walletByNumber.get(item.to)].filter(Boolean);
        const to = candidates.find((wallet) => wallet!.currency === from.currency) ?? candidates[0];
        if (!to) throw new DomainError("UNKNOWN_RECIPIENT", "No customer wallet has this email or account number.", "to");
        if (to.id === from.id) throw new DomainError("VALIDATION_FAILED", "Send to another wallet than the one paying.", "to");
        const rate = to.currency === from.currency ? null : await rateFor(from.currency, to.currency);
        if (rate !== null && "code" in rate) return rate;
        const amount = typeof asked === "bigint" ? asked : amountFor(asked, from, to, rate);
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

/** What the sender sends for the recipient to get at least `item.credit` (see CreditInput). */
function amountFor(item: CreditInput, from: WalletRef, to: WalletRef, rate: CurrentRate | null): bigint {
  if (to.currency !== item.currency) throw new DomainError("VALIDATION_FAILED", `The receiving wallet holds ${to.currency}, not ${item.currency}.`, "to");
  const amount = rate ? amountToCredit(item.credit, from.currency, to.currency, rate.scaled, rate.inverted) : item.credit;
  if (amount > largestAmount) throw new DomainError("INVALID_AMOUNT", "At the current rate this is more than one transfer can move.", "amount");
  return amount;
}

function itemError(error: unknown): ItemError {
  if (error instanceof DomainError) return { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  throw error;
}

/** What a transfer would do, without doing it: the fee, the rate and what the recipient gets. */
export async function quoteTransfer(db: Database, customer: Customer, input: TransferInput | CreditInput): Promise<TransferQuote> {
  const sql = db.$client;
  const [quote] = await quoteAll(sql, [{ ...input, customer }]);
  if ("code" in quote) throw new DomainError(quote.code, quote.message, quote.field);
  return quote;
}

/**
 * A quote for the customer to review, refused already when the sending wallet could not pay it
 * now (frozen, not enough available) by the planner's own rule; transfer() decides again with the
 * wallet locked.
 */
export async function reviewTransfer(db: Database, customer: Customer, input: TransferInput | CreditInput): Promise<TransferQuote> {
  const quote = await quoteTransfer(db, customer, input);
  const wallet = await findWallet(db, quote.from.id);
  const state = wallet && { ...wallet, held: wallet.balance - wallet.available };
  const refused = spendRefusal(state ?? undefined, { walletId: quote.from.id, amount: quote.amount + quote.fee, verb: "send money" });
  if (refused) throw new DomainError(refused.code, refused.message, refused.field);
  return quote;
}

function resultOf(id: string, status: TransferResult["status"], quote: TransferQuote): TransferResult {
  const rate = quote.rate;
  return {
    id,
    status,
    debited: money(quote.amount, quote.from.currency),
    credited: money(quote.credited, quote.to.currency),
    fee: money(quote.fee, quote.from.currency),
    rate: rate ? { base: rate.base, quote: rate.quote, rate: rate.rate, source: rate.source, at: rate.at.toISOString() } : null,
  };
}

const groups = Batcher.per((sql: LedgerSql, orders: TransferOrder[]) => applyTransfers(sql, orders));

/**
 * Moves money from the customer's wallet to another; runs once per idempotency key. Transfers
 * requested at the same moment through the same pool share a database transaction (group
 * commit, see Batcher); each still gets its own answer.
 */
export async function transfer(db: Database, customer: Customer, input: TransferInput, idempotencyKey: string): Promise<TransferResult> {
  const sql = db.$client;
  const [outcome] = await currentStatuses(sql, [await groups(sql).submit({ ...input, idempotencyKey, customer })]);
  return unwrap(outcome);
}

/**
 * Applies many transfers of one customer in one database transaction, each under its own
 * idempotency key, with a result per item.
 */
export async function transferBatch(db: Database, customer: Customer, items: BatchItem[]): Promise<BatchOutcome[]> {
  const sql = db.$client;
  return currentStatuses(sql, await applyTransfers(sql, items.map((item) => ({ ...item, customer }))));
}

/**
 * Transfers priced inside a ledger transaction (`tx`, see applyMovements), each made into its
 * movement, or its error: what applyMovements is given for a transfer, by whoever asks for one.
 */
export async function transferMovements(
  sql: LedgerSql,
  tx: LedgerTx,
  items: Array<(TransferInput | CreditInput) & { customer: Customer }>,
): Promise<Array<Movement<TransferResult> | ItemError>> {
  const quotes = await quoteAll(tx, items);
  const currencies = new Set<string>();
  for (const quote of quotes) if (!("code" in quote)) currencies.add(quote.from.currency).add(quote.to.currency);
  const systems = new Map<string, string>();
  for (const currency of currencies) {
    systems.set(`fees:${currency}`, await systemAccountId(sql, "fees", currency, tx));
    systems.set(`fx:${currency}`, await systemAccountId(sql, "fx", currency, tx));
  }
  return quotes.map((quote, i) => ("code" in quote ? quote : transferMovement(quote, items[i].customer.userId, systems, (id, status) => resultOf(id, status as TransferResult["status"], quote))));
}

/**
 * Applies transfers, of one customer or several, in one database transaction (see
 * applyMovements): an item refused (insufficient funds, frozen wallet, unknown recipient, a key
 * reused for another request) moves nothing and the others go on.
 */
function applyTransfers(sql: LedgerSql, items: TransferOrder[]): Promise<BatchOutcome[]> {
  return applyMovements<TransferResult>(sql, async (tx) => {
    const movements = await transferMovements(sql, tx, items);
    return items.map((item, i) => ({
      // A key belongs to its customer: two customers may send the same one.
      key: { scope: `user:${item.customer.userId}`, key: item.idempotencyKey, hash: requestHash("transfer", { from: item.from, to: item.to, amount: item.amount }) },
      movement: movements[i],
    }));
  });
}
