import { scaleLinear } from "d3-scale";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/**
 * A linear scale over cents for drawing. Numbers here only place pixels: every amount a reader
 * sees is formatted from the exact bigint, never from these.
 */
export function amountScale(maxCents: bigint, range: [number, number]) {
  const scale = scaleLinear()
    .domain([0, Math.max(Number(maxCents) / 100, 1)])
    .range(range)
    .nice(4);
  return {
    at: (cents: bigint) => scale(Number(cents) / 100),
    ticks: scale.ticks(4).map((value) => ({ value, label: compact.format(value), at: scale(value) })),
  };
}
