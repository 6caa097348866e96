import { loadavg } from "node:os";
import { formatGroupedMinorUnits } from "@/lib/money";
import type { LoadTimings, LoadRecord } from "./analysis-data";
import { median, type BenchThresholds, type Series } from "./analysis-measure";

export const analysisTargets = { pageRatio: 1.5, pageSeconds: 1 };

const integer = (value: number) => Math.round(value).toLocaleString("en");
const fixed = (value: number, digits: number) => value.toFixed(digits);
const megabytes = (bytes: number) =>
  bytes >= 1024 ** 3
    ? `${fixed(bytes / 1024 ** 3, 2)} GB`
    : bytes >= 1024 ** 2
      ? `${fixed(bytes / 1024 ** 2, 1)} MB`
      : `${integer(bytes / 1024)} KB`;
const money = (minorUnits: unknown) => (typeof minorUnits === "string" ? `BRL ${formatGroupedMinorUnits(BigInt(minorUnits))}` : "n/a");

function row(cells: [string, string, string, string, string]): string {
  const [target, rows, seconds, ratio, runs] = cells;
  return `${target.padEnd(34)} ${rows.padStart(8)} ${seconds.padStart(9)}   ${ratio.padEnd(13)} ${runs}`.trimEnd();
}

const runsText = (runs: number[]) => runs.map((seconds) => fixed(seconds, 3)).join(" ");

export type AnalysisReportInput = {
  machine: string;
  month: string;
  transactions: number;
  monthTransactions: number;
  warmUps: number;
  runs: number;
  thresholds: BenchThresholds;
  reference: Series[];
  api?: Series;
  page?: Series;
  appError?: string;
  load: { loaded: LoadTimings } | { reused: LoadRecord };
  databaseBytes: number;
  transactionsBytes: number;
};

/** The summary table, the targets with pass/fail, and the figures behind them. */
export function analysisReport(input: AnalysisReportInput): string {
  const lines: string[] = [];
  const referenceOk = input.reference.every((series) => !series.error && series.runs.length > 0);
  // Each round ran the three queries back to back: the reference is the median of those sums.
  const referenceRuns = referenceOk
    ? input.reference[0].runs.map((_, round) => input.reference.reduce((sum, series) => sum + series.runs[round], 0))
    : [];
  const referenceSeconds = referenceOk ? median(referenceRuns) : NaN;
  const referenceRows = input.reference.reduce((sum, series) => sum + (series.outcome?.rows ?? 0), 0);
  const ratioOf = (series: Series | undefined) =>
    series && !series.error && referenceOk && series.runs.length > 0 ? median(series.runs) / referenceSeconds : NaN;

  lines.push(
    `bench:analysis  (${integer(input.transactions)} transactions, ${integer(input.monthTransactions)} in ${input.month}; ` +
      `median of ${input.runs} run${input.runs === 1 ? "" : "s"} after ${input.warmUps} warm-up; ${input.machine})`,
  );
  lines.push(row(["target", "rows", "seconds", "ratio to SQL", "runs (s)"]));
  if (referenceOk) {
    lines.push(row(["plain SQL, 3 queries (reference)", integer(referenceRows), fixed(referenceSeconds, 3), "1.00", runsText(referenceRuns)]));
  } else {
    lines.push(row(["plain SQL, 3 queries (reference)", "failed", "", "", ""]));
  }
  for (const series of input.reference) {
    if (series.error) lines.push(row([`  ${series.label}`, "failed", "", "", series.error]));
    else lines.push(row([`  ${series.label}`, integer(series.outcome?.rows ?? 0), fixed(median(series.runs), 3), "", runsText(series.runs)]));
  }
  for (const [series, rows] of [
    [input.api, (series: Series) => integer(series.outcome?.rows ?? 0)],
    [input.page, () => "-"],
  ] as const) {
    if (!series) continue;
    if (series.error || series.runs.length === 0) {
      lines.push(row([series.label, "failed", "", "", series.error ?? "no run"]));
      continue;
    }
    const ratio = ratioOf(series);
    lines.push(row([series.label, rows(series), fixed(median(series.runs), 3), Number.isNaN(ratio) ? "n/a" : fixed(ratio, 2), runsText(series.runs)]));
  }
  if (!input.api && !input.page) lines.push(row(["GET /api/v1/analysis, GET /analysis", "not run", "", "", input.appError ?? ""]));

  lines.push("");
  lines.push("targets");
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const pageOk = !!input.page && !input.page.error && input.page.runs.length > 0;
  const pageRatio = ratioOf(input.page);
  const pageSeconds = pageOk ? median(input.page!.runs) : NaN;
  lines.push(
    `  page render <= ${fixed(analysisTargets.pageRatio, 2)}x plain SQL     ${(Number.isNaN(pageRatio) ? "n/a" : `${fixed(pageRatio, 2)}x`).padEnd(9)} ` +
      verdict(pageOk && pageRatio <= analysisTargets.pageRatio),
  );
  lines.push(
    `  page render  < ${fixed(analysisTargets.pageSeconds, 2)} s             ${(pageOk ? `${fixed(pageSeconds, 3)} s` : "n/a").padEnd(9)} ` +
      verdict(pageOk && pageSeconds < analysisTargets.pageSeconds),
  );

  lines.push("");
  lines.push("details");
  const [transactions, accounts, branches] = input.reference.map((series) => series.outcome);
  const t = input.thresholds;
  lines.push(
    `  thresholds version ${t.version}: transaction >= ${money(t.transaction.toString())}, account >= ${money(t.account.toString())}, ` +
      `branch >= ${money(t.branch.toString())} (per month and direction)`,
  );
  if (transactions && accounts && branches) {
    lines.push(
      `  found in ${input.month}: ${integer(transactions.rows)} suspicious transactions (largest ${money(transactions.facts?.topAmount)}); ` +
        `${integer(accounts.rows)} suspicious account rows (${integer(accounts.facts?.sent as number)} sent, ${integer(accounts.facts?.received as number)} received; ` +
        `largest ${money(accounts.facts?.topTotal)}); ${integer(branches.rows)} suspicious branch rows ` +
        `(${integer(branches.facts?.sent as number)} sent, ${integer(branches.facts?.received as number)} received; largest ${money(branches.facts?.topTotal)})`,
    );
  }
  if (input.api?.outcome) {
    const facts = input.api.outcome.facts ?? {};
    const same =
      facts.transactions === transactions?.rows && facts.accounts === accounts?.rows && facts.branches === branches?.rows;
    lines.push(
      `  API: HTTP 200, ${megabytes(input.api.outcome.bytes ?? 0)} of JSON; ${integer(facts.transactions as number)} transactions, ` +
        `${integer(facts.accounts as number)} accounts, ${integer(facts.branches as number)} branches: ` +
        (same ? "the same counts as the plain SQL" : "WARNING: not the plain SQL's counts"),
    );
  }
  if (input.page?.outcome) {
    const missing = (input.page.outcome.facts?.missing ?? []) as string[];
    lines.push(
      `  page: HTTP 200, ${megabytes(input.page.outcome.bytes ?? 0)} of HTML; ` +
        (missing.length === 0
          ? "shows the largest suspicious transaction, account total and branch total"
          : `WARNING: the HTML lacks ${missing.join(", ")}`),
    );
  }
  if ("loaded" in input.load) {
    const { total, steps } = input.load.loaded;
    lines.push(`  data: loaded this run in ${fixed(total, 0)} s (${steps.map((step) => `${step.label} ${fixed(step.seconds, 0)} s`).join("; ")})`);
  } else {
    const { loadedAt, seconds } = input.load.reused;
    lines.push(`  data: reused the load of ${loadedAt.toISOString().slice(0, 16).replace("T", " ")} UTC (it took ${fixed(seconds, 0)} s)`);
  }
  lines.push(`  database size ${megabytes(input.databaseBytes)} (transactions with their indexes ${megabytes(input.transactionsBytes)})`);
  lines.push(`  load average at the end: ${loadavg().map((value) => value.toFixed(2)).join(" ")} (other work on the machine skews every figure; compare ratios)`);
  lines.push("  plain SQL: postgres.js straight to PostgreSQL, the three queries back to back on the raw transactions table; KB, MB, GB = 2^10, 2^20, 2^30 bytes.");
  return lines.join("\n");
}
