import type postgres from "postgres";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { PaymentRequestStatus } from "@/db/schema";
import { auditOn, type Actor } from "@/lib/audit";
import { DomainError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { notify } from "@/lib/notifications";
import { currencySchema } from "@/lib/money/currency";
import type { Page } from "@/lib/paging";
import type { LedgerTx, Queryable } from "./db";
import { requestHash } from "./idempotency";
import { applyMovements, money, parseAmount, unwrap } from "./movements";
import type { ItemError } from "./plan";
import { printable, reviewTransfer, transferMovements, type TransferQuote, type TransferResult } from "./transfers";

// A customer asks another for an amount in one of their wallets' currencies. Paying it is an
// ordinary transfer through the ledger's one write path, asked for by what it credits (see
// CreditInput: the amount asked, or across some currencies a little more, never less); the
// request turns paid in that transfer's transaction. A pending request lapses after
// paymentRequestDays: from then on it reads as expired (statusNow), and nothing writes that.

export const paymentRequestDays = 7;

export const paymentRequestInputSchema = z.object({
  payer: printable(z.string().trim().min(1, "Give the payer's email or account number.").max(320)),
  amount: printable(z.string().trim().min(1, "Enter an amount.").max(40)),
  currency: currencySchema,
  note: printable(z.string().trim().max(140, "Keep the note to 140 characters.")).optional(),
});
export type PaymentRequestInput = z.output<typeof paymentRequestInputSchema>;

export const payRequestInputSchema = z.object({
  from: printable(z.string().trim().min(1, "Choose the wallet to pay from.").max(100)),
});

export type PaymentRequestDirection = "incoming" | "outgoing";

/** A request as one of its two parties sees it. */
export type PaymentRequestView = {
  id: string;
  /** Incoming: the viewer is asked to pay; outgoing: the viewer asked. */
  direction: PaymentRequestDirection;
  /** The wallet the money goes to: the requester's in the request's currency. */
  requester: { name: string; accountNumber: string | null };
  payer: { name: string };
  amount: bigint;
  currency: string;
  note: string | null;
  /** As of now: a pending request past its expiry is expired. */
  status: PaymentRequestStatus;
  transferId: string | null;
  createdAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
};

export type PaymentRequestFilter = { direction?: PaymentRequestDirection; status?: PaymentRequestStatus };

/** Request `r`'s status now; the one definition of a request's expiry. */
export const statusNow = (sql: Queryable) => sql`case when r.status = 'pending' and r.expires_at <= now() then 'expired' else r.status::text end`;

/** Only the two parties see a request: for anyone else it doesn't exist. */
const partyTo = (sql: Queryable, viewerId: string) => sql`${viewerId}::uuid in (r.requester_id, r.payer_id)`;

/** The requester's wallet the money goes to, as `a`. */
const receivingWallet = (sql: Queryable) => sql`
  left join ledger_accounts a on a.owner_id = r.requester_id and a.currency = r.currency and a.kind = 'wallet'`;

function toView(row: postgres.Row, viewerId: string): PaymentRequestView {
  return {
    id: row.id,
    direction: row.payer_id === viewerId ? "incoming" : "outgoing",
    requester: { name: row.requester_name, accountNumber: row.account_number },
    payer: { name: row.payer_name },
    amount: BigInt(row.amount),
    currency: row.currency,
    note: row.note,
    status: row.status,
    transferId: row.transfer_id,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
  };
}

function selectViews(sql: Queryable, viewerId: string, where: postgres.PendingQuery<postgres.Row[]>, page?: Page) {
  return sql`
    select r.id, r.payer_id, r.amount, r.currency, r.note, ${statusNow(sql)} as status, r.transfer_id, r.created_at, r.expires_at,
      r.decided_at, q.name as requester_name, p.name as payer_name, a.account_number
    from payment_requests r
    join users q on q.id = r.requester_id
    join users p on p.id = r.payer_id
    ${receivingWallet(sql)}
    where ${partyTo(sql, viewerId)} and ${where}
    order by r.created_at desc, r.id desc
    ${page ? sql`limit ${page.size} offset ${page.index * page.size}` : sql``}`;
}

/** A request the viewer is a party to, or null (a stranger's is as good as missing). */
export async function findPaymentRequest(db: Database, viewerId: string, requestId: string): Promise<PaymentRequestView | null> {
  const sql = db.$client;
  if (!isUuid(requestId)) return null;
  const [row] = await selectViews(sql, viewerId, sql`r.id = ${requestId}`);
  return row ? toView(row, viewerId) : null;
}

async function viewOf(db: Database, viewerId: string, requestId: string): Promise<PaymentRequestView> {
  const view = await findPaymentRequest(db, viewerId, requestId);
  if (!view) throw new DomainError("NOT_FOUND", "No such payment request.");
  return view;
}

/** The viewer's requests, newest first: those asked of them (incoming), those they made (outgoing), or both. */
export async function listPaymentRequests(
  db: Database,
  viewerId: string,
  filter: PaymentRequestFilter,
  page: Page,
): Promise<{ rows: PaymentRequestView[]; total: number }> {
  const sql = db.$client;
  const side = { incoming: sql`r.payer_id = ${viewerId}`, outgoing: sql`r.requester_id = ${viewerId}` };
  const where = sql`${filter.direction ? side[filter.direction] : sql`true`} and ${filter.status ? sql`${statusNow(sql)} = ${filter.status}` : sql`true`}`;
  const [rows, [{ total }]] = await Promise.all([
    selectViews(sql, viewerId, where, page),
    sql`select count(*)::int as total from payment_requests r where ${partyTo(sql, viewerId)} and ${where}`,
  ]);
  return { rows: rows.map((row) => toView(row, viewerId)), total };
}

/** The customer an email or an account number names (like a transfer's recipient), or UNKNOWN_RECIPIENT. */
async function findPayer(sql: Queryable, payer: string): Promise<string> {
  const email = payer.includes("@") ? payer.toLowerCase() : null;
  const number = /^\d{6,20}$/.test(payer) ? payer : null;
  const [row] = await sql`
    select u.id from users u
    where u.deleted_at is null and u.role = 'customer' and (lower(u.email) = ${email}
      or u.id = (select owner_id from ledger_accounts where account_number = ${number} and kind = 'wallet'))`;
  if (!row) throw new DomainError("UNKNOWN_RECIPIENT", "No customer has this email or account number.", "payer");
  return row.id;
}

/**
 * The requester (the actor) asks a customer, by email or account number, for an amount in the
 * currency of one of the requester's wallets, which the payment will credit.
 */
export async function createPaymentRequest(db: Database, actor: Actor & { id: string }, input: PaymentRequestInput): Promise<PaymentRequestView> {
  const sql = db.$client;
  const amount = parseAmount(input.amount, input.currency);
  const payerId = await findPayer(sql, input.payer);
  if (payerId === actor.id) throw new DomainError("VALIDATION_FAILED", "Ask another customer than yourself.", "payer");
  const [wallet] = await sql`select 1 from ledger_accounts where owner_id = ${actor.id} and currency = ${input.currency} and kind = 'wallet'`;
  if (!wallet) throw new DomainError("VALIDATION_FAILED", `You have no ${input.currency} wallet to receive it: open one first.`, "currency");
  const note = input.note || null;
  const id = await sql.begin(async (tx) => {
    const [row] = await tx`
      insert into payment_requests (requester_id, payer_id, amount, currency, note, expires_at)
      values (${actor.id}, ${payerId}, ${amount.toString()}, ${input.currency}, ${note}, now() + make_interval(days => ${paymentRequestDays}))
      returning id`;
    const [requester] = await tx`select name from users where id = ${actor.id}`;
    await notify(tx, [
      { userId: payerId, kind: "payment_request_received", data: { from: requester.name, amount: amount.toString(), currency: input.currency, note: note ?? "" } },
    ]);
    await auditOn(tx, db, {
      actor,
      action: "payment_request.created",
      targetType: "payment_request",
      targetId: row.id,
      details: { payerId, ...money(amount, input.currency) },
    });
    return row.id as string;
  });
  return viewOf(db, actor.id, id);
}

type Party = "payer" | "requester";

/** The request as the transaction acting on it reads it, locked (`lock`) until it commits. */
async function requestToActOn(sql: Queryable, viewerId: string, requestId: string, lock: boolean) {
  if (!isUuid(requestId)) return undefined;
  const [row] = await sql`
    select r.id, r.requester_id, r.payer_id, r.amount, r.currency, ${statusNow(sql)} as status, r.transfer_id, a.account_number,
      (select name from users where id = r.requester_id) as requester_name, (select name from users where id = r.payer_id) as payer_name
    from payment_requests r ${receivingWallet(sql)}
    where r.id = ${requestId} and ${partyTo(sql, viewerId)}
    ${lock ? sql`for update of r` : sql``}`;
  return row;
}

const refusals: Record<Party, string> = {
  payer: "Only the customer asked can pay or decline this request; you can cancel it.",
  requester: "Only the customer who asked can cancel this request; you can pay or decline it.",
};

/** Why the viewer, as `party`, can't act on this request now, or null when they can. */
function refusal(row: postgres.Row | undefined, viewerId: string, party: Party): ItemError | null {
  if (!row) return { code: "NOT_FOUND", message: "No such payment request." };
  if (row[`${party}_id`] !== viewerId) return { code: "FORBIDDEN", message: refusals[party] };
  if (row.status !== "pending") return { code: "INVALID_STATE", message: `This request is no longer pending: it is ${row.status}.` };
  // Paid with a transfer screening held: it is decided when that transfer is (see paidOnRelease).
  if (row.transfer_id) return { code: "INVALID_STATE", message: "A payment of this request is under review." };
  return null;
}

/** Why the viewer can't pay this request now, or null when they can. */
function payRefusal(row: postgres.Row | undefined, viewerId: string): ItemError | null {
  const refused = refusal(row, viewerId, "payer");
  if (refused) return refused;
  if (!row!.account_number) return { code: "UNKNOWN_RECIPIENT", message: `The requester no longer has a ${row!.currency} wallet to receive it.` };
  return null;
}

/** The transfer that pays the request from wallet `from` into the requester's wallet, asked for by its credit. */
const paymentOf = (row: postgres.Row, from: string) => ({ from, to: row.account_number as string, credit: BigInt(row.amount), currency: row.currency as string });

/**
 * What paying the request from wallet `from` would cost the payer (the amount, fee and rate),
 * refused already when that wallet could not pay it now; payPaymentRequest decides again.
 */
export async function quotePaymentRequest(db: Database, payerId: string, requestId: string, from: string): Promise<TransferQuote> {
  const row = await requestToActOn(db.$client, payerId, requestId, false);
  const refused = payRefusal(row, payerId);
  if (refused) throw new DomainError(refused.code, refused.message);
  return reviewTransfer(db, { userId: payerId }, paymentOf(row!, from));
}

export type PaidRequest = { request: PaymentRequestView; transfer: TransferResult };

/**
 * The payer pays the request from one of their wallets, in any currency: one ordinary transfer
 * that credits the requester the amount asked (see CreditInput), once per idempotency key. The request
 * is locked before anything else in the transfer's transaction and turns paid in it, so of
 * payments at the same moment one moves money and the others find it paid (INVALID_STATE); a
 * retry under the same key answers the same transfer.
 */
export async function payPaymentRequest(
  db: Database,
  actor: Actor & { id: string },
  requestId: string,
  input: z.output<typeof payRequestInputSchema>,
  idempotencyKey: string,
): Promise<PaidRequest> {
  const sql = db.$client;
  const key = { scope: `user:${actor.id}`, key: idempotencyKey, hash: requestHash("payment_request.pay", { requestId, from: input.from }) };
  const [outcome] = await applyMovements<TransferResult>(sql, async (tx) => {
    const row = await requestToActOn(tx, actor.id, requestId, true);
    const refused = payRefusal(row, actor.id);
    if (refused) return [{ key, movement: refused }];
    const [movement] = transferMovements(sql, tx, [{ ...paymentOf(row!, input.from), customer: { userId: actor.id } }]);
    return [{ key, movement, alongside: (writing, transfer) => markPaid(writing, db, actor, row!, transfer) }];
  });
  const transfer = unwrap(outcome);
  return { request: await viewOf(db, actor.id, requestId), transfer };
}

function markPaid(tx: LedgerTx, db: Database, actor: Actor & { id: string }, request: postgres.Row, transfer: TransferResult) {
  // Held for review, the request waits for the transfer: paid if staff release it, payable again if they reject it.
  if (transfer.status === "pending_review") return tx`update payment_requests set transfer_id = ${transfer.id} where id = ${request.id}`.execute();
  const credited = parseAmount(transfer.credited.amount, transfer.credited.currency);
  return Promise.all([
    tx`update payment_requests set status = 'paid', transfer_id = ${transfer.id}, decided_at = now() where id = ${request.id}`.execute(),
    notify(tx, [
      { userId: request.requester_id, kind: "payment_request_paid", data: { by: request.payer_name, amount: credited.toString(), currency: transfer.credited.currency } },
    ]).execute(),
    auditOn(tx, db, {
      actor,
      action: "payment_request.paid",
      targetType: "payment_request",
      targetId: request.id,
      details: { transferId: transfer.id, debited: transfer.debited, fee: transfer.fee, credited: transfer.credited, rate: transfer.rate },
    }),
  ]);
}

/** A pending request ends unpaid: the payer declines it, or the requester cancels it. */
async function closeRequest(db: Database, actor: Actor & { id: string }, requestId: string, party: Party, status: "declined" | "cancelled") {
  const sql = db.$client;
  await sql.begin(async (tx) => {
    const request = await requestToActOn(tx, actor.id, requestId, true);
    const refused = refusal(request, actor.id, party);
    if (refused) throw new DomainError(refused.code, refused.message);
    await tx`update payment_requests set status = ${status}, decided_at = now() where id = ${requestId}`;
    // The requester learns of a decline; a cancel is their own doing.
    if (status === "declined") {
      await notify(tx, [
        { userId: request!.requester_id, kind: "payment_request_declined", data: { by: request!.payer_name, amount: String(request!.amount), currency: request!.currency } },
      ]);
    }
    await auditOn(tx, db, { actor, action: `payment_request.${status}`, targetType: "payment_request", targetId: requestId });
  });
  return viewOf(db, actor.id, requestId);
}

/** The payer declines a pending request. */
export function declinePaymentRequest(db: Database, actor: Actor & { id: string }, requestId: string): Promise<PaymentRequestView> {
  return closeRequest(db, actor, requestId, "payer", "declined");
}

/** The requester cancels a pending request. */
export function cancelPaymentRequest(db: Database, actor: Actor & { id: string }, requestId: string): Promise<PaymentRequestView> {
  return closeRequest(db, actor, requestId, "requester", "cancelled");
}

/**
 * A held transfer that paid a request is decided (lib/screening/cases.ts): released, the request
 * is paid and its requester told; rejected, it can be paid again. Sent at once, in the deciding transaction.
 */
export function settleHeldPayment(tx: LedgerTx, transferId: string, released: boolean) {
  if (!released) return tx`update payment_requests set transfer_id = null where transfer_id = ${transferId} and status = 'pending'`.execute();
  return tx`
    with paid as (
      update payment_requests r set status = 'paid', decided_at = now() where r.transfer_id = ${transferId} and r.status = 'pending'
      returning r.requester_id, r.payer_id, r.amount, r.currency
    )
    insert into notifications (user_id, kind, data)
    select p.requester_id, 'payment_request_paid', jsonb_build_object('by', u.name, 'amount', p.amount::text, 'currency', p.currency)
    from paid p join users u on u.id = p.payer_id`.execute();
}
