import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import type { Database } from "@/db/client";
import { meterCpu } from "./processes";
import { DomainError } from "@/lib/errors";
import { transfer } from "@/lib/ledger/transfers";

export const pgbenchPath = "/usr/bin/pgbench";

/** A measured target: what it did per second, its latency, and what went wrong. */
export type LoadResult = {
  label: string;
  /** Transfers (or pgbench transactions) per second. */
  rate: number;
  /** Calls per second, where one call carries several transfers (the batch endpoint). */
  callRate?: number;
  p50Ms: number | null;
  p99Ms: number | null;
  done: number;
  errors: number;
  /** Refusals that are expected under load, shown apart from errors. */
  refused: number;
  /** Transfers screening held for review (counted as done, like completed ones) and blocked (not counted). */
  screened?: { held: number; blocked: number };
  note?: string;
  /** The transfers the run booked and the database transactions that wrote them. */
  transactions?: { transfers: number; transactions: number };
  /** CPU time per transfer (ms), by who spent it. */
  cpu?: { postgres: number; app: number | null; client: number };
};

export type BenchWallet = { id: string; ownerId: string; accountNumber: string; token?: string };

async function run(command: string, args: string[]): Promise<string> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${code}):\n${output.slice(-2_000)}`);
  return output;
}

export function pgbenchAvailable(): boolean {
  return existsSync(pgbenchPath);
}

/** pgbench's tables at `scale`, once per run. */
export async function initPgbench(url: string, scale: number): Promise<void> {
  await run(pgbenchPath, ["-i", "-q", "-s", String(scale), "--foreign-keys", url]);
}

/** pgbench's built-in TPC-B-like script: `clients` for `seconds`. */
export async function runPgbench(url: string, scale: number, clients: number, seconds: number): Promise<LoadResult> {
  const output = await run(pgbenchPath, ["-b", "tpcb-like", "-c", String(clients), "-j", "2", "-T", String(seconds), url]);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1]);
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's tps:\n${output}`);
  return {
    label: `pgbench -b tpcb-like, scale ${scale}`,
    rate: tps,
    p50Ms: null,
    p99Ms: null,
    done: processed,
    errors: failed,
    refused: 0,
    note: `latency average ${latency} ms`,
  };
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);

/** A random amount from 0.01 to 1.00: small, so no sender runs dry during the run. */
export function smallAmount(): string {
  const cents = 1 + Math.floor(Math.random() * 100);
  return cents === 100 ? "1.00" : `0.${String(cents).padStart(2, "0")}`;
}

export function otherThan(wallets: BenchWallet[], from: BenchWallet): BenchWallet {
  for (;;) {
    const to = wallets[Math.floor(Math.random() * wallets.length)];
    if (to.id !== from.id) return to;
  }
}

/**
 * lib/ledger's transfer() on `clients` concurrent connections, random wallet pairs, for `seconds`.
 * A transfer screening holds for review is done as much as a completed one; one it blocks is not.
 */
export async function runLibraryTransfers(db: Database, wallets: BenchWallet[], clients: number, seconds: number, label = "lib/ledger transfer()"): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let refused = 0;
  let held = 0;
  let blocked = 0;
  let firstError: string | undefined;
  // Keys unique to this run: a key from an earlier run would be answered as a replay, moving nothing.
  const runId = randomUUID();
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const from = wallets[Math.floor(Math.random() * wallets.length)];
        const to = otherThan(wallets, from);
        const begun = performance.now();
        try {
          const made = await transfer(db, { userId: from.ownerId }, { from: from.id, to: to.accountNumber, amount: smallAmount() }, `lib-${runId}-${worker}-${n}`);
          latencies.push(performance.now() - begun);
          if (made.status === "pending_review") held++;
        } catch (error) {
          if (error instanceof DomainError && error.code === "INSUFFICIENT_FUNDS") refused++;
          else if (error instanceof DomainError && error.code === "TRANSFER_BLOCKED") blocked++;
          else {
            errors++;
            firstError ??= String(error);
          }
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    rate: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    done: latencies.length,
    errors,
    refused,
    screened: { held, blocked },
    note: firstError ? `first error: ${firstError}` : undefined,
  };
}

/**
 * autocannon against an endpoint of `next start`: each request built by `body` for a random
 * sender holding a token, with a fresh Idempotency-Key. `perCall` transfers ride on one call.
 */
export async function runHttp(options: {
  label: string;
  origin: string;
  path: string;
  wallets: BenchWallet[];
  connections: number;
  seconds: number;
  perCall: number;
  body: (from: BenchWallet, key: string) => unknown;
}): Promise<LoadResult> {
  const senders = options.wallets.filter((wallet) => wallet.token);
  const runId = randomUUID();
  let sequence = 0;
  let okItems = 0;
  let refused = 0;
  let failures = 0;
  let firstError: string | undefined;
  const fail = (what: string) => {
    failures++;
    firstError ??= what;
  };
  const result = await autocannon({
    url: options.origin,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: "POST",
        path: options.path,
        setupRequest: (request) => {
          const from = senders[Math.floor(Math.random() * senders.length)];
          const key = `http-${runId}-${sequence++}`;
          return {
            ...request,
            headers: { authorization: `Bearer ${from.token}`, "content-type": "application/json", "idempotency-key": key },
            body: JSON.stringify(options.body(from, key)),
          };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) {
            if (options.perCall === 1) okItems++;
            else {
              const results = (JSON.parse(body) as { results: Array<{ ok: boolean; error?: { code: string } }> }).results;
              for (const item of results) {
                if (item.ok) okItems++;
                else if (item.error?.code === "INSUFFICIENT_FUNDS") refused++;
                else fail(JSON.stringify(item.error));
              }
            }
          } else if (status === 422 && body.includes('"INSUFFICIENT_FUNDS"')) refused++;
          else fail(`HTTP ${status}: ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  const seconds = result.duration;
  const calls = result["2xx"];
  return {
    label: options.label,
    rate: okItems / seconds,
    callRate: options.perCall > 1 ? calls / seconds : undefined,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    done: okItems,
    // autocannon's errors already include its timeouts.
    errors: result.errors + failures,
    refused,
    note: firstError ? `first error: ${firstError}` : undefined,
  };
}

/**
 * Runs a target while metering the CPU that PostgreSQL, the app server (if any) and this
 * process (lib/ledger's callers, or autocannon) spend on it, per transfer.
 */
export async function metered(pids: { postgres: number; server?: number }, target: () => Promise<LoadResult>): Promise<LoadResult> {
  const postgresMeter = meterCpu(pids.postgres);
  const serverMeter = pids.server === undefined ? null : meterCpu(pids.server);
  const clientStart = process.cpuUsage();
  const result = await target();
  const postgresSeconds = postgresMeter.stop();
  const serverSeconds = serverMeter?.stop() ?? null;
  const client = process.cpuUsage(clientStart);
  const clientSeconds = (client.user + client.system) / 1e6;
  const perTransfer = (seconds: number) => (result.done > 0 ? (seconds * 1000) / result.done : 0);
  return {
    ...result,
    cpu: { postgres: perTransfer(postgresSeconds), app: serverSeconds === null ? null : perTransfer(serverSeconds), client: perTransfer(clientSeconds) },
  };
}

/**
 * autocannon GETs of one path with the same headers (a bearer token, a session cookie) on every
 * request. Every answer that is not a 2xx counts as an error: a redirect to sign-in included.
 */
export async function runHttpGet(options: {
  label: string;
  origin: string;
  path: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.origin + options.path,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers,
  });
  const others = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => !status.startsWith("2"))
    .map(([status, stats]) => `HTTP ${status} x${stats.count ?? 0}`);
  return {
    label: options.label,
    rate: result["2xx"] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    done: result["2xx"],
    // autocannon's errors already include its timeouts.
    errors: result.errors + result.non2xx,
    refused: 0,
    note: others.length ? others.join(", ") : undefined,
  };
}
