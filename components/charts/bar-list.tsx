import Link from "next/link";
import { formatGroupedMinorUnits } from "@/lib/money";

export type BarListItem = { key: string; label: string; detail?: string; value: bigint; href?: string; highlighted?: boolean };

/**
 * Ranked values as labelled horizontal bars: plain HTML whose bar widths come from the server,
 * so labels wrap on a phone instead of shrinking with an SVG.
 */
export function BarList({ title, items, emptyMessage }: { title: string; items: BarListItem[]; emptyMessage: string }) {
  const max = items.reduce((top, item) => (item.value > top ? item.value : top), 0n);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{title}</figcaption>
      {items.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">{emptyMessage}</p>
      ) : (
        <ol className="space-y-2">
          {items.map((item) => {
            // Per mille of the largest value: bigint division keeps it exact enough for a bar.
            const share = max === 0n ? 0 : Number((item.value * 1000n) / max) / 10;
            const label = (
              <span className="truncate">
                {item.label}
                {item.detail && <span className="text-slate-500"> · {item.detail}</span>}
              </span>
            );
            return (
              <li key={item.key} className="text-xs">
                <div className="flex justify-between gap-2">
                  {item.href ? (
                    <Link href={item.href} className="min-w-0 truncate text-brand-700 hover:underline">
                      {label}
                    </Link>
                  ) : (
                    label
                  )}
                  <span className="font-mono whitespace-nowrap tabular-nums">{formatGroupedMinorUnits(item.value)}</span>
                </div>
                <div className="mt-0.5 h-2 rounded bg-slate-100">
                  <div className={`h-2 rounded ${item.highlighted ? "bg-red-500" : "bg-brand-300"}`} style={{ width: `${share}%` }} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </figure>
  );
}
