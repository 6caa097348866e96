// `npm run bench:analysis`: how long the analysis page (`next start`, signed in) and the analysis
// API take for a month of 1,000,000 transactions in a database of 10,000,000, next to the three
// plain aggregate SQL queries that answer the same questions straight from PostgreSQL. A
// benchmark: it prints numbers, it asserts nothing.
// The data is loaded once into the embedded database in .data/bench-analysis and reused by later
// runs (BENCH_ANALYSIS_RELOAD=1 loads it again). BENCH_ANALYSIS_ROWS=100000 loads that many per
// month instead, for a quick check; BENCH_RUNS sets the timed runs (5); BENCH_SKIP_APP=1 times
// the plain SQL alone (no build, no server). BENCH_DATABASE_URL runs against that database
// instead of the embedded one: its transactions, imports and monthly totals are replaced.
import nextEnv from "@next/env";
import path from "node:path";
import postgres from "postgres";
import { formatGroupedMinorUnits } from "@/lib/money";
import { freePort } from "@/scripts/database";
import { prepareDatabase } from "@/scripts/prepare-database";
import { existingLoad, loadData, measuredMonth, type DataShape } from "./lib/analysis-data";
import { apiProbe, measureRounds, pageProbe, referenceProbes, signInSession, thresholdsInForce, type Series } from "./lib/analysis-measure";
import { analysisReport } from "./lib/analysis-report";
import { stopTree } from "./lib/processes";
import { machine } from "./lib/report";
import { ensureBuild, signIn, startServer, waitUntilReady, type Server } from "./lib/server";

const databaseName = "bench-analysis";
const admin = { login: "Admin", password: "123999" };
const warmUps = 1;

function positiveInteger(name: string, fallback: number): number {
  const text = (process.env[name] ?? String(fallback)).replaceAll("_", "");
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return value;
}

const log = (line: string) => console.log(`· ${line}`);

/**
 * The bench empties and reloads the transaction tables, so it never runs against DATABASE_URL
 * (the shell's or a .env file's): only against its own embedded database, or BENCH_DATABASE_URL.
 */
function chooseDatabase(): void {
  nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, ".."), false);
  if (process.env.BENCH_DATABASE_URL) {
    process.env.DATABASE_URL = process.env.BENCH_DATABASE_URL;
    log("BENCH_DATABASE_URL: its transactions, imports and monthly totals will be replaced");
    return;
  }
  if (process.env.DATABASE_URL) {
    console.error(
      "DATABASE_URL is set, and this bench deletes and reloads the transactions of the database it runs on.\n" +
        "Unset DATABASE_URL (the bench then uses its own embedded database in .data/bench-analysis), or set\n" +
        "BENCH_DATABASE_URL to a database whose data may be replaced.",
    );
    process.exit(1);
  }
}

async function main() {
  const shape: DataShape = { firstMonth: "2025-01", months: 10, rowsPerMonth: positiveInteger("BENCH_ANALYSIS_ROWS", 1_000_000) };
  const runs = positiveInteger("BENCH_RUNS", 5);
  const month = measuredMonth(shape);
  chooseDatabase();

  let buildError: string | undefined;
  if (process.env.BENCH_SKIP_APP === "1") {
    buildError = "BENCH_SKIP_APP=1";
  } else {
    try {
      log(ensureBuild() ? "built the app (next build)" : "using the existing production build in .next");
    } catch (error) {
      buildError = (error as Error).message;
      log(`no production build, the app is not measured: ${buildError}`);
    }
  }

  const { database } = await prepareDatabase({ name: databaseName });
  let server: Server | undefined;
  let sql: postgres.Sql | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      if (server) await stopTree(server.child);
      await sql?.end({ timeout: 5 });
      await database.stop();
    })());
  const interrupt = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);

  try {
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [{ version }] = await sql`select split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) as version`;

    const reused = process.env.BENCH_ANALYSIS_RELOAD === "1" ? null : await existingLoad(sql, shape);
    let load: Parameters<typeof analysisReport>[0]["load"];
    if (reused) {
      log(`reusing the data loaded on ${reused.loadedAt.toISOString()} (the load took ${reused.seconds.toFixed(0)} s)`);
      load = { reused };
    } else {
      log(`loading ${(shape.months * shape.rowsPerMonth).toLocaleString("en")} transactions (${shape.firstMonth} to ${month}) …`);
      const loaded = await loadData(sql, shape, log);
      log(`loaded in ${loaded.total.toFixed(0)} s`);
      load = { loaded };
    }
    const thresholds = await thresholdsInForce(sql);

    const reference = referenceProbes(sql, month, thresholds);
    // What the page must show: the month's largest suspicious transaction, account and branch total.
    const expected: Record<string, string> = {};
    for (const [name, probe, fact] of [
      ["the largest transaction", reference[0], "topAmount"],
      ["the largest account total", reference[1], "topTotal"],
      ["the largest branch total", reference[2], "topTotal"],
    ] as const) {
      const value = (await probe.run()).facts?.[fact];
      if (typeof value === "string") expected[name] = formatGroupedMinorUnits(BigInt(value));
    }

    let appProbes: Parameters<typeof measureRounds>[0] = [];
    let appError = buildError;
    if (!buildError) {
      try {
        const port = await freePort();
        server = startServer(port, process.env);
        await waitUntilReady(server);
        log(`next start on port ${port}, pid ${server.child.pid}`);
        const token = await signIn(server.origin, admin.login, admin.password);
        const cookie = await signInSession(server.origin, admin.login, admin.password);
        appProbes = [apiProbe(server.origin, token, month), pageProbe(server.origin, cookie, month, expected)];
      } catch (error) {
        appError = (error as Error).message;
        log(`the app is not measured: ${appError}`);
      }
    }

    log(`timing ${warmUps} warm-up and ${runs} runs of each, interleaved …`);
    const series = await measureRounds([...reference, ...appProbes], warmUps, runs, log);
    const find = (key: string): Series | undefined => series.find((entry) => entry.key === key);

    const [sizes] = await sql`
      select pg_database_size(current_database())::float8 as database, pg_total_relation_size('transactions')::float8 as transactions`;
    console.log();
    console.log(
      analysisReport({
        machine: machine(version as string),
        month,
        transactions: shape.months * shape.rowsPerMonth,
        monthTransactions: shape.rowsPerMonth,
        warmUps,
        runs,
        thresholds,
        reference: series.slice(0, reference.length),
        api: find("api"),
        page: find("page"),
        appError,
        load,
        databaseBytes: sizes.database as number,
        transactionsBytes: sizes.transactions as number,
      }),
    );
    if (server && (appError || find("api")?.error || find("page")?.error)) {
      console.log(`\nserver output (last lines):\n${server.output().trimEnd().split("\n").slice(-40).join("\n")}`);
    }
  } finally {
    await cleanUp();
  }
}

await main();
