import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { PageHeader } from "@/components/page-header";
import { listOutbox } from "@/lib/mail";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser(["admin"]);
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
            ? "Email is sent over SMTP. Messages kept from before SMTP was configured are listed here."
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
                  {message.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC
                </time>
              </div>
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
