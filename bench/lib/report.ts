import { cpus, loadavg } from "node:os";

export const mebibyte = 1024 * 1024;

export type UploadMeasure = {
  label: string;
  format: "CSV" | "XML";
  status: number;
  imported: number;
  ignoredCount: number;
  error?: string;
  seconds: number;
  fileBytes: number;
  rssBaseline: number;
  rssPeak: number;
  serverCpuSeconds: number;
  postgresCpuSeconds: number;
  /** From the answer until the import was in the analysis' monthly totals (added after answering). */
  totalsSeconds: number | null;
};

export type ReferenceMeasure = { method: string; rows: number; seconds: number };

export const targets = { csvRatio: 0.5, xmlRatio: 0.3, growthMb: 200 };

const integer = (value: number) => Math.round(value).toLocaleString("en");
const fixed = (value: number, digits: number) => value.toFixed(digits);

function row(cells: [string, string, string, string, string]): string {
  const [target, rate, seconds, ratio, memory] = cells;
  return `${target.padEnd(30)} ${rate.padStart(10)} ${seconds.padStart(9)}   ${ratio.padEnd(15)} ${memory}`.trimEnd();
}

export function machine(postgresVersion: string): string {
  const model = cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  return `${cpus().length} CPUs ${model}; Node ${process.version}; ${postgresVersion}`;
}

export function rowsPerSecond(rows: number, seconds: number): number {
  return seconds > 0 ? rows / seconds : 0;
}

/** The summary table, the targets with pass/fail, and the figures behind them. */
export function report(input: {
  rows: number;
  machine: string;
  references: ReferenceMeasure[];
  uploads: UploadMeasure[];
}): string {
  const lines: string[] = [];
  const reference = input.references.reduce<ReferenceMeasure | undefined>(
    (best, next) => (!best || rowsPerSecond(next.rows, next.seconds) > rowsPerSecond(best.rows, best.seconds) ? next : best),
    undefined,
  );
  const referenceRate = reference ? rowsPerSecond(reference.rows, reference.seconds) : 0;
  const ratioOf = (upload: UploadMeasure) =>
    referenceRate > 0 ? rowsPerSecond(upload.imported, upload.seconds) / referenceRate : 0;
  const growthMb = (upload: UploadMeasure) => Math.max(0, upload.rssPeak - upload.rssBaseline) / mebibyte;

  lines.push(`bench:import  (${integer(input.rows)} rows; ${input.machine})`);
  lines.push(row(["target", "rows/s", "seconds", "ratio to COPY", "server RSS peak / growth"]));
  if (reference) {
    lines.push(row(["COPY (reference)", integer(referenceRate), fixed(reference.seconds, 2), "1.00", ""]));
    for (const measure of input.references) {
      lines.push(row([`  ${measure.method}`, integer(rowsPerSecond(measure.rows, measure.seconds)), fixed(measure.seconds, 2), "", ""]));
    }
  } else {
    lines.push(row(["COPY (reference)", "n/a", "", "", ""]));
  }
  for (const upload of input.uploads) {
    if (upload.error) {
      lines.push(row([upload.label, "failed", fixed(upload.seconds, 2), "", upload.error]));
      continue;
    }
    lines.push(
      row([
        upload.label,
        integer(rowsPerSecond(upload.imported, upload.seconds)),
        fixed(upload.seconds, 2),
        fixed(ratioOf(upload), 2),
        `${integer(upload.rssPeak / mebibyte)} MB / ${integer(growthMb(upload))} MB`,
      ]),
    );
  }

  lines.push("");
  lines.push("targets");
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  for (const upload of input.uploads) {
    const minimum = upload.format === "CSV" ? targets.csvRatio : targets.xmlRatio;
    const ratio = ratioOf(upload);
    const ratioText = upload.error || !reference ? "n/a" : `${fixed(ratio, 2)}x`;
    lines.push(`  ${upload.format} throughput  >= ${fixed(minimum, 2)}x COPY       ${ratioText.padEnd(8)} ${verdict(!upload.error && ratio >= minimum)}`);
  }
  for (const upload of input.uploads) {
    const growth = growthMb(upload);
    lines.push(
      `  ${upload.format} memory growth < ${targets.growthMb} MB          ${`${integer(growth)} MB`.padEnd(8)} ${verdict(!upload.error && growth < targets.growthMb)}`,
    );
  }

  lines.push("");
  lines.push("details");
  for (const upload of input.uploads) {
    const megabytesPerSecond = upload.fileBytes / mebibyte / Math.max(upload.seconds, 1e-9);
    lines.push(
      `  ${upload.format}: HTTP ${upload.status}, imported ${integer(upload.imported)}, ignored ${integer(upload.ignoredCount)}; ` +
        `${integer(upload.fileBytes / mebibyte)} MB file at ${fixed(megabytesPerSecond, 1)} MB/s; ` +
        `CPU during upload: server ${fixed(upload.serverCpuSeconds, 1)} s, PostgreSQL ${fixed(upload.postgresCpuSeconds, 1)} s; ` +
        `RSS baseline ${integer(upload.rssBaseline / mebibyte)} MB; ` +
        (upload.totalsSeconds === null ? "monthly totals not confirmed" : `in the analysis' monthly totals ${fixed(upload.totalsSeconds, 1)} s after the answer`),
    );
    if (!upload.error && upload.imported !== input.rows) {
      lines.push(`  ${upload.format}: WARNING imported ${integer(upload.imported)} of ${integer(input.rows)} rows`);
    }
  }
  lines.push(`  load average at the end: ${loadavg().map((value) => value.toFixed(2)).join(" ")} (other work on the machine skews every figure)`);
  lines.push("  MB = 2^20 bytes; RSS summed over the `next start` process tree, sampled every 50 ms.");
  return lines.join("\n");
}
