// `npm run bench:ledger`: transfers per second through lib/ledger, through POST /api/v1/transfers
// of `next start` and through the batch endpoint, beside pgbench's built-in TPC-B-like script,
// all on one PostgreSQL in one run. A benchmark: it prints numbers, it asserts nothing.
// It uses its own fresh embedded database in .data/bench-ledger. BENCH_SECONDS sets each
// target's duration (30), BENCH_WALLETS the wallets (10,000), BENCH_BATCH the transfers per batch
// call (100), BENCH_TARGETS a comma-separated subset of pgbench,lib,http,batch (all), and
// BENCH_CPU_PROF=<dir> writes a CPU profile of the server there when it stops. pgbench comes
// from Debian's PostgreSQL client (`apt-get install postgresql-client`).
import nextEnv from "@next/env";
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { connectDatabase } from "@/db/client";
import { issueApiToken } from "@/lib/auth/tokens";
import { systemAccountId } from "@/lib/ledger/accounts";
import { setFeeSchedule } from "@/lib/ledger/fees";
import { checkIntegrity } from "@/lib/ledger/integrity";
import { deposit } from "@/lib/ledger/provider";
import { dataRoot, freePort } from "@/scripts/database";
import { prepareDatabase } from "@/scripts/prepare-database";
import { metered, otherThan, pgbenchAvailable, pgbenchPath, runHttp, runHttpGet, runLibraryTransfers, runPgbench, smallAmount, type BenchWallet, type LoadResult } from "./lib/ledger-load";
import { stopTree } from "./lib/processes";
import { machine } from "./lib/report";
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

/** Customers with one BRL wallet each, funded by the provider, the first `tokenHolders` with an API token. */
async function createWallets(url: string, count: number): Promise<BenchWallet[]> {
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
      Array.from({ length: clients }, async () => {
        while (next < wallets.length) {
          const wallet = wallets[next++];
          await deposit(sql, { accountNumber: wallet.accountNumber, amount: "1000000.00", currency: "BRL", reference: "bench" }, `fund-${wallet.id}`);
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

function table(results: LoadResult[], reference: LoadResult | undefined): string[] {
  const lines = [`${"target".padEnd(44)} ${"per s".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"done".padStart(9)} ${"errors".padStart(7)}  ratio to pgbench`];
  for (const result of results) {
    const ratio = reference && reference.rate > 0 ? `${(result.rate / reference.rate).toFixed(2)}` : "-";
    lines.push(
      `${result.label.padEnd(44)} ${fixed(result.rate).padStart(9)} ${fixed(result.p50Ms).padStart(8)} ${fixed(result.p99Ms).padStart(8)} ${integer(result.done).padStart(9)} ${String(result.errors).padStart(7)}  ${ratio}`,
    );
  }
  return lines;
}

async function main() {
  const seconds = positiveInteger("BENCH_SECONDS", 30);
  const walletCount = positiveInteger("BENCH_WALLETS", 10_000);
  const batchSize = positiveInteger("BENCH_BATCH", 100);
  const targets = new Set((process.env.BENCH_TARGETS ?? "pgbench,lib,http,batch").split(",").map((name) => name.trim()));
  nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, ".."), false);
  // The bench creates thousands of customers: only ever on its own fresh embedded database.
  delete process.env.DATABASE_URL;
  process.env.PAYMENT_PROVIDER_KEY = providerKey;

  let buildError: string | undefined;
  try {
    log(ensureBuild() ? "built the app (next build)" : "using the existing production build in .next");
  } catch (error) {
    buildError = (error as Error).message;
  }
  const { database } = await prepareDatabase({ name: "bench-ledger", fresh: true });
  let server: Server | undefined;
  const sql = postgres(database.url, { max: clients, onnotice: () => {} });
  try {
    const [{ version }] = await sql`select split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) as version`;
    const results: LoadResult[] = [];
    let reference: LoadResult | undefined;
    if (!targets.has("pgbench")) log("pgbench not in BENCH_TARGETS");
    else if (pgbenchAvailable()) {
      log(`pgbench: initialising scale ${pgbenchScale}, then ${clients} clients for ${seconds} s …`);
      reference = await runPgbench(database.url, pgbenchScale, clients, seconds);
      results.push(reference);
    } else {
      log(`no pgbench at ${pgbenchPath}: apt-get install postgresql-client for the reference`);
    }

    const pids = { postgres: Number(readFileSync(path.join(dataRoot, "bench-ledger", "postmaster.pid"), "utf8").split("\n")[0]) };
    log(`creating ${integer(walletCount)} funded wallets …`);
    const wallets = await createWallets(database.url, walletCount);
    await sql`vacuum analyze`;
    await sql`checkpoint`;

    if (targets.has("lib")) {
      log(`lib/ledger transfer(): ${clients} connections for ${seconds} s …`);
      results.push(await metered(pids, () => runLibraryTransfers(sql, wallets, clients, seconds)));
      await sql`checkpoint`;
    }

    if (buildError) log(`the app is not measured: ${buildError}`);
    else if (targets.has("http") || targets.has("batch")) {
      const port = await freePort();
      const profileDir = process.env.BENCH_CPU_PROF;
      server = startServer(port, process.env, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []);
      await waitUntilReady(server);
      log(`next start on port ${port}`);
    }
    const app = server && { origin: server.origin, pid: server.child.pid };
    if (app && targets.has("http")) {
      log(`GET /api/v1/wallets (the app's ceiling for a signed-in request), ${clients} connections for ${seconds} s …`);
      results.push(
        await metered({ ...pids, server: app.pid }, () =>
          runHttpGet({ label: "GET /api/v1/wallets (ceiling, no transfer)", origin: app.origin, path: "/api/v1/wallets", token: wallets[0].token!, connections: clients, seconds }),
        ),
      );
      log(`POST /api/v1/transfers, ${clients} connections for ${seconds} s …`);
      const single = await metered({ ...pids, server: app.pid }, () => runHttp({
        label: "POST /api/v1/transfers (next start)",
        origin: app.origin,
        path: "/api/v1/transfers",
        wallets,
        connections: clients,
        seconds,
        perCall: 1,
        body: (from) => ({ from: from.id, to: otherThan(wallets, from).accountNumber, amount: smallAmount() }),
      }));
      results.push(single);
      await sql`checkpoint`;
    }
    if (app && targets.has("batch")) {
      log(`POST /api/v1/transfers/batch, ${batchSize} per call, ${batchConnections} connections for ${seconds} s …`);
      const batch = await metered({ ...pids, server: app.pid }, () => runHttp({
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
      }));
      results.push(batch);
    }

    const integrity = await checkIntegrity(sql);
    const [{ booked }] = await sql`select count(*)::int as booked from ledger_transfers where kind = 'transfer'`;
    const find = (prefix: string) => results.find((result) => result.label.startsWith(prefix));
    const library = find("lib/ledger");
    const http = find("POST /api/v1/transfers (");
    const ceiling = find("GET /api/v1/wallets");
    const batch = find("POST /api/v1/transfers/batch");
    const verdict = (value: number | undefined, target: number) => (value === undefined ? "n/a" : `${value.toFixed(2)}x  ${value >= target ? "PASS" : "FAIL"}`);
    const ratio = (result: LoadResult | undefined, to: LoadResult | undefined) => (result && to && to.rate > 0 ? result.rate / to.rate : undefined);

    console.log();
    console.log(`bench:ledger  (${integer(walletCount)} wallets; ${clients} clients, batch ${batchConnections} connections; ${seconds} s each; ${machine(version as string)})`);
    for (const line of table(results, reference)) console.log(line);
    console.log();
    console.log("targets");
    console.log(`  lib/ledger       >= 0.5x pgbench        ${verdict(ratio(library, reference), 0.5)}`);
    console.log(`  HTTP transfers   >= 0.3x pgbench        ${verdict(ratio(http, reference), 0.3)}`);
    console.log(`  batch endpoint   >= 5x single endpoint  ${verdict(ratio(batch, http), 5)}`);
    if (ceiling && reference) {
      console.log(
        `  (a signed-in GET that reads one wallet list, no transfer, reaches ${ratio(ceiling, reference)!.toFixed(2)}x pgbench: the app's own ceiling on this machine)`,
      );
    }
    console.log();
    console.log("details");
    for (const result of results) {
      const cpu = result.cpu && `CPU per transfer: PostgreSQL ${result.cpu.postgres.toFixed(3)} ms${result.cpu.app === null ? "" : `, next start ${result.cpu.app.toFixed(3)} ms`}, ${result.cpu.app === null ? "lib/ledger's caller" : "autocannon"} ${result.cpu.client.toFixed(3)} ms`;
      const extra = [result.callRate ? `${fixed(result.callRate)} calls/s` : "", cpu ?? "", result.refused ? `${result.refused} refused for funds` : "", result.note ?? ""].filter(Boolean);
      if (extra.length) console.log(`  ${result.label}: ${extra.join("; ")}`);
    }
    console.log(`  ledger after the run: ${integer(booked as number)} transfers booked; integrity check ${integrity.ok ? "passed" : "FAILED"} in ${integrity.milliseconds} ms`);
    console.log("  every target runs against the same PostgreSQL; pgbench and the app share the machine's 2 cores with it, so compare ratios");
    if (server && (http?.errors || batch?.errors)) console.log(`\nserver output (last lines):\n${server.output().trimEnd().split("\n").slice(-30).join("\n")}`);
  } finally {
    if (server) await stopTree(server.child);
    await sql.end({ timeout: 5 });
    await database.stop();
  }
}

await main();
