// `npm run bench:http`: requests per second of `next start` under autocannon on a static file
// (the framework's own ceiling here), the sign-in page, the staff dashboard and the wallet page
// signed in, and GET /api/v1/wallets with a bearer token. A benchmark: it prints numbers, it
// asserts nothing. It uses its own fresh embedded database in .data/bench-http, seeded with the
// demo data (`db:seed:demo`), so the pages show real content. BENCH_SECONDS sets each run (30),
// BENCH_CONNECTIONS the connections (64), BENCH_ROUNDS the interleaved rounds (3), BENCH_TARGETS
// a comma-separated subset of login,dashboard,wallet,api (all; the static file always runs, the
// ratios need it), and BENCH_CPU_PROF=<dir> writes a CPU profile of the server there when it stops.
import nextEnv from "@next/env";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { seededAdmin } from "@/db/seed";
import { demoUsers } from "@/lib/demo";
import { dataRoot, freePort } from "@/scripts/database";
import { prepareDatabase } from "@/scripts/prepare-database";
import { metered, runHttpGet, type LoadResult } from "./lib/ledger-load";
import { stopTree } from "./lib/processes";
import { machine } from "./lib/report";
import { ensureBuild, sessionCookie, signIn, startServer, waitUntilReady, type Server } from "./lib/server";

const minimumRatio = 0.3;
const warmUpSeconds = 2;

function positiveInteger(name: string, fallback: number): number {
  const value = Number((process.env[name] ?? String(fallback)).replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return value;
}

const log = (line: string) => console.log(`· ${line}`);
const fixed = (value: number | null | undefined, digits = 1) => (value === null || value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

type Target = {
  key: string;
  label: string;
  path: string;
  headers: Record<string, string>;
  /** Text the answer must contain, so a page that answers 200 with something else is caught. */
  expect: string;
  signedIn: boolean;
};

/** One GET of the target before measuring: it must answer 200 with its content, not a redirect to sign-in. */
async function checkTarget(origin: string, target: Target): Promise<void> {
  const response = await fetch(origin + target.path, { headers: target.headers, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200 || !body.includes(target.expect)) {
    throw new Error(
      `${target.label}: HTTP ${response.status}${response.headers.get("location") ? ` to ${response.headers.get("location")}` : ""}, ` +
        `${body.includes(target.expect) ? "with" : "without"} "${target.expect}": the bench would measure the wrong thing`,
    );
  }
}

/** A target's median over the rounds of its rate against the static file's, each round against its own. */
function medianRatio(rounds: Map<string, LoadResult[]>, key: string): number {
  const staticRuns = rounds.get("static")!;
  return median(rounds.get(key)!.map((result, round) => result.rate / staticRuns[round].rate));
}

async function main() {
  const seconds = positiveInteger("BENCH_SECONDS", 30);
  const connections = positiveInteger("BENCH_CONNECTIONS", 64);
  const roundCount = positiveInteger("BENCH_ROUNDS", 3);
  const selected = new Set(["static", ...(process.env.BENCH_TARGETS ?? "login,dashboard,wallet,api").split(",").map((name) => name.trim())]);
  nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, ".."), false);
  // Seeded with known demo passwords: only ever on its own fresh embedded database.
  delete process.env.DATABASE_URL;

  log(ensureBuild() ? "built the app (next build)" : "using the existing production build in .next");
  log("preparing a fresh database with the demo data …");
  const { database } = await prepareDatabase({ name: "bench-http", fresh: true, demo: true });
  let server: Server | undefined;
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const [{ version }] = await sql`select split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) as version`;
    const [content] = await sql`
      select (select count(*)::int from imports) as imports, (select count(*)::int from transactions) as transactions,
        (select count(*)::int from ledger_postings) as postings`;
    const pids = { postgres: Number(readFileSync(path.join(dataRoot, "bench-http", "postmaster.pid"), "utf8").split("\n")[0]) };

    const port = await freePort();
    const profileDir = process.env.BENCH_CPU_PROF;
    // The API's rate limits would answer most of the load with 429s: lifted for the bench.
    const env = { ...process.env, RATE_LIMIT_IP_PER_MINUTE: "100000000", RATE_LIMIT_TOKEN_PER_MINUTE: "100000000" };
    server = startServer(port, env, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []);
    await waitUntilReady(server);
    log(`next start on port ${port}`);

    const customer = demoUsers.find((user) => user.role === "customer")!;
    const adminCookie = await sessionCookie(server.origin, seededAdmin.username, seededAdmin.password);
    const customerCookie = await sessionCookie(server.origin, customer.email, customer.password);
    const customerToken = await signIn(server.origin, customer.email, customer.password);
    const allTargets: Target[] = [
      { key: "static", label: "GET /robots.txt (public/, not rendered)", path: "/robots.txt", headers: {}, expect: "User-agent", signedIn: false },
      { key: "login", label: "GET /login (signed out)", path: "/login", headers: {}, expect: "Sign in", signedIn: false },
      { key: "dashboard", label: "GET /dashboard (admin, session cookie)", path: "/dashboard", headers: { cookie: adminCookie }, expect: "Welcome,", signedIn: true },
      { key: "wallet", label: "GET /wallet (customer, session cookie)", path: "/wallet", headers: { cookie: customerCookie }, expect: "Hello,", signedIn: true },
      {
        key: "api",
        label: "GET /api/v1/wallets (customer, bearer token)",
        path: "/api/v1/wallets",
        headers: { authorization: `Bearer ${customerToken}` },
        expect: '"accountNumber"',
        signedIn: true,
      },
    ];
    const targets = allTargets.filter((target) => selected.has(target.key));
    for (const target of targets) {
      await checkTarget(server.origin, target);
      // Route modules load on their first request: not part of the measure.
      await runHttpGet({ label: target.label, origin: server.origin, path: target.path, headers: target.headers, connections: 8, seconds: warmUpSeconds });
    }
    log(`every target answers 200 with its content; warmed up for ${warmUpSeconds} s each`);

    // Interleaved rounds: the machine's noise drifts, so each target is compared with the static
    // file's run of its own round.
    const app = { ...pids, server: server.child.pid };
    const rounds = new Map<string, LoadResult[]>(targets.map((target) => [target.key, []]));
    for (let round = 1; round <= roundCount; round++) {
      for (const target of targets) {
        log(`round ${round}/${roundCount}: ${target.key}, ${seconds} s at ${connections} connections …`);
        const run = () => runHttpGet({ label: target.label, origin: server!.origin, path: target.path, headers: target.headers, connections, seconds });
        rounds.get(target.key)!.push(await metered(app, run));
      }
    }

    console.log();
    console.log(`bench:http  (${connections} connections, ${roundCount} interleaved rounds of ${seconds} s per target, medians; ${machine(version as string)})`);
    console.log(`${"target".padEnd(46)} ${"req/s".padStart(8)}  ${"each round".padEnd(20)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(7)}  ${"ratio to static".padEnd(16)} CPU ms/req: server, PostgreSQL`);
    for (const target of targets) {
      const results = rounds.get(target.key)!;
      const cpu = (pick: (cpu: NonNullable<LoadResult["cpu"]>) => number | null) => fixed(median(results.map((result) => (result.cpu ? (pick(result.cpu) ?? NaN) : NaN))), 2);
      console.log(
        [
          target.label.padEnd(46),
          fixed(median(results.map((result) => result.rate)), 0).padStart(8),
          " " + results.map((result) => fixed(result.rate, 0)).join(" ").padEnd(20),
          fixed(median(results.map((result) => result.p50Ms ?? NaN))).padStart(7),
          fixed(median(results.map((result) => result.p99Ms ?? NaN))).padStart(7),
          String(results.reduce((sum, result) => sum + result.errors, 0)).padStart(7),
          " " + fixed(medianRatio(rounds, target.key), 2).padEnd(16),
          `${cpu((c) => c.app)}, ${cpu((c) => c.postgres)}`,
        ].join(" "),
      );
    }

    const errors = [...rounds.values()].flat().reduce((sum, result) => sum + result.errors, 0);
    console.log();
    console.log("targets");
    console.log(`  zero errors on every target                ${String(errors).padEnd(8)} ${errors === 0 ? "PASS" : "FAIL"}`);
    for (const target of targets.filter((target) => target.signedIn)) {
      const ratio = medianRatio(rounds, target.key);
      console.log(`  ${`${target.path} >= ${minimumRatio}x static`.padEnd(42)} ${`${fixed(ratio, 2)}x`.padEnd(8)} ${ratio >= minimumRatio ? "PASS" : "FAIL"}`);
    }

    console.log();
    console.log("details");
    console.log("  static target: public/robots.txt, a file Next serves as it is (no rendering, no proxy.ts): the framework's ceiling");
    console.log(
      `  signed in: /dashboard as ${seededAdmin.username} (admin), /wallet as ${customer.email} (next-auth session cookie from the credentials flow); ` +
        `/api/v1/wallets as ${customer.email} with an API token`,
    );
    console.log(`  data: the demo seed, ${content.imports} imported files with ${content.transactions} transactions, ${content.postings} ledger postings`);
    for (const target of targets) {
      const notes = rounds.get(target.key)!.map((result) => result.note).filter(Boolean);
      if (notes.length) console.log(`  ${target.label}: ${notes.join("; ")}`);
    }
    console.log("  CPU per request: user + system time of the `next start` process tree and of PostgreSQL's, over 2xx answers");
    console.log(`  load average at the end: ${loadavg().map((value) => value.toFixed(2)).join(" ")} (autocannon, the server and PostgreSQL share the machine's cores)`);
    if (errors > 0) console.log(`\nserver output (last lines):\n${server.output().trimEnd().split("\n").slice(-30).join("\n")}`);
  } finally {
    if (server) await stopTree(server.child);
    await sql.end({ timeout: 5 });
    await database.stop();
  }
}

await main();
