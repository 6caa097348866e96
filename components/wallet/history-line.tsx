import Link from "next/link";
import { lineCounterparty, lineLabel, unpostedDetail, unpostedLabel } from "@/lib/ledger/line-text";
import type { HistoryLine, UnpostedMovement } from "@/lib/ledger/wallets";
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

/** A movement that made no line (held for review, or not made): its amount is not in the balance. */
export function UnpostedMovementSummary({ movement, currency, timeZone }: { movement: UnpostedMovement; currency: string; timeZone: string }) {
  const { counterparty, note } = unpostedDetail(movement);
  return (
    <div className="flex items-start justify-between gap-3 text-sm">
      <div className="min-w-0">
        <Link href={`/wallet/transfers/${movement.transferId}`} className="font-medium text-brand-700 hover:underline">
          {unpostedLabel(movement)}
        </Link>
        {counterparty && <p className="truncate text-slate-600">{counterparty}</p>}
        <p className="text-slate-600">{note}</p>
        <p className="text-xs text-slate-500">
          <time dateTime={movement.at.toISOString()}>{formatDateTime(movement.at, timeZone)}</time>
        </p>
      </div>
      <UnpostedAmount movement={movement}>{formatSignedMoney(-movement.amount, currency)}</UnpostedAmount>
    </div>
  );
}

/** Struck through when not made: it never left the wallet. */
export function UnpostedAmount({ movement, children }: { movement: UnpostedMovement; children: string }) {
  const held = movement.status === "pending_review";
  return <span className={`shrink-0 text-right font-medium whitespace-nowrap ${held ? "text-amber-800" : "text-slate-500 line-through"}`}>{children}</span>;
}
