import type { Database } from "@/db/client";
import type { Page } from "@/lib/paging";
import { eventData } from "./sender";

export { verifyWebhookSignature, webhookSignature } from "./signature";
export { sendDueWebhooks, startWebhookSender, webhookMaxAttempts, webhookTarget, type WebhookTarget } from "./sender";

/** The delivery log's filter: accepted, tried and not (yet) accepted, or never tried. */
export const deliveryFilters = ["delivered", "failing", "waiting"] as const;
export type DeliveryFilter = (typeof deliveryFilters)[number];

export type DeliveryState = "delivered" | "retrying" | "given up" | "waiting" | "not configured";

export type WebhookDelivery = {
  id: string;
  event: string;
  transferId: string | null;
  movement: string | null;
  /** A decimal string in `currency`. */
  amount: string | null;
  currency: string | null;
  /** The customer whose movement it was, and the wallet it came from. */
  sender: { id: string; name: string; walletId: string } | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  /** Null once delivered or given up. */
  nextAttemptAt: Date | null;
  attempts: number;
  state: DeliveryState;
  lastStatus: number | null;
  lastError: string | null;
};

/** The delivery log, newest first, with the movement each event is about and whose it was. */
// Timestamps arrive as strings on drizzle's client, as drizzle parses its own.
export async function listWebhookDeliveries(db: Database, filter: { state?: DeliveryFilter; configured: boolean }, page: Page) {
  const sql = db.$client;
  const where = {
    delivered: sql`d.delivered_at is not null`,
    failing: sql`d.delivered_at is null and d.attempts > 0`,
    waiting: sql`d.delivered_at is null and d.attempts = 0`,
    all: sql`true`,
  }[filter.state ?? "all"];
  const [rows, [{ total }]] = await Promise.all([
    sql`
      select d.id, d.event, d.payload, d.created_at, d.last_attempt_at, d.attempts, d.delivered_at, d.last_status, d.last_error,
        d.next_attempt_at = 'infinity' as given_up, nullif(d.next_attempt_at, 'infinity') as next_attempt_at, u.id as sender_id, u.name as sender_name, a.id as wallet_id
      from webhook_deliveries d
        left join ledger_transfers t on t.id = (d.payload->>'transferId')::uuid
        left join ledger_accounts a on a.id = t.from_account_id
        left join users u on u.id = a.owner_id
      where ${where}
      order by d.id desc limit ${page.size} offset ${page.index * page.size}`,
    sql`select count(*)::int as total from webhook_deliveries d where ${where}`,
  ]);
  const deliveries: WebhookDelivery[] = rows.map((row) => ({
    id: row.id,
    event: row.event,
    transferId: row.payload.transferId ?? null,
    movement: row.payload.movement ?? null,
    amount: (eventData(row.payload).amount as string | undefined) ?? null,
    currency: row.payload.currency ?? null,
    sender: row.sender_id ? { id: row.sender_id, name: row.sender_name, walletId: row.wallet_id } : null,
    createdAt: new Date(row.created_at),
    lastAttemptAt: row.last_attempt_at ? new Date(row.last_attempt_at) : null,
    nextAttemptAt: row.delivered_at || row.given_up ? null : new Date(row.next_attempt_at),
    attempts: row.attempts,
    state: row.delivered_at ? "delivered" : row.given_up ? "given up" : row.attempts > 0 ? "retrying" : filter.configured ? "waiting" : "not configured",
    lastStatus: row.last_status,
    lastError: row.last_error,
  }));
  return { rows: deliveries, total: total as number };
}
