import { count, desc } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import type { Page } from "@/lib/paging";

export type MailMessage = { to: string; subject: string; text: string };

export type Mailer = { send(message: MailMessage): Promise<void> };

/** What can write a row: the database or one of its transactions. */
type Writer = Pick<Database, "insert">;

/**
 * Puts messages in the outbox, in one statement and in the caller's transaction when it passes
 * one, so an email exists exactly when what caused it does. The outbox worker (./outbox.ts) sends it; without
 * SMTP configured it stays there for admins to read: it may carry a password, which must never
 * reach the log.
 */
export async function queueMail(db: Writer, ...messages: MailMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db.insert(outboxMessages).values(messages.map((message) => ({ to: message.to, subject: message.subject, body: message.text })));
}

/** A mailer that queues: a request never waits on SMTP. */
export function outboxMailer(db: Writer): Mailer {
  return { send: (message) => queueMail(db, message) };
}

export async function listOutbox(db: Database, page: Page) {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(outboxMessages)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(page.size)
      .offset(page.index * page.size),
    db.select({ total: count() }).from(outboxMessages),
  ]);
  return { rows, total };
}
