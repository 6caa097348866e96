import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { buttonClass } from "@/components/form";
import { listNotifications, markNotificationsRead, notificationText } from "@/lib/notifications";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { formatDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "Notifications" };

/** Where a notification's matter is: the requests page for a request, the history for money. */
const placeOf = (kind: string) => (kind.startsWith("payment_request_") ? { href: "/wallet/requests", label: "See your requests" } : { href: "/wallet/history", label: "See your history" });

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser(["customer"]);
  const timeZone = await viewerTimeZone();
  const page = parsePage(await searchParams);
  const { db } = services();
  const { rows, total } = await listNotifications(db, user.id, page);
  // Seeing the newest page reads what it shows; one that arrives meanwhile stays unread.
  if (page.index === 0 && rows.length > 0) await markNotificationsRead(db, user.id, rows[0].id);
  const pageCount = Math.max(1, Math.ceil(total / page.size));

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Notifications</h1>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          Nothing yet. You are told here, and by email, when money reaches your wallet, a withdrawal ends, or someone asks you for money. Choose
          your emails on <Link href="/wallet/account" className="text-brand-700 underline">your account</Link>.
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
          {rows.map((notification) => {
            const { title, body } = notificationText(notification);
            return (
              <li key={notification.id} className="p-4" data-unread={notification.readAt === null ? "true" : undefined}>
                <p className="flex items-start justify-between gap-2">
                  <span className="font-medium text-slate-900">{title}</span>
                  {notification.readAt === null && <span className="shrink-0 rounded-full bg-brand-100 px-2 text-xs text-brand-800">New</span>}
                </p>
                {body && <p className="text-sm text-slate-600">{body}</p>}
                <p className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-slate-500">
                  <time dateTime={notification.createdAt.toISOString()}>{formatDateTime(notification.createdAt, timeZone)}</time>
                  <Link href={placeOf(notification.kind).href} className="text-brand-700 underline">
                    {placeOf(notification.kind).label}
                  </Link>
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {pageCount > 1 && (
        <nav aria-label="Notification pages" className="flex items-center justify-between gap-2 text-sm">
          {page.index > 0 ? (
            <Link href={`/wallet/notifications?page=${page.index}`} className={buttonClass("secondary")}>
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {page.index + 1} of {pageCount}
          </span>
          {page.index + 1 < pageCount ? (
            <Link href={`/wallet/notifications?page=${page.index + 2}`} className={buttonClass("secondary")}>
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
