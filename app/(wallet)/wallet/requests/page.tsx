import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { buttonClass } from "@/components/form";
import type { PaymentRequestStatus } from "@/db/schema";
import { listWallets, type Wallet } from "@/lib/ledger/accounts";
import { listPaymentRequests, paymentRequestDays, type PaymentRequestDirection, type PaymentRequestView } from "@/lib/ledger/payment-requests";
import { formatMoney } from "@/lib/money";
import { services } from "@/lib/services";
import { formatDateTime } from "@/lib/time";
import { walletOptions } from "../own-wallets";
import { CloseRequestForm } from "./close-request-form";
import { parseRequestsParams, requestsHref, type RequestsParams } from "./params";
import { PayRequestForm } from "./pay-request-form";
import { likelyWallet, paymentQuotes, type PaymentQuote } from "./quotes";

export const metadata: Metadata = { title: "Payment requests" };

const pageSize = 10;

const statusLabels: Record<PaymentRequestStatus, string> = {
  pending: "Waiting",
  paid: "Paid",
  declined: "Declined",
  cancelled: "Cancelled",
  expired: "Expired",
};
const statusStyles: Record<PaymentRequestStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  paid: "bg-emerald-100 text-emerald-900",
  declined: "bg-red-100 text-red-900",
  cancelled: "bg-slate-100 text-slate-800",
  expired: "bg-slate-100 text-slate-800",
};

const linkClass = "font-medium text-brand-700 underline underline-offset-2";

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(["customer"]);
  const timeZone = await viewerTimeZone();
  const params = parseRequestsParams(await searchParams);
  const db = services().db;
  const [wallets, incoming, outgoing] = await Promise.all([
    listWallets(db, user.id),
    listPaymentRequests(db, user.id, { direction: "incoming" }, { index: params.incoming - 1, size: pageSize }),
    listPaymentRequests(db, user.id, { direction: "outgoing" }, { index: params.outgoing - 1, size: pageSize }),
  ]);
  const quotes = await Promise.all(incoming.rows.map((request) => (request.status === "pending" ? paymentQuotes(db, user.id, request, wallets, timeZone) : [])));

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Payment requests</h1>
        <p className="text-sm text-slate-600">
          Ask a customer for money, or pay or decline what others ask of you. A request expires {paymentRequestDays} days after it was made.
        </p>
        <Link href="/wallet/requests/new" className={buttonClass()}>
          Request money
        </Link>
      </div>

      <RequestList
        direction="incoming"
        title="Asked of you"
        total={incoming.total}
        params={params}
        empty="Nobody has asked you for money. When a customer does, the request shows here with what paying it costs, for you to pay or decline."
      >
        {incoming.rows.map((request, index) => (
          <IncomingRequest key={request.id} request={request} wallets={wallets} quotes={quotes[index]} timeZone={timeZone} />
        ))}
      </RequestList>

      <RequestList
        direction="outgoing"
        title="Asked by you"
        total={outgoing.total}
        params={params}
        empty={
          <>
            You haven&apos;t asked anyone for money. <Link href="/wallet/requests/new" className={linkClass}>Request money</Link> from a customer by their
            email or account number.
          </>
        }
      >
        {outgoing.rows.map((request) => (
          <OutgoingRequest key={request.id} request={request} timeZone={timeZone} />
        ))}
      </RequestList>
    </div>
  );
}

function RequestList({
  direction,
  title,
  total,
  params,
  empty,
  children,
}: {
  direction: PaymentRequestDirection;
  title: string;
  total: number;
  params: RequestsParams;
  empty: React.ReactNode;
  children: React.ReactNode[];
}) {
  const page = params[direction];
  const headingId = `${direction}-requests`;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {children.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          {total === 0 ? empty : <>No requests on this page. <Link href={requestsHref(params, { [direction]: 1 })} className={linkClass}>See the newest</Link>.</>}
        </p>
      ) : (
        <ul className="space-y-3">{children}</ul>
      )}
      {total > pageSize && (
        <nav aria-label={`Pages of requests ${title.toLowerCase()}`} className="flex items-center justify-between gap-2 text-sm">
          {page > 1 ? (
            <Link href={requestsHref(params, { [direction]: page - 1 })} className={buttonClass("secondary")}>
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="text-slate-600">
            Page {page} of {Math.ceil(total / pageSize)}
          </span>
          {page * pageSize < total ? (
            <Link href={requestsHref(params, { [direction]: page + 1 })} className={buttonClass("secondary")}>
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </section>
  );
}

function RequestCard({ request, heading, timeZone, children }: { request: PaymentRequestView; heading: string; timeZone: string; children: React.ReactNode }) {
  const headingId = `request-${request.id}`;
  return (
    <li>
      <article aria-labelledby={headingId} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex items-start justify-between gap-2">
          <h3 id={headingId} className="min-w-0 font-semibold [overflow-wrap:anywhere]">
            {heading}
          </h3>
          <span className={`shrink-0 rounded px-2 py-0.5 text-xs font-medium ${statusStyles[request.status]}`}>{statusLabels[request.status]}</span>
        </div>
        {request.note && <p className="text-sm text-slate-800 [overflow-wrap:anywhere]">“{request.note}”</p>}
        <RequestTimes request={request} timeZone={timeZone} />
        {children}
      </article>
    </li>
  );
}

/** When it was asked, and when it expires or what ended it. */
function RequestTimes({ request, timeZone }: { request: PaymentRequestView; timeZone: string }) {
  const at = (date: Date) => <time dateTime={date.toISOString()}>{formatDateTime(date, timeZone)}</time>;
  const ended = { paid: "Paid", declined: "Declined", cancelled: "Cancelled" } as const;
  return (
    <div className="space-y-1 text-sm text-slate-600">
      <p>Asked {at(request.createdAt)}</p>
      {request.status === "pending" && <p>Expires {at(request.expiresAt)}</p>}
      {request.status === "expired" && <p>Expired {at(request.expiresAt)}</p>}
      {request.status !== "pending" && request.status !== "expired" && request.decidedAt && (
        <p>
          {ended[request.status]} {at(request.decidedAt)}
        </p>
      )}
    </div>
  );
}

function ReceiptLink({ request }: { request: PaymentRequestView }) {
  if (!request.transferId) return null;
  return (
    <Link href={`/wallet/transfers/${request.transferId}`} className={`inline-block text-sm ${linkClass}`}>
      See the receipt
    </Link>
  );
}

function IncomingRequest({ request, wallets, quotes, timeZone }: { request: PaymentRequestView; wallets: Wallet[]; quotes: PaymentQuote[]; timeZone: string }) {
  const from = likelyWallet(wallets, request);
  return (
    <RequestCard request={request} timeZone={timeZone} heading={`${request.requester.name} asks you for ${formatMoney(request.amount, request.currency)}`}>
      {request.requester.accountNumber && <p className="text-sm text-slate-600">To their account {request.requester.accountNumber}</p>}
      {request.status === "pending" &&
        (from ? (
          <div className="space-y-2 border-t border-slate-100 pt-3">
            <PayRequestForm requestId={request.id} idempotencyKey={randomUUID()} wallets={walletOptions(wallets)} quotes={quotes} initialFrom={from.id} />
            <CloseRequestForm requestId={request.id} closing="decline" />
          </div>
        ) : (
          <>
            <p className="text-sm text-slate-600">
              You need a wallet to pay it. <Link href="/wallet" className={linkClass}>Open one</Link> first.
            </p>
            <CloseRequestForm requestId={request.id} closing="decline" />
          </>
        ))}
      <ReceiptLink request={request} />
    </RequestCard>
  );
}

function OutgoingRequest({ request, timeZone }: { request: PaymentRequestView; timeZone: string }) {
  return (
    <RequestCard request={request} timeZone={timeZone} heading={`You asked ${request.payer.name} for ${formatMoney(request.amount, request.currency)}`}>
      {request.requester.accountNumber && <p className="text-sm text-slate-600">Into your account {request.requester.accountNumber}</p>}
      {request.status === "pending" && <CloseRequestForm requestId={request.id} closing="cancel" />}
      <ReceiptLink request={request} />
    </RequestCard>
  );
}
