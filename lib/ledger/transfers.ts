import type { Database } from "@/db/client";
import { z } from "zod";
import { Batcher } from "@/lib/batcher";
import { DomainError } from "@/lib/errors";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { findWallet, systemAccountId } from "./accounts";
import { requestHash } from "./idempotency";
import { applyMovements, currentStatuses, largestAmount, money, parseAmount, unwrap, walletBook, walletsNamed, type DeferredMovement, type NamedWallet, type WalletBook, type WalletNames } from "./movements";
import { spendRefusal, transferMovement, type ItemError, type Outcome } from "./plan";
import { amountToCredit, convert, feeFor } from "./pricing";
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

type TransferAsked = (TransferInput | CreditInput) & Pick<TransferOrder, "customer">;

/** The wallets a transfer names: the sender's by id, the recipient's by account number or by email. */
function namesOf(item: TransferAsked): WalletNames {
  return { ids: [item.from], accountNumbers: /^\d{6,20}$/.test(item.to) ? [item.to] : [], emails: item.to.includes("@") ? [item.to.toLowerCase()] : [] };
}

/** The newest rate of each pair, read once per pair for transfers priced together. */
function ratesReader(sql: Queryable) {
  const rates = new Map<string, Promise<CurrentRate | ItemError>>();
  return (from: string, to: string) => {
    const key = `${from}:${to}`;
    if (!rates.has(key)) rates.set(key, currentRate(sql, from, to).catch(itemError));
    return rates.get(key)!;
  };
}

/**
 * Prices a transfer from its wallets as read (see walletsNamed): the sending wallet (the
 * customer's own only), the recipient (an active customer's wallet, by account number, or by
 * email: their wallet in the sender's currency, else their first), the rate and the fee. A bad
 * request gets its error.
 */
async function quoteOf(item: TransferAsked, wallets: WalletBook, rateFor: ReturnType<typeof ratesReader>): Promise<TransferQuote | ItemError> {
  try {
    const from = wallets.byId.get(item.from);
    // Another customer's wallet is as good as missing.
    if (!from || from.ownerId !== item.customer.userId) throw new DomainError("NOT_FOUND", "No such wallet.", "from");
    // What the sender names is checked before the recipient: a bad amount says so first.
    const asked = "credit" in item ? item : parseAmount(item.amount, from.currency);
    const named = item.to.includes("@") ? (wallets.byEmail.get(item.to.toLowerCase()) ?? []) : [wallets.byNumber.get(item.to)].filter((wallet) => wallet !== undefined);
    const candidates = named.filter((wallet) => wallet.activeCustomer);
    const to = candidates.find((wallet) => wallet.currency === from.currency) ?? candidates[0];
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
    return { from: refOf(from), to: refOf(to), amount, fee: feeFor(amount, from.fees), credited, rate };
  } catch (error) {
    return itemError(error);
  }
}

const refOf = (wallet: NamedWallet): WalletRef => ({ id: wallet.id, ownerId: wallet.ownerId!, accountNumber: wallet.accountNumber, currency: wallet.currency });

/** What the sender sends for the recipient to get at least `item.credit` (see CreditInput). */
function amountFor(item: CreditInput, from: { currency: string }, to: { currency: string }, rate: CurrentRate | null): bigint {
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
  const item = { ...input, customer };
  const quote = await quoteOf(item, walletBook(await walletsNamed(sql, namesOf(item), { lock: false })), ratesReader(sql));
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
 * Transfers as applyMovements takes them, whoever asks for one: each names its wallets up front,
 * and is priced once they are locked, from what they are then (see DeferredMovement).
 */
export function transferMovements(sql: LedgerSql, tx: LedgerTx, items: TransferAsked[]): Array<DeferredMovement<TransferResult>> {
  const rateFor = ratesReader(tx);
  const systemAccounts = new Map<string, Promise<string>>();
  const systemAccount = (kind: "fees" | "fx", currency: string) => {
    const key = `${kind}:${currency}`;
    if (!systemAccounts.has(key)) systemAccounts.set(key, systemAccountId(sql, kind, currency, tx));
    return systemAccounts.get(key)!.then((id) => [key, id] as const);
  };
  return items.map((item) => ({
    names: namesOf(item),
    payer: item.from,
    make: async (wallets) => {
      const quote = await quoteOf(item, wallets, rateFor);
      if ("code" in quote) return quote;
      const currencies = [...new Set([quote.from.currency, quote.to.currency])];
      const systems = new Map(await Promise.all(currencies.flatMap((currency) => [systemAccount("fees", currency), systemAccount("fx", currency)])));
      return transferMovement(quote, item.customer.userId, systems, (id, status) => resultOf(id, status as TransferResult["status"], quote));
    },
  }));
}

/**
 * Applies transfers, of one customer or several, in one database transaction (see
 * applyMovements): an item refused (insufficient funds, frozen wallet, unknown recipient, a key
 * reused for another request) moves nothing and the others go on.
 */
function applyTransfers(sql: LedgerSql, items: TransferOrder[]): Promise<BatchOutcome[]> {
  return applyMovements<TransferResult>(sql, async (tx) => {
    const movements = transferMovements(sql, tx, items);
    return items.map((item, i) => ({
      // A key belongs to its customer: two customers may send the same one.
      key: { scope: `user:${item.customer.userId}`, key: item.idempotencyKey, hash: requestHash("transfer", { from: item.from, to: item.to, amount: item.amount }) },
      movement: movements[i],
    }));
  });
}
