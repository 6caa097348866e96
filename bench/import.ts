// `npm run bench:import`: how fast POST /api/v1/imports stores a large CSV and XML file on the
// production build, next to a plain COPY of the same CSV into the same PostgreSQL, and how much
// memory the server grows while doing it. A benchmark: it prints numbers, it asserts nothing.
// BENCH_ROWS=100000 runs a smaller file for a quick check; BENCH_CPU_PROF=<dir> writes a CPU
// profile of the server there when it stops (open it in Chrome DevTools).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { dataRoot, freePort } from "@/scripts/database";
import { prepareDatabase } from "@/scripts/prepare-database";
import { benchFiles } from "./lib/generate";
import { sampleRss, stopTree, treeCpuSeconds } from "./lib/processes";
import { copyWithDriver, copyWithPsql, createReferenceTable, psqlAvailable, type CopyTiming } from "./lib/reference";
import { machine, report, type UploadMeasure } from "./lib/report";
import { ensureBuild, signIn, startServer, uploadFile, waitUntilReady, type Server } from "./lib/server";

const databaseName = "bench";

function benchRows(): number {
  const text = (process.env.BENCH_ROWS ?? "1000000").replaceAll("_", "");
  const rows = Number(text);
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`BENCH_ROWS must be a positive integer, got "${process.env.BENCH_ROWS}"`);
  return rows;
}

const log = (line: string) => console.log(`· ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function postmasterPid(): number {
  const file = path.join(dataRoot, databaseName, "postmaster.pid");
  return Number(readFileSync(file, "utf8").split("\n")[0]);
}

async function measureUpload(
  server: Server,
  sql: postgres.Sql,
  token: string,
  format: "CSV" | "XML",
  file: string,
): Promise<UploadMeasure> {
  const serverPid = server.child.pid!;
  const postgresPid = postmasterPid();
  await sql`checkpoint`;
  const sampler = sampleRss(serverPid);
  await sleep(1000);
  const serverCpu = treeCpuSeconds(serverPid);
  const postgresCpu = treeCpuSeconds(postgresPid);
  sampler.markStart();
  log(`POST ${path.basename(file)} …`);
  const upload = await uploadFile(server.origin, token, file, format === "CSV" ? "text/csv" : "application/xml");
  const memory = sampler.stop();
  const body = upload.body as { id?: string; imported?: number; ignoredCount?: number; error?: { code: string; message: string } };
  const ok = upload.status === 201 && typeof body.imported === "number";
  const serverCpuSeconds = treeCpuSeconds(serverPid) - serverCpu;
  const postgresCpuSeconds = treeCpuSeconds(postgresPid) - postgresCpu;
  // The next measurement starts once the import's monthly totals, added after the answer, are done.
  const totalsSeconds = ok && body.id ? await waitForTotals(server.origin, token, body.id) : null;
  return {
    label: `POST /api/v1/imports ${format}`,
    format,
    status: upload.status,
    imported: body.imported ?? 0,
    ignoredCount: body.ignoredCount ?? 0,
    error: ok ? undefined : `HTTP ${upload.status} ${body.error ? `${body.error.code}: ${body.error.message}` : JSON.stringify(upload.body).slice(0, 200)}`,
    seconds: upload.seconds,
    fileBytes: statSync(file).size,
    rssBaseline: memory.baseline,
    rssPeak: memory.peak,
    serverCpuSeconds,
    postgresCpuSeconds,
    totalsSeconds,
  };
}

async function waitForTotals(origin: string, token: string, importId: string): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < 15 * 60_000) {
    const response = await fetch(`${origin}/api/v1/imports/${importId}?size=10`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { analysisReady?: boolean };
    if (body.analysisReady) return (performance.now() - started) / 1000;
    await sleep(250);
  }
  return null;
}

async function measureReference(sql: postgres.Sql, url: string, csv: string): Promise<CopyTiming[]> {
  await createReferenceTable(sql);
  const timings = [await copyWithDriver(sql, csv)];
  if (psqlAvailable()) {
    try {
      timings.push(await copyWithPsql(sql, url, csv));
    } catch (error) {
      log(`psql \\copy skipped: ${(error as Error).message}`);
    }
  } else {
    log("psql not found: the reference is postgres.js COPY alone");
  }
  return timings;
}

async function main() {
  const rows = benchRows();
  const files = await benchFiles(path.join(dataRoot, "bench-files"), rows, log);
  log(ensureBuild() ? "built the app (next build)" : "using the existing production build in .next");

  // Always a fresh embedded database: the bench writes fixed days that only an empty one accepts.
  delete process.env.DATABASE_URL;
  const { database } = await prepareDatabase({ name: databaseName, fresh: true });
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
    if (!database.embedded) throw new Error("the bench needs its own embedded database; unset DATABASE_URL");
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [{ version }] = await sql`select split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) as version`;
    const port = await freePort();
    const profileDir = process.env.BENCH_CPU_PROF;
    server = startServer(port, process.env, profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []);
    await waitUntilReady(server);
    log(`next start on port ${port}, pid ${server.child.pid}`);
    const token = await signIn(server.origin, "Admin", "123999");
    // Loads the import route's modules, so their one-off cost is not counted as growth.
    await (await fetch(`${server.origin}/api/v1/imports`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();

    const uploads = [
      await measureUpload(server, sql, token, "CSV", files.csv),
      await measureUpload(server, sql, token, "XML", files.xml),
    ];
    log("COPY reference …");
    const references = await measureReference(sql, database.url, files.csv);

    console.log();
    console.log(report({ rows, machine: machine(version as string), references, uploads }));
    if (uploads.some((upload) => upload.error)) {
      console.log(`\nserver output (last lines):\n${server.output().trimEnd().split("\n").slice(-40).join("\n")}`);
    }
  } finally {
    await cleanUp();
  }
}

await main();
