import { formatGroupedMinorUnits } from "@/lib/money";
import { amountScale } from "./scale";

export type VolumeDay = { date: string; total: bigint; suspicious: bigint };

const margin = { top: 12, right: 8, bottom: 28, left: 48 };
// A phone gets its own drawing, narrower, so its labels stay at a readable size.
const sizes = [
  { width: 720, height: 240, labels: 10, className: "hidden sm:block" },
  { width: 360, height: 220, labels: 6, className: "sm:hidden" },
];

/**
 * Each day's volume as a bar, its suspicious part in red at the bottom. Rendered on the server
 * as SVG that scales to its container.
 */
export function VolumeChart({ days, title }: { days: VolumeDay[]; title: string }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm font-semibold text-slate-800">
        {title}
        <span className="flex gap-3 text-xs font-normal text-slate-600">
          <Legend className="fill-brand-200" label="All transactions" />
          <Legend className="fill-red-500" label="Suspicious" />
        </span>
      </figcaption>
      {sizes.map((size) => (
        <Bars key={size.width} days={days} title={title} {...size} />
      ))}
    </figure>
  );
}

function Bars({ days, title, width, height, labels, className }: { days: VolumeDay[]; title: string } & (typeof sizes)[number]) {
  const max = days.reduce((top, day) => (day.total > top ? day.total : top), 0n);
  const y = amountScale(max, [height - margin.bottom, margin.top]);
  const step = (width - margin.left - margin.right) / Math.max(days.length, 1);
  const barWidth = Math.max(step * 0.7, 1);
  const labelEvery = Math.ceil(days.length / labels);
  const base = y.at(0n);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className={`h-auto w-full ${className}`} role="img" aria-label={title}>
      {y.ticks.map((tick) => (
        <g key={tick.value}>
          <line x1={margin.left} x2={width - margin.right} y1={tick.at} y2={tick.at} className="stroke-slate-200" />
          <text x={margin.left - 6} y={tick.at} dy="0.32em" textAnchor="end" className="fill-slate-500 text-[11px]">
            {tick.label}
          </text>
        </g>
      ))}
      {days.map((day, i) => {
        const x = margin.left + i * step + (step - barWidth) / 2;
        return (
          <g key={day.date}>
            <title>{`${day.date}: BRL ${formatGroupedMinorUnits(day.total)}, suspicious BRL ${formatGroupedMinorUnits(day.suspicious)}`}</title>
            <rect x={x} width={barWidth} y={y.at(day.total)} height={base - y.at(day.total)} className="fill-brand-200" />
            <rect x={x} width={barWidth} y={y.at(day.suspicious)} height={base - y.at(day.suspicious)} className="fill-red-500" />
            {i % labelEvery === 0 && (
              <text x={x + barWidth / 2} y={height - margin.bottom + 16} textAnchor="middle" className="fill-slate-500 text-[11px]">
                {day.date.slice(8)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

function Legend({ className, label }: { className: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <svg viewBox="0 0 10 10" className="size-2.5" aria-hidden="true">
        <rect width="10" height="10" className={className} />
      </svg>
      {label}
    </span>
  );
}
