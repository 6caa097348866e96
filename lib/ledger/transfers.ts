import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { z } from "zod";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { systemAccountId } from "./accounts";
import { feeSchedule } from "./fees";
import { requestHash } from "./idempotency";
import { lockWallets, money, parseAmount, type LockedWallet, type Posting } from "./movements";
import { convert, feeFor, type FeeSchedule } from "./pricing";
import { currentRate, type CurrentRate } from "./rates";
import { inTransaction } from "./transaction";

export const transferInputSchema = z.object({
  from: z.string().trim().min(1, "Choose the wallet to send from."),
  to: z.string().trim().min(1, "Give the recipient's email or account number.").max(320),
  amount: z.string().trim().min(1, "Enter an amount."),
});
export type TransferInput = z.infer<typeof transferInputSchema>;
export type BatchItem = TransferInput & { idempotencyKey: string };

/** The customer a request acts for. */
export type Customer = { userId: string };

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

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves and prices transfers in bulk, outside any transaction: the sending wallets (the
 * customer's own only), the recipients (by account number, or by a customer's email: their
 * wallet in the sender's currency, else their first), rates and fees. A bad item gets its error.
 */
async function quoteAll(sql: postgres.Sql, customer: Customer, items: TransferInput[]): Promise<Array<TransferQuote | ItemError>> {
  const senderIds = [...new Set(items.map((item) => item.from).filter((id) => uuid.test(id)))];
  const numbers = [...new Set(items.map((item) => item.to).filter((to) => /^\d{6,20}$/.test(to)))];
  const emails = [...new Set(items.map((item) => item.to.toLowerCase()).filter((to) => to.includes("@")))];
  const [senders, byNumber, byEmail] = await Promise.all([
    senderIds.length
      ? sql`select id, owner_id, account_number, currency from ledger_accounts where id = any(${senderIds}::text[]::uuid[]) and kind = 'wallet' and owner_id = ${customer.userId}`
      : [],
    numbers.length ? sql`select id, owner_id, account_number, currency from ledger_accounts where account_number = any(${numbers}::text[]) and kind = 'wallet'` : [],
    emails.length
      ? sql`
        select a.id, a.owner_id, a.account_number, a.currency, lower(u.email) as email from ledger_accounts a join users u on u.id = a.owner_id
        where lower(u.email) = any(${emails}::text[]) and u.deleted_at is null and u.role = 'customer' and a.kind = 'wallet'
        order by a.created_at`
      : [],
  ]);
  const ref = (row: postgres.Row): WalletRef => ({ id: row.id, ownerId: row.owner_id, accountNumber: row.account_number, currency: row.currency });
  const senderById = new Map(senders.map((row) => [row.id as string, ref(row)]));
  const walletByNumber = new Map(byNumber.map((row) => [row.account_number as string, ref(row)]));
  const walletsByEmail = new Map<string, WalletRef[]>();
  for (const row of byEmail) walletsByEmail.set(row.email, [...(walletsByEmail.get(row.email) ?? []), ref(row)]);

  const rates = new Map<string, Promise<CurrentRate | ItemError>>();
  const fees = new Map<string, Promise<FeeSchedule | null>>();
  const rateFor = (from: string, to: string) => {
    const key = `${from}:${to}`;
    if (!rates.has(key)) rates.set(key, currentRate(sql, from, to).catch(itemError));
    return rates.get(key)!;
  };
  const feesFor = (currency: string) => {
    if (!fees.has(currency)) fees.set(currency, feeSchedule(sql, currency));
    return fees.get(currency)!;
  };

  return Promise.all(
    items.map(async (item): Promise<TransferQuote | ItemError> => {
      try {
        const from = senderById.get(item.from);
        if (!from) throw new DomainError("NOT_FOUND", "No such wallet.", "from");
        const amount = parseAmount(item.amount, from.currency);
        const candidates = item.to.includes("@") ? (walletsByEmail.get(item.to.toLowerCase()) ?? []) : [walletByNumber.get(item.to)].filter(Boolean);
        const to = candidates.find((wallet) => wallet!.currency === from.currency) ?? candidates[0];
        if (!to) throw new DomainError("UNKNOWN_RECIPIENT", "No customer wallet has this email or account number.", "to");
        if (to.id === from.id) throw new DomainError("VALIDATION_FAILED", "Send to another wallet than the one paying.", "to");
        const [rate, schedule] = await Promise.all([to.currency === from.currency ? null : rateFor(from.currency, to.currency), feesFor(from.currency)]);
        if (rate !== null && "code" in rate) return rate;
        const credited = rate ? convert(amount, from.currency, to.currency, rate.scaled, rate.inverted) : amount;
        if (credited <= 0n) throw new DomainError("INVALID_AMOUNT", `The amount is too small to send as ${to.currency}.`, "amount");
        return { from, to, amount, fee: feeFor(amount, schedule), credited, rate };
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
  const [quote] = await quoteAll(sql, customer, [input]);
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

/** Moves money from the customer's wallet to another; runs once per idempotency key. */
export async function transfer(sql: postgres.Sql, customer: Customer, input: TransferInput, idempotencyKey: string): Promise<TransferResult> {
  const [outcome] = await transferBatch(sql, customer, [{ ...input, idempotencyKey }]);
  if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message, outcome.error.field);
  return outcome.result;
}

/**
 * Applies many transfers in one database transaction, each under its own idempotency key, with
 * a result per item: an item refused (insufficient funds, frozen wallet, unknown recipient, a
 * key reused for another request) moves nothing and the others go on. The rows involved are
 * locked once, in id order, and everything is written with a handful of set-based statements.
 */
export async function transferBatch(sql: postgres.Sql, customer: Customer, items: BatchItem[]): Promise<BatchOutcome[]> {
  const quotes = await quoteAll(sql, customer, items);
  const hashes = items.map((item) => requestHash("transfer", { from: item.from, to: item.to, amount: item.amount }));
  const currencies = new Set<string>();
  for (const quote of quotes) if (!("code" in quote)) currencies.add(quote.from.currency).add(quote.to.currency);
  const systemIds = new Map<string, string>();
  for (const currency of currencies) {
    systemIds.set(`fees:${currency}`, await systemAccountId(sql, "fees", currency));
    systemIds.set(`fx:${currency}`, await systemAccountId(sql, "fx", currency));
  }
  const scope = `user:${customer.userId}`;

  return inTransaction(sql, async (tx) => {
    const outcomes: Array<BatchOutcome | undefined> = new Array(items.length);

    // Claim the keys; a key already taken is a retry (same request: its stored answer) or a conflict.
    const firstIndex = new Map<string, number>();
    items.forEach((item, i) => {
      if (!firstIndex.has(item.idempotencyKey)) firstIndex.set(item.idempotencyKey, i);
    });
    const keys = [...firstIndex.keys()];
    const claimed = new Set(
      (
        await tx`
          insert into idempotency_keys (scope, key, request_hash, response)
          select ${scope}, k, h, '{}' from unnest(${keys}::text[], ${keys.map((key) => hashes[firstIndex.get(key)!])}::text[]) as v(k, h)
          on conflict do nothing returning key`
      ).map((row) => row.key as string),
    );
    const taken = keys.filter((key) => !claimed.has(key));
    const stored = new Map(
      taken.length
        ? (await tx`select key, request_hash, response from idempotency_keys where scope = ${scope} and key = any(${taken}::text[])`).map((row) => [
            row.key as string,
            { hash: row.request_hash as string, response: row.response as TransferResult },
          ])
        : [],
    );
    const conflict: ItemError = { code: "IDEMPOTENCY_CONFLICT", message: "This Idempotency-Key was already used for a different request." };
    const toRun: number[] = [];
    items.forEach((item, i) => {
      const first = firstIndex.get(item.idempotencyKey)!;
      const previous = stored.get(item.idempotencyKey);
      if (previous) outcomes[i] = previous.hash === hashes[i] ? { ok: true, result: previous.response } : { ok: false, error: conflict };
      else if (first !== i) outcomes[i] = hashes[first] === hashes[i] ? undefined : { ok: false, error: conflict };
      else {
        const quote = quotes[i];
        if ("code" in quote) outcomes[i] = { ok: false, error: quote };
        else toRun.push(i);
      }
    });

    // Lock every wallet involved at once, in id order; then check and book each item in turn.
    const walletIds = toRun.flatMap((i) => {
      const quote = quotes[i] as TransferQuote;
      return [quote.from.id, quote.to.id];
    });
    const wallets = walletIds.length ? await lockWallets(tx, walletIds) : new Map<string, LockedWallet>();
    const senderIds = [...new Set(toRun.map((i) => (quotes[i] as TransferQuote).from.id))];
    const held = new Map<string, bigint>(
      senderIds.length
        ? (
            await tx`
              select from_account_id, sum(debit_amount + fee_amount) as held from ledger_transfers
              where from_account_id = any(${senderIds}::text[]::uuid[]) and status = 'pending' and expires_at > now()
              group by from_account_id`
          ).map((row) => [row.from_account_id as string, BigInt(row.held)])
        : [],
    );

    const transfers: Array<{ id: string; quote: TransferQuote }> = [];
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
      transfers.push({ id, quote });
      const { from, to, amount, fee, credited, rate } = quote;
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
      outcomes[i] = { ok: true, result: resultOf(id, quote) };
    }

    if (transfers.length > 0) {
      const column = <T>(pick: (entry: { id: string; quote: TransferQuote }) => T) => transfers.map(pick);
      const rateOf = (quote: TransferQuote) => quote.rate;
      await tx`
        insert into ledger_transfers (id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency,
          credit_amount, credit_currency, fee_amount, rate, rate_base, rate_source, rate_at, requested_by, completed_at)
        select id, 'transfer', 'completed', f, t, da, dc, ca, cc, fee, rate, rb, rs, ra, ${customer.userId}, now()
        from unnest(${column((e) => e.id)}::text[]::uuid[], ${column((e) => e.quote.from.id)}::text[]::uuid[], ${column((e) => e.quote.to.id)}::text[]::uuid[],
          ${column((e) => e.quote.amount.toString())}::text[]::bigint[], ${column((e) => e.quote.from.currency)}::text[]::char(3)[],
          ${column((e) => e.quote.credited.toString())}::text[]::bigint[], ${column((e) => e.quote.to.currency)}::text[]::char(3)[],
          ${column((e) => e.quote.fee.toString())}::text[]::bigint[], ${column((e) => rateOf(e.quote)?.rate ?? null)}::text[]::numeric[],
          ${column((e) => rateOf(e.quote)?.base ?? null)}::text[]::char(3)[], ${column((e) => rateOf(e.quote)?.source ?? null)}::text[],
          ${column((e) => rateOf(e.quote)?.at.toISOString() ?? null)}::text[]::timestamptz[])
          as v(id, f, t, da, dc, ca, cc, fee, rate, rb, rs, ra)`;
      await tx`
        insert into ledger_postings (transfer_id, account_id, amount, currency, purpose, balance_after)
        select * from unnest(${postings.map((line) => line.transferId)}::text[]::uuid[], ${postings.map((line) => line.accountId)}::text[]::uuid[],
          ${postings.map((line) => line.amount.toString())}::text[]::bigint[], ${postings.map((line) => line.currency)}::text[]::char(3)[],
          ${postings.map((line) => line.purpose)}::text[]::ledger_posting_purpose[], ${postings.map((line) => line.balanceAfter?.toString() ?? null)}::text[]::bigint[])`;
      const touched = [...new Set(postings.map((line) => line.accountId))].filter((id) => wallets.has(id));
      await tx`
        update ledger_accounts a set balance = v.balance
        from unnest(${touched}::text[]::uuid[], ${touched.map((id) => wallets.get(id)!.balance.toString())}::text[]::bigint[]) as v(id, balance)
        where a.id = v.id`;
    }

    // Store each claimed key's answer; a refused item's key is released, so a retry runs again.
    const answered = keys.filter((key) => claimed.has(key) && outcomes[firstIndex.get(key)!]?.ok);
    const released = keys.filter((key) => claimed.has(key) && !outcomes[firstIndex.get(key)!]?.ok);
    if (answered.length > 0) {
      await tx`
        update idempotency_keys k set response = v.response::jsonb
        from unnest(${answered}::text[], ${answered.map((key) => JSON.stringify((outcomes[firstIndex.get(key)!] as { result: TransferResult }).result))}::text[]) as v(key, response)
        where k.scope = ${scope} and k.key = v.key`;
    }
    if (released.length > 0) await tx`delete from idempotency_keys where scope = ${scope} and key = any(${released}::text[])`;
    // A repeated key in the same batch answers like its first item.
    return outcomes.map((outcome, i) => outcome ?? outcomes[firstIndex.get(items[i].idempotencyKey)!]!);
  });
}
