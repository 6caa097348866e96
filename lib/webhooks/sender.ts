import type { Database } from "@/db/client";
import { log } from "@/lib/log";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { retryDelaySeconds, startWorker, type Worker } from "@/lib/worker";
import { webhookSignature } from "./signature";

/** Where deliveries go and the key that signs them: WEBHOOK_URL and WEBHOOK_SECRET. */
export type WebhookTarget = { url: string; secret: string };

/**
 * Tries before the sender gives up on a delivery: 5 s doubling to an hour, then hourly, so about
 * three days (10 tries in the first 85 minutes, 70 hourly ones). It then stays in the log as given up.
 */
export const webhookMaxAttempts = 80;

export type SenderSettings = {
  /** How long a claimed delivery is the claimer's: after a crash another worker sends it then. More than `timeoutMs`. */
  leaseSeconds?: number;
  batchSize?: number;
  timeoutMs?: number;
};

/** The target, when both variables are set; a URL without its secret is logged and sends nothing rather than unsigned. */
export function webhookTarget(config: { WEBHOOK_URL?: string; WEBHOOK_SECRET?: string }): WebhookTarget | null {
  if (!config.WEBHOOK_URL) return null;
  if (!config.WEBHOOK_SECRET) {
    log().error("WEBHOOK_URL is set without WEBHOOK_SECRET: webhook deliveries are kept, not sent");
    return null;
  }
  return { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET };
}

// bigserial ids and (on drizzle's client) timestamps arrive as strings.
type Claimed = { id: string; event: string; payload: Record<string, unknown>; created_at: string; attempts: number };

type Attempt = { status: number | null; error: string | null };

/**
 * Sends the deliveries that are due, oldest first, and returns how many the platform accepted (a
 * 2xx). Claiming commits at once (attempts counted, the next try moved a lease ahead, so other
 * workers skip them) and the requests go after it, together, so no connection waits on the
 * platform. A refused or failed one is tried again after retryDelaySeconds, until
 * webhookMaxAttempts; a worker killed mid-request leaves it to be sent when its lease ends, and one
 * killed after the platform accepted but before the row says so sends it again under the same
 * X-Ledgerwatch-Delivery id, by which the platform can tell.
 */
export async function sendDueWebhooks(db: Database, target: WebhookTarget, settings: SenderSettings = {}): Promise<number> {
  const sql = db.$client;
  const claimed = await sql<Claimed[]>`
    update webhook_deliveries set attempts = attempts + 1, last_attempt_at = now(),
      next_attempt_at = now() + make_interval(secs => ${settings.leaseSeconds ?? 60})
    where id in (
      select id from webhook_deliveries where delivered_at is null and next_attempt_at <= now()
      order by id limit ${settings.batchSize ?? 20} for update skip locked)
    returning id, event, payload, created_at, attempts`;
  const results = await Promise.all(
    claimed.map(async (delivery) => ({ delivery, ...(await deliver(target, delivery, settings.timeoutMs ?? 10_000)) })),
  );
  const delivered = results.filter((result) => result.error === null);
  // A request that ended after its lease ran out changes nothing another worker delivered meanwhile.
  await Promise.all([
    delivered.length > 0 &&
      sql`
        update webhook_deliveries d set delivered_at = now(), last_status = v.status, last_error = null
        from unnest(${delivered.map((result) => result.delivery.id)}::text[]::bigint[], ${delivered.map((result) => String(result.status))}::text[]::int[]) as v(id, status)
        where d.id = v.id and d.delivered_at is null`,
    ...results.flatMap(({ delivery, status, error }) => {
      if (error === null) return [];
      const givingUp = delivery.attempts >= webhookMaxAttempts;
      const logger = log().child({ deliveryId: delivery.id, event: delivery.event, attempts: delivery.attempts, status, reason: error });
      if (givingUp) logger.error("the platform never accepted a webhook delivery: given up");
      else logger.warn("the platform did not accept a webhook delivery; it will be retried");
      return [
        sql`
          update webhook_deliveries set last_status = ${status}, last_error = ${error.slice(0, 500)},
            next_attempt_at = ${givingUp ? sql`'infinity'` : sql`now() + make_interval(secs => ${retryDelaySeconds(delivery.attempts)})`}
          where id = ${delivery.id} and delivered_at is null`,
      ];
    }),
  ]);
  return delivered.length;
}

/** What the platform reads: the event as stored, its amount (stored in minor units) a decimal string as the REST API gives it. */
export function eventData(payload: Record<string, unknown>): Record<string, unknown> {
  const { amount, currency } = payload;
  if (typeof amount !== "string" || typeof currency !== "string") return payload;
  return { ...payload, amount: formatMinorUnits(BigInt(amount), currencyScale(currency)) };
}

/** One POST of a delivery: its status, and why it failed (null when accepted). */
async function deliver(target: WebhookTarget, delivery: Claimed, timeoutMs: number): Promise<Attempt> {
  const body = JSON.stringify({ id: delivery.id, event: delivery.event, createdAt: new Date(delivery.created_at).toISOString(), data: eventData(delivery.payload) });
  try {
    const response = await fetch(target.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Ledgerwatch-Webhooks/1",
        "X-Ledgerwatch-Event": delivery.event,
        "X-Ledgerwatch-Delivery": delivery.id,
        "X-Ledgerwatch-Signature": webhookSignature(target.secret, body),
      },
      body,
      // A redirect is an answer to fix in WEBHOOK_URL: following it would turn the POST into a GET.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.ok) {
      await response.body?.cancel();
      return { status: response.status, error: null };
    }
    const said = (await startOf(response)).trim();
    return { status: response.status, error: `HTTP ${response.status}${said ? `: ${said}` : ""}` };
  } catch (error) {
    // fetch's own message is "fetch failed"; the reason (ECONNREFUSED, a TLS error) is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return { status: null, error: (cause instanceof Error ? cause.message : String(cause)) || "no answer" };
  }
}

/** The first few hundred characters of a refusal's body, for the log: never the whole of whatever came back. */
async function startOf(response: Response, limit = 300): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } catch {
    // What arrived before the body broke off is enough.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, limit);
}

/**
 * This process's webhook sender: every `intervalMs` (at once again after a full batch) it sends
 * what is due. Without a target it sends nothing and the deliveries stay in the log.
 */
export function startWebhookSender(db: Database, target: WebhookTarget | null, settings: SenderSettings & { intervalMs?: number } = {}): Worker {
  if (!target) return { stop: async () => {} };
  const batchSize = settings.batchSize ?? 20;
  return startWorker("webhook sender", async () => (await sendDueWebhooks(db, target, settings)) >= batchSize, settings.intervalMs ?? 1000);
}
