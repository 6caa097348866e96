import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { findReceipt, type Receipt } from "@/lib/ledger/receipts";
import { services } from "@/lib/services";
import { formatDateTime } from "@/lib/time";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Receipt" };

const kindLabels: Record<Receipt["kind"], string> = { transfer: "Transfer", deposit: "Deposit", withdrawal: "Withdrawal" };
const statusLabels: Record<Receipt["status"], string> = {
  completed: "Completed",
  pending: "Pending: the money is held",
  settled: "Paid out",
  cancelled: "Cancelled: the hold was released",
  expired: "Lapsed: the hold was released",
  pending_review: "Under review: the money is held until we have checked it",
  rejected: "Not made: after review the hold was released",
  blocked: "Not made",
};

/** What the receipt leads with: the recipient their credit, the sender what left their wallet. */
function headline(receipt: Receipt): { label: string; amount: string } {
  if (receipt.viewer === "recipient" && receipt.to) return { label: "You received", amount: formatMoney(receipt.to.amount, receipt.to.currency) };
  const from = receipt.from!;
  return { label: receipt.kind === "withdrawal" ? "Withdrawal" : "You sent", amount: formatMoney(from.amount, from.currency) };
}

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(["customer"]);
  const timeZone = await viewerTimeZone();
  const receipt = await findReceipt(services().db, user.id, (await params).id);
  if (!receipt) notFound();
  // A hold past its expiry no longer holds, whatever the row's status says until the provider answers.
  const lapsed = receipt.status === "pending" && receipt.expiresAt !== null && receipt.expiresAt <= new Date();
  const { label, amount } = headline(receipt);
  const sender = receipt.viewer === "sender";

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Receipt</h1>
      <section aria-labelledby="receipt-amount" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <p id="receipt-amount" className="text-sm text-slate-600">
          {label}
        </p>
        <p className="text-3xl font-bold break-words" data-testid="receipt-amount">
          {amount}
        </p>
        <dl className="mt-4 divide-y divide-slate-100 text-sm">
          <Row term="Kind" value={kindLabels[receipt.kind]} />
          <Row term="Status" value={lapsed ? statusLabels.expired : statusLabels[receipt.status]} />
          <Row term="Date" value={formatDateTime(receipt.createdAt, timeZone)} />
          {receipt.completedAt && receipt.status !== "completed" && <Row term="Finished" value={formatDateTime(receipt.completedAt, timeZone)} />}
          {receipt.status === "pending" && receipt.expiresAt && !lapsed && <Row term="Hold lapses" value={formatDateTime(receipt.expiresAt, timeZone)} />}
          <Row term="From account" value={receipt.from ? receipt.from.accountNumber : "Payment provider"} />
          <Row term="To account" value={receipt.to ? receipt.to.accountNumber : "Your bank account, through the payment provider"} />
          {sender && receipt.from && <Row term={receipt.kind === "transfer" ? "Amount sent" : "Amount"} value={formatMoney(receipt.from.amount, receipt.from.currency)} />}
          {sender && receipt.kind === "transfer" && <Row term="Fee" value={formatMoney(receipt.fee.amount, receipt.fee.currency)} />}
          {sender && receipt.kind === "transfer" && receipt.from && (
            <Row term="Total debited" value={formatMoney(receipt.from.amount + receipt.fee.amount, receipt.from.currency)} />
          )}
          {receipt.to && <Row term={sender ? "Recipient got" : "Credited"} value={formatMoney(receipt.to.amount, receipt.to.currency)} />}
          {receipt.rate && (
            <Row
              term="Exchange rate"
              value={`1 ${receipt.rate.base} = ${receipt.rate.value} ${receipt.rate.base === receipt.from?.currency ? receipt.to?.currency : receipt.from?.currency} · ${receipt.rate.source} · ${formatDateTime(receipt.rate.at, timeZone)}`}
            />
          )}
          {receipt.reference && <Row term="Reference" value={receipt.reference} />}
          <Row term="Receipt number" value={receipt.id} />
        </dl>
      </section>
      <Link href="/wallet" className="inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to your wallets
      </Link>
    </div>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
      <dt className="text-slate-600">{term}</dt>
      <dd className="min-w-0 text-right [overflow-wrap:anywhere]">{value}</dd>
    </div>
  );
}
