import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notifications, users, type Notification } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { queueMail, type MailMessage } from "@/lib/mail";
import { formatMoney } from "@/lib/money";
import type { Queryable } from "@/lib/ledger/db";
import type { Page } from "@/lib/paging";
import { notificationKinds, type NotificationKind } from "./kinds";

export { notificationKindLabels, notificationKinds, type NotificationKind } from "./kinds";

export type Notice = { userId: string; kind: NotificationKind; data: Record<string, string> };

/**
 * Records notices in the caller's transaction, so they exist exactly when what they tell of does:
 * a statement to await or, in a pipelined ledger transaction, to `.execute()`.
 */
export function notify(sql: Queryable, notices: [Notice, ...Notice[]]) {
  return sql`
    insert into notifications (user_id, kind, data)
    select * from unnest(${notices.map((notice) => notice.userId)}::text[]::uuid[], ${notices.map((notice) => notice.kind)}::text[],
      ${notices.map((notice) => JSON.stringify(notice.data))}::text[]::jsonb[])`;
}

const money = (data: Record<string, string>) => formatMoney(BigInt(data.amount), data.currency);

/** A notification's words, for the list and the email: amounts stored in minor units, shown with their currency. */
export function notificationText(notification: Pick<Notification, "kind" | "data">): { title: string; body: string } {
  const { data } = notification;
  switch (notification.kind as NotificationKind) {
    case "money_received":
      return { title: `You received ${money(data)}`, body: data.from === "Deposit" ? "A deposit reached your wallet." : `From ${data.from}.` };
    case "withdrawal_settled":
      return { title: `Your withdrawal of ${money(data)} was paid out`, body: "The money has left your wallet for your bank." };
    case "withdrawal_cancelled":
      return { title: `Your withdrawal of ${money(data)} was cancelled`, body: "The money is available in your wallet again." };
    case "payment_request_received":
      return { title: `${data.from} asks you for ${money(data)}`, body: data.note ? `“${data.note}”. Pay or decline it in your wallet.` : "Pay or decline it in your wallet." };
    case "payment_request_paid":
      return { title: `${data.by} paid your request for ${money(data)}`, body: "The money is in your wallet." };
    case "payment_request_declined":
      return { title: `${data.by} declined your request for ${money(data)}`, body: "Nothing was paid." };
    case "movement_under_review":
      return { title: `Your ${data.movement} of ${money(data)} is under review`, body: "The money is set aside in your wallet until we have checked it; we'll tell you when it goes." };
    case "movement_released":
      return { title: `Your ${data.movement} of ${money(data)} went through`, body: "We checked it and let it go." };
    case "movement_rejected":
      return { title: `Your ${data.movement} of ${money(data)} was not made`, body: "We checked it and stopped it. The money is available in your wallet again; contact support for more." };
    default:
      return { title: "Something happened in your wallet", body: "" };
  }
}

function notificationMail(to: string, name: string, notification: Pick<Notification, "kind" | "data">, appUrl: string): MailMessage {
  const { title, body } = notificationText(notification);
  return {
    to,
    subject: title,
    text: [
      `Hello ${name},`,
      "",
      `${title}.`,
      body,
      "",
      `See it in your wallet: ${new URL("/wallet/notifications", appUrl)}`,
      `Choose which emails you get: ${new URL("/wallet/account", appUrl)}`,
    ].join("\n"),
  };
}

/**
 * The notifications one round turns into email. Every transfer brings one, so under load a round
 * takes a second's worth at once: a round's statements cost about as much for one as for hundreds.
 */
export const notificationEmailsPerRound = 500;

/**
 * Turns notifications into outbox emails, oldest first, skipping the kinds each user opted out
 * of; returns how many it handled. Each one is taken under a row lock and marked in the same
 * transaction as its email, so it is mailed once, however many workers run.
 */
export async function queueNotificationEmails(db: Database, appUrl: string, limit = notificationEmailsPerRound): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notifications.id, kind: notifications.kind, data: notifications.data, email: users.email, name: users.name, optOuts: users.emailOptOuts })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(eq(notifications.emailPending, true))
      .orderBy(notifications.id)
      .limit(limit)
      .for("update", { of: notifications, skipLocked: true });
    // One insert for the round's emails: under load every transfer brings one.
    const wanted = due.filter((notification) => !notification.optOuts.includes(notification.kind));
    await queueMail(tx, ...wanted.map((notification) => notificationMail(notification.email, notification.name, notification, appUrl)));
    if (due.length > 0) {
      await tx
        .update(notifications)
        .set({ emailPending: false })
        .where(sql`${notifications.id} = any(${`{${due.map((notification) => notification.id).join(",")}}`}::bigint[])`);
    }
    return due.length;
  });
}

export async function listNotifications(db: Database, userId: string, page: Page): Promise<{ rows: Notification[]; total: number; unread: number }> {
  const [rows, [{ total }], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.id))
      .limit(page.size)
      .offset(page.index * page.size),
    db.select({ total: count() }).from(notifications).where(eq(notifications.userId, userId)),
    unreadCount(db, userId),
  ]);
  return { rows, total, unread };
}

export async function unreadCount(db: Database, userId: string): Promise<number> {
  const [{ unread }] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return unread;
}

/** Marks the user's notifications up to `throughId` (those they were shown) as read. */
export async function markNotificationsRead(db: Database, userId: string, throughId: number): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), sql`${notifications.id} <= ${throughId}`));
}

/** The kinds the user gets no email for; every notification still shows in the wallet. */
export async function setEmailOptOuts(db: Database, userId: string, optOuts: NotificationKind[]): Promise<void> {
  const [updated] = await db.update(users).set({ emailOptOuts: optOuts }).where(eq(users.id, userId)).returning({ id: users.id });
  if (!updated) throw new DomainError("NOT_FOUND", "No such user.");
}

export async function emailOptOuts(db: Database, userId: string): Promise<NotificationKind[]> {
  const [user] = await db.select({ optOuts: users.emailOptOuts }).from(users).where(eq(users.id, userId));
  return (user?.optOuts ?? []).filter((kind): kind is NotificationKind => (notificationKinds as readonly string[]).includes(kind));
}
