import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import type { OutboxMessage } from "@/db/schema";
import { listOutbox } from "@/lib/mail";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";

export const metadata: Metadata = { title: "Outbox" };

function deliveryText(message: OutboxMessage, smtpConfigured: boolean, timeZone: string): string {
  if (message.sentAt) return `Sent ${formatStaffTime(message.sentAt, timeZone)}`;
  if (!smtpConfigured) return "Not sent: no SMTP server is configured";
  if (message.attempts === 0) return "Waiting to be sent";
  return `Not sent after ${message.attempts} ${message.attempts === 1 ? "try" : "tries"} (${message.lastError ?? "no answer"}); next try ${formatStaffTime(message.nextAttemptAt, timeZone)}`;
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const page = parsePage(await searchParams);
  const { db, config } = services();
  const { rows, total } = await listOutbox(db, page);
  const pageCount = Math.max(1, Math.ceil(total / page.size));

  return (
    <>
      <PageHeader
        title="Outbox"
        description={
          config.SMTP_URL
            ? "Every email the app sends, queued here first and sent over SMTP by the outbox worker, which retries a failed one."
            : "No SMTP server is configured (SMTP_URL), so email is kept here instead of being sent."
        }
      />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          No messages yet. Creating a user or resetting a password sends one.
        </p>
      ) : (
        <ol className="space-y-3">
          {rows.map((message) => (
            <li key={message.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap justify-between gap-2 text-sm">
                <span>
                  To <strong>{message.to}</strong>: {message.subject}
                </span>
                <time dateTime={message.createdAt.toISOString()} className="text-slate-500">
                  {formatStaffTime(message.createdAt, timeZone, { seconds: true })}
                </time>
              </div>
              <p className="mt-1 text-xs text-slate-500">{deliveryText(message, Boolean(config.SMTP_URL), timeZone)}</p>
              <pre className="mt-2 overflow-x-auto text-sm whitespace-pre-wrap text-slate-700">{message.body}</pre>
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
        {page.index > 0 && <Link href={`/outbox?page=${page.index}`} className="text-brand-700">Newer</Link>}
        <span>
          Page {page.index + 1} of {pageCount}
        </span>
        {page.index + 1 < pageCount && <Link href={`/outbox?page=${page.index + 2}`} className="text-brand-700">Older</Link>}
      </nav>
    </>
  );
}
