import { count, desc } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Database } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import type { Page } from "@/lib/paging";

export type MailMessage = { to: string; subject: string; text: string };

export type Mailer = { send(message: MailMessage): Promise<void> };

export type MailerSettings = { smtpUrl?: string; from: string };

/**
 * Sends over SMTP when an SMTP URL is configured. Without one, in every environment, messages
 * are kept in the outbox table for admins to read in the app, and only there: they carry
 * passwords, which must never reach the log.
 */
export function createMailer(db: Database, settings: MailerSettings): Mailer {
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport(settings.smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({ from: settings.from, ...message });
      },
    };
  }
  return {
    async send(message) {
      await db.insert(outboxMessages).values({ to: message.to, subject: message.subject, body: message.text });
    },
  };
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
