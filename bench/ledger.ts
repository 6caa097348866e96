// `npm run bench:ledger`: transfers per second through lib/ledger, through POST /api/v1/transfers
// of `next start` and through the batch endpoint, beside pgbench's built-in TPC-B-like script,
// all on one PostgreSQL in one run. A benchmark: it prints numbers, it asserts nothing.
// It uses its own fresh embedded database in .data/bench-ledger. BENCH_SECONDS sets each
// target's run (15), BENCH_ROUNDS the interleaved rounds (3), BENCH_WALLETS the wallets (10,000), BENCH_BATCH the transfers per batch
// call (100), BENCH_TARGETS a comma-separated subset of pgbench,lib,screened,http,two,batch (all; "two" is
// two `next start` instances sharing one port through Node's cluster module; "screened" is the lib
// target with ten screening rules live, over a history of BENCH_HISTORY past transfers (1,000,000)
// written first, which every target then runs over), and
// BENCH_CPU_PROF=<dir> writes a CPU profile of the server there when it stops. pgbench comes
// from Debian's PostgreSQL client (`apt-get install postgresql-client`).
import nextEnv from "@next/env";
import { readFileSync } from "node:fs";
import path from "node:path";
import { connectDatabase } from "@/db/client";
import { issueApiToken } from "@/lib/auth/tokens";
import { systemAccountId } from "@/lib/ledger/accounts";
import { setFeeSchedule } from "@/lib/ledger/fees";
import { checkIntegrity } from "@/lib/ledger/integrity";
import { deposit } from "@/lib/ledger/provider";
import { dataRoot, freePort } from "@/scripts/database";
import { prepareDatabase } from "@/scripts/prepare-database";
import { initPgbench, metered, otherThan, pgbenchAvailable, pgbenchPath, runHttp, runHttpGet, runLibraryTransfers, runPgbench, smallAmount, type BenchWallet, type LoadResult } from "./lib/ledger-load";
import { stopTree } from "./lib/processes";
import { machine } from "./lib/report";
import { screeningRules, writeHistory } from "./lib/screening-load";
import { ensureBuild, startServer, waitUntilReady, type Server } from "./lib/server";

const clients = 16;
const pgbenchScale = 10;
const batchConnections = 4;
const tokenHolders = 1_000;
const providerKey = "bench-payment-provider-key-0123456789";

function positiveInteger(name: string, fallback: number): number {
  const value = Number((process.env[name] ?? String(fallback)).replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return value;
}

const log = (line: string) => console.log(`· ${line}`);

/** The money each wallet starts with. */
const opening = "1000000.00";

/**
 * Customers with one BRL wallet each, funded by the provider (unless `funded` is false: the
 * history written for the screened target funds them, a month ago), the first `tokenHolders` with an API token.
 */
async function createWallets(url: string, count: number, funded: boolean): Promise<BenchWallet[]> {
  const connection = connectDatabase(url, { max: clients });
  try {
    const sql = connection.db.$client;
    const owners = await sql`
      insert into users (name, email, role, password_hash)
      select 'Bench ' || i, 'bench-' || i || '@bench.test', 'customer', 'not-a-password' from generate_series(1, ${count}) as i
      returning id`;
    const rows = await sql`
      insert into ledger_accounts (kind, currency, owner_id, account_number)
      select 'wallet', 'BRL', o.id, (5000000000 + row_number() over ())::text from unnest(${owners.map((row) => row.id as string)}::uuid[]) as o(id)
      returning id, owner_id, account_number`;
    const wallets: BenchWallet[] = rows.map((row) => ({ id: row.id, ownerId: row.owner_id, accountNumber: row.account_number }));
    let next = 0;
    await Promise.all(
      Array.from({ length: funded ? clients : 0 }, async () => {
        while (next < wallets.length) {
          const wallet = wallets[next++];
          await deposit(connection.db, { accountNumber: wallet.accountNumber, amount: opening, currency: "BRL", reference: "bench" }, `fund-${wallet.id}`);
        }
      }),
    );
    for (const wallet of wallets.slice(0, tokenHolders)) {
      wallet.token = (await issueApiToken(connection.db, { userId: wallet.ownerId, kind: "personal", name: "bench", ttlMinutes: null })).token;
    }
    // A fee on every transfer, as in production: each one books fee lines too.
    await setFeeSchedule(sql, "BRL", { flat: 1n, percent: 0n, minimum: 0n }, null);
    await systemAccountId(sql, "fees", "BRL");
    return wallets;
  } finally {
    await connection.close();
  }
}

const fixed = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? "-" : value.toFixed(digits));
const integer = (value: number) => Math.round(value).toLocaleString("en");
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

type Target = { key: string; run: () => Promise<LoadResult> };

/** Every target's runs, round by round (each round runs every target once, in order). */
type Rounds = Map<string, LoadResult[]>;

/** A target's median over the rounds of its rate against another's, each round against the same round's. */
function medianRatio(rounds: Rounds, key: string, to: string): number | undefined {
  const mine = rounds.get(key);
  const theirs = rounds.get(to);
  if (!mine || !theirs) return undefined;
  return median(mine.map((result, round) => result.rate / theirs[round].rate));
}

function table(rounds: Rounds): string[] {
  const lines = [`${"target".padEnd(44)} ${"per s".padStart(9)}  ${"each round".padEnd(24)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)}  ratio to pgbench`];
  for (const [key, results] of rounds) {
    const ratio = medianRatio(rounds, key, "pgbench");
    lines.push(
      [
        results[0].label.padEnd(44),
        fixed(median(results.map((result) => result.rate))).padStart(9),
        " " + results.map((result) => fixed(result.rate, 0)).join(" ").padEnd(24),
        fixed(median(results.map((result) => result.p50Ms ?? NaN)), 1).replace("NaN", "-").padStart(7),
        fixed(median(results.map((result) => result.p99Ms ?? NaN)), 1).replace("NaN", "-").padStart(7),
        String(results.reduce((sum, result) => sum + result.errors, 0)).padStart(7),
        " " + (ratio === undefined ? "-" : ratio.toFixed(2)),
      ].join(" "),
    );
  }
  return lines;
}

async function main() {
  const seconds = positiveInteger("BENCH_SECONDS", 15);
  const roundCount = positiveInteger("BENCH_ROUNDS", 3);
  const walletCount = positiveInteger("BENCH_WALLETS", 10_000);
  const batchSize = positiveInteger("BENCH_BATCH", 100);
  const historyCount = positiveInteger("BENCH_HISTORY", 1_000_000);
  const selected = new Set((process.env.BENCH_TARGETS ?? "pgbench,lib,screened,http,two,batch").split(",").map((name) => name.trim()));
  const appSelected = selected.has("http") || selected.has("two") || selected.has("batch");
  nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, ".."), false);
  // The bench creates thousands of customers: only ever on its own fresh embedded database.
  delete process.env.DATABASE_URL;
  process.env.PAYMENT_PROVIDER_KEY = providerKey;
  // Never refused under the bench's load, which still pays the limiter's cost.
  process.env.RATE_LIMIT_IP_PER_MINUTE = process.env.RATE_LIMIT_TOKEN_PER_MINUTE = "100000000";

  let buildError: string | undefined;
  if (appSelected) {
    try {
      log(ensureBuild() ? "built the app (next build)" : "using the existing production build in .next");
    } catch (error) {
      buildError = (error as Error).message;
    }
  }
  const { database } = await prepareDatabase({ name: "bench-ledger", fresh: true });
  let server: Server | undefined;
  let pair: Server | undefined;
  const connection = connectDatabase(database.url, { max: clients });
  const sql = connection.db.$client;
  try {
    const [{ version }] = await sql`select split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) as version`;
    const pids = { postgres: Number(readFileSync(path.join(dataRoot, "bench-ledger", "postmaster.pid"), "utf8").split("\n")[0]) };
    const targets: Target[] = [];

    if (!selected.has("pgbench")) log("pgbench not in BENCH_TARGETS");
    else if (!pgbenchAvailable()) log(`no pgbench at ${pgbenchPath}: apt-get install postgresql-client for the reference`);
    else {
      log(`pgbench: initialising scale ${pgbenchScale} …`);
      await initPgbench(database.url, pgbenchScale);
      targets.push({ key: "pgbench", run: () => metered(pids, () => runPgbench(database.url, pgbenchScale, clients, seconds)) });
    }

    log(`creating ${integer(walletCount)} wallets …`);
    const wallets = await createWallets(database.url, walletCount, !selected.has("screened"));
    const screening = selected.has("screened") ? await screeningRules(connection.db, wallets) : null;
    if (screening) {
      log(`writing ${integer(historyCount)} past transfers over the last 30 days …`);
      const started = performance.now();
      await writeHistory(connection.db, historyCount, opening);
      log(`… in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await sql`vacuum analyze`;
    if (selected.has("lib")) targets.push({ key: "lib", run: () => metered(pids, () => runLibraryTransfers(connection.db, wallets, clients, seconds)) });
    if (screening) {
      // Live only for its own rounds: the rule set in force changes, and the ledger reloads it.
      targets.push({
        key: "screened",
        run: async () => {
          await screening.activate();
          try {
            return await metered(pids, () => runLibraryTransfers(connection.db, wallets, clients, seconds, `lib/ledger transfer(), ${screening.count} rules live`));
          } finally {
            await screening.deactivate();
          }
        },
      });
    }

    if (buildError) log(`the app is not measured: ${buildError}`);
    else if (appSelected) {
      const port = await freePort();
      const profileDir = process.env.BENCH_CPU_PROF;
      server = startServer(port, process.env, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []);
      await waitUntilReady(server);
      log(`next start on port ${port}`);
      const app = { origin: server.origin, pids: { ...pids, server: server.child.pid } };
      if (selected.has("http")) {
        targets.push({
          key: "floor",
          run: () =>
            metered(app.pids, () =>
              runHttpGet({ label: "GET /api/health (no caller, no database)", origin: app.origin, path: "/api/health", headers: {}, connections: clients, seconds }),
            ),
        });
        targets.push({
          key: "ceiling",
          run: () =>
            metered(app.pids, () =>
              runHttpGet({ label: "GET /api/v1/wallets (no transfer: ceiling)", origin: app.origin, path: "/api/v1/wallets", headers: { authorization: `Bearer ${wallets[0].token!}` }, connections: clients, seconds }),
            ),
        });
        targets.push({
          key: "http",
          run: () =>
            metered(app.pids, () =>
              runHttp({
                label: "POST /api/v1/transfers (next start)",
                origin: app.origin,
                path: "/api/v1/transfers",
                wallets,
                connections: clients,
                seconds,
                perCall: 1,
                body: (from) => ({ from: from.id, to: otherThan(wallets, from).accountNumber, amount: smallAmount() }),
              }),
            ),
        });
      }
      if (selected.has("two")) {
        const pairPort = await freePort();
        pair = startServer(pairPort, process.env, [], 2);
        await waitUntilReady(pair);
        log(`two next start instances (cluster) on port ${pairPort}`);
        const pairPids = { ...pids, server: pair.child.pid };
        targets.push({
          key: "two",
          run: () =>
            metered(pairPids, () =>
              runHttp({
                label: "POST /api/v1/transfers (2 instances, 1 port)",
                origin: pair!.origin,
                path: "/api/v1/transfers",
                wallets,
                connections: clients,
                seconds,
                perCall: 1,
                body: (from) => ({ from: from.id, to: otherThan(wallets, from).accountNumber, amount: smallAmount() }),
              }),
            ),
        });
      }
      if (selected.has("batch")) {
        targets.push({
          key: "batch",
          run: () =>
            metered(app.pids, () =>
              runHttp({
                label: `POST /api/v1/transfers/batch (${batchSize} per call)`,
                origin: app.origin,
                path: "/api/v1/transfers/batch",
                wallets,
                connections: batchConnections,
                seconds,
                perCall: batchSize,
                body: (from, key) => ({
                  transfers: Array.from({ length: batchSize }, (_, i) => ({
                    idempotencyKey: `${key}-${i}`,
                    from: from.id,
                    to: otherThan(wallets, from).accountNumber,
                    amount: smallAmount(),
                  })),
                }),
              }),
            ),
        });
      }
    }

    // Interleaved rounds: the machine's noise drifts, so each target is compared with the
    // pgbench run of its own round.
    const rounds: Rounds = new Map(targets.map((target) => [target.key, []]));
    for (let round = 1; round <= roundCount; round++) {
      for (const target of targets) {
        await sql`checkpoint`;
        log(`round ${round}/${roundCount}: ${target.key}, ${seconds} s …`);
        const since = new Date();
        const result = await target.run();
        // Rows written by one transaction share its xmin: how many transfers each commit carried.
        const [booked] = await sql`
          select count(*)::int as transfers, count(distinct xmin::text)::int as transactions
          from ledger_transfers where kind = 'transfer' and created_at >= ${since.toISOString()}::timestamptz`;
        if (booked.transfers > 0) result.transactions = { transfers: booked.transfers, transactions: booked.transactions };
        rounds.get(target.key)!.push(result);
      }
    }

    const integrity = await checkIntegrity(connection.db);
    const [{ booked }] = await sql`select count(*)::int as booked from ledger_transfers where kind = 'transfer'`;
    const verdict = (value: number | undefined, target: number) => (value === undefined ? "n/a" : `${value.toFixed(2)}x  ${value >= target ? "PASS" : "FAIL"}`);

    console.log();
    console.log(
      `bench:ledger  (${integer(walletCount)} wallets; ${clients} clients, batch ${batchConnections} connections; ${roundCount} interleaved rounds of ${seconds} s, medians; ${machine(version as string)})`,
    );
    for (const line of table(rounds)) console.log(line);
    console.log();
    console.log("targets (median of the rounds' ratios)");
    console.log(`  lib/ledger       >= 0.5x pgbench        ${verdict(medianRatio(rounds, "lib", "pgbench"), 0.5)}`);
    console.log(`  lib/ledger screened >= 0.8x lib/ledger unscreened  ${verdict(medianRatio(rounds, "screened", "lib"), 0.8)}`);
    console.log(`  HTTP transfers   >= 0.3x pgbench        ${verdict(medianRatio(rounds, "http", "pgbench"), 0.3)}`);
    console.log(`  batch endpoint   >= 5x single endpoint  ${verdict(medianRatio(rounds, "batch", "http"), 5)}`);
    const ceiling = medianRatio(rounds, "ceiling", "pgbench");
    if (ceiling !== undefined) console.log(`  (a signed-in GET reading one customer's wallets, no transfer at all: ${ceiling.toFixed(2)}x pgbench, the app's own ceiling here)`);
    const two = medianRatio(rounds, "two", "http");
    if (two !== undefined) console.log(`  two instances    (sum, one port)        ${two.toFixed(2)}x one instance`);
    const floorRatio = medianRatio(rounds, "http", "floor");
    if (floorRatio !== undefined) console.log(`  HTTP transfers   >= 0.6x GET /api/health ${verdict(floorRatio, 0.6)}`);
    const floor = medianRatio(rounds, "floor", "pgbench");
    if (floor !== undefined) console.log(`  (a route handler that checks no caller and reads nothing: ${floor.toFixed(2)}x pgbench, the framework's own ceiling here)`);
    console.log();
    console.log("details");
    for (const [key, results] of rounds) {
      const last = results.at(-1)!;
      const cpu = (pick: (cpu: NonNullable<LoadResult["cpu"]>) => number | null) => fixed(median(results.map((result) => (result.cpu ? (pick(result.cpu) ?? NaN) : NaN))), 3);
      const parts = [
        last.callRate ? `${fixed(median(results.map((result) => result.callRate ?? 0)))} calls/s` : "",
        last.cpu
          ? `CPU per ${last.label.startsWith("pgbench") ? "transaction" : last.label.startsWith("GET") ? "request" : "transfer"}: PostgreSQL ${cpu((c) => c.postgres)} ms${last.cpu.app === null ? "" : `, next start ${cpu((c) => c.app)} ms`}, this process ${cpu((c) => c.client)} ms`
          : "",
        last.transactions ? `${fixed(median(results.map((result) => result.transactions!.transfers / result.transactions!.transactions)), 2)} transfers per database transaction` : "",
        results.some((result) => result.refused) ? `${results.reduce((sum, result) => sum + result.refused, 0)} refused for funds` : "",
        key === "screened"
          ? `screening held ${results.reduce((sum, result) => sum + (result.screened?.held ?? 0), 0)} for review (counted as done) and blocked ${results.reduce((sum, result) => sum + (result.screened?.blocked ?? 0), 0)} (not counted)`
          : "",
        results.find((result) => result.note && !result.label.startsWith("pgbench"))?.note ?? "",
      ].filter(Boolean);
      if (parts.length) console.log(`  ${last.label}: ${parts.join("; ")}`);
    }
    console.log(`  ledger after the run: ${integer(booked as number)} transfers booked${screening ? ` (${integer(historyCount)} of them the history written first)` : ""}; integrity check ${integrity.ok ? "passed" : "FAILED"} in ${integrity.milliseconds} ms`);
    for (const check of integrity.checks) if (!check.ok) console.log(`  integrity: ${check.name}: ${check.problems.join("; ")}`);
    console.log("  every target runs against the same PostgreSQL, sharing the machine's 2 cores with it: compare ratios");
    if (server && [...rounds.values()].some((results) => results.some((result) => result.errors > 0))) {
      console.log(`\nserver output (last lines):\n${server.output().trimEnd().split("\n").slice(-30).join("\n")}`);
    }
  } finally {
    if (server) await stopTree(server.child);
    if (pair) await stopTree(pair.child);
    await connection.close();
    await database.stop();
  }
}

await main();
