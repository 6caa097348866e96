import nodemailer from "nodemailer";
import type { Database } from "@/db/client";
import { log } from "@/lib/log";
import { retryDelaySeconds, startWorker, type Worker } from "@/lib/worker";

/** What the worker hands a message to: nodemailer's SMTP transport, or a test's. */
export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
};

export type OutboxSettings = {
  from: string;
  /** The host part of each message's Message-ID, which names its outbox row. */
  messageIdDomain: string;
  /** How long a claimed message is the claimer's: after a crash another worker sends it then. */
  leaseSeconds?: number;
  batchSize?: number;
};

// bigserial ids arrive as strings.
type Claimed = { id: string; to: string; subject: string; body: string; attempts: number };

/**
 * Sends the messages that are due, oldest first, and returns how many went. Claiming commits
 * at once (the row's next try moves a lease ahead, so other workers skip it), and no connection
 * is held while SMTP answers. A worker killed after claiming leaves the message to be sent when
 * its lease ends; one killed after SMTP accepted but before the row says so would send it again,
 * under the same Message-ID, which lets the receiving side see it is the same message.
 */
export async function sendDueMail(db: Database, transport: MailTransport, settings: OutboxSettings): Promise<number> {
  const sql = db.$client;
  const lease = settings.leaseSeconds ?? 60;
  const claimed = await sql<Claimed[]>`
    update outbox_messages set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${lease})
    where id in (
      select id from outbox_messages where sent_at is null and next_attempt_at <= now()
      order by id limit ${settings.batchSize ?? 20} for update skip locked)
    returning id, "to", subject, body, attempts`;
  let sent = 0;
  for (const message of claimed.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
    try {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        messageId: `<outbox-${message.id}@${settings.messageIdDomain}>`,
      });
      await sql`update outbox_messages set sent_at = now(), last_error = null where id = ${message.id}`;
      sent += 1;
    } catch (error) {
      // The reason only: the body may hold a password.
      const reason = error instanceof Error ? error.message : String(error);
      await sql`
        update outbox_messages set last_error = ${reason.slice(0, 500)},
          next_attempt_at = now() + make_interval(secs => ${retryDelaySeconds(message.attempts)})
        where id = ${message.id}`;
      log().warn({ messageId: message.id, attempts: message.attempts, reason }, "could not send an email; it will be retried");
    }
  }
  return sent;
}

export type OutboxWorker = Worker;

export type WorkerSettings = OutboxSettings & {
  /** No SMTP server: the outbox is only filled, for admins to read in the app. */
  smtpUrl?: string;
  /** Runs first in every round: what turns events into outbox mail. It says whether it left more to do (a full round). */
  queue?: () => Promise<boolean>;
  intervalMs?: number;
};

/**
 * Every `intervalMs` (at once again while a round found a full batch) until stopped: queues what
 * `queue` finds, then sends the outbox when SMTP is configured.
 */
export function startOutboxWorker(db: Database, settings: WorkerSettings): OutboxWorker {
  const transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : undefined;
  const batchSize = settings.batchSize ?? 20;
  const worker = startWorker(
    "outbox worker",
    async () => {
      const moreToQueue = settings.queue ? await settings.queue() : false;
      const sent = transport ? await sendDueMail(db, transport, settings) : 0;
      return moreToQueue || sent >= batchSize;
    },
    settings.intervalMs ?? 1000,
  );
  return {
    async stop() {
      await worker.stop();
      transport?.close();
    },
  };
}
