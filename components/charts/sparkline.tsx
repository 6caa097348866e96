import { amountScale } from "./scale";

const width = 160;
const height = 40;

/** A small bar chart of daily values for a key-figure card; decorative, the figures are beside it. */
export function Sparkline({ values, highlighted }: { values: bigint[]; highlighted?: bigint[] }) {
  const max = values.reduce((top, value) => (value > top ? value : top), 0n);
  const y = amountScale(max, [height, 2]);
  const step = width / Math.max(values.length, 1);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="mt-2 h-10 w-full" aria-hidden="true" preserveAspectRatio="none">
      {values.map((value, i) => (
        <g key={i}>
          <rect x={i * step + step * 0.15} width={step * 0.7} y={y.at(value)} height={height - y.at(value)} className="fill-brand-200" />
          {highlighted && highlighted[i] > 0n && (
            <rect
              x={i * step + step * 0.15}
              width={step * 0.7}
              y={y.at(highlighted[i])}
              height={height - y.at(highlighted[i])}
              className="fill-red-500"
            />
          )}
        </g>
      ))}
    </svg>
  );
}
