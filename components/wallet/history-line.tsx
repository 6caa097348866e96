import Link from "next/link";
import type { HistoryLine } from "@/lib/ledger/wallets";
import { formatDateTime, formatSignedMoney } from "./format";

/** What a line is, as a customer says it. */
export function lineLabel(line: HistoryLine): string {
  if (line.purpose === "fee") return "Fee";
  if (line.kind === "transfer") return line.amount > 0n ? "Received" : "Sent";
  if (line.kind === "deposit") return "Deposit";
  if (line.kind === "withdrawal") return "Withdrawal";
  return line.kind;
}

/** Who or what is on the other side of a line. */
export function lineCounterparty(line: HistoryLine): string | null {
  if (line.purpose === "fee") return "Ledgerwatch fee";
  if (line.counterparty) return `${line.amount > 0n ? "from" : "to"} ${line.counterparty}`;
  return line.reference;
}

export function HistoryLineSummary({ line, currency }: { line: HistoryLine; currency: string }) {
  const counterparty = lineCounterparty(line);
  return (
    <div className="flex items-start justify-between gap-3 text-sm">
      <div className="min-w-0">
        <Link href={`/wallet/transfers/${line.transferId}`} className="font-medium text-brand-700 hover:underline">
          {lineLabel(line)}
        </Link>
        {counterparty && <p className="truncate text-slate-600">{counterparty}</p>}
        <p className="text-xs text-slate-500">
          <time dateTime={line.at.toISOString()}>{formatDateTime(line.at)}</time>
        </p>
      </div>
      <span className={`shrink-0 text-right font-medium ${line.amount > 0n ? "text-emerald-700" : "text-slate-900"}`}>{formatSignedMoney(line.amount, currency)}</span>
    </div>
  );
}
