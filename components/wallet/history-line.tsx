import Link from "next/link";
import { lineCounterparty, lineLabel } from "@/lib/ledger/line-text";
import type { HistoryLine } from "@/lib/ledger/wallets";
import { formatDateTime } from "@/lib/time";
import { formatSignedMoney } from "./format";

export function HistoryLineSummary({ line, currency, timeZone }: { line: HistoryLine; currency: string; timeZone: string }) {
  const counterparty = lineCounterparty(line);
  return (
    <div className="flex items-start justify-between gap-3 text-sm">
      <div className="min-w-0">
        <Link href={`/wallet/transfers/${line.transferId}`} className="font-medium text-brand-700 hover:underline">
          {lineLabel(line)}
        </Link>
        {counterparty && <p className="truncate text-slate-600">{counterparty}</p>}
        <p className="text-xs text-slate-500">
          <time dateTime={line.at.toISOString()}>{formatDateTime(line.at, timeZone)}</time>
        </p>
      </div>
      <span className={`shrink-0 text-right font-medium ${line.amount > 0n ? "text-emerald-700" : "text-slate-900"}`}>{formatSignedMoney(line.amount, currency)}</span>
    </div>
  );
}
