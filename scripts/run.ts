// `npm run dev` / `npm start`: prepare the database, then run the server with it, and stop
// everything (the server, its workers, an embedded database) on any signal to any process of
// the tree: npm, this runner, or the server.
//
// `start` runs the standalone server exactly as the container does (scripts/docker-entrypoint.sh:
// `node --require server-hook.cjs server.js`, which resolves client addresses from the socket
// and TRUSTED_PROXIES), not `next start`. The server runs in its own process group, so one kill
// reaches Next's workers too. A second signal, or a server still up after `stopTimeoutMs`, kills
// the whole group. If this runner dies, even by SIGKILL, scripts/orphan-guard.ts stops the server
// and the embedded PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { prepareDatabase } from "./prepare-database";
import { assembleStandalone, serverHookName, standaloneDir } from "./standalone";

const [command, ...args] = process.argv.slice(2);
if (command !== "dev" && command !== "start") {
  console.error("usage: node --import tsx scripts/run.ts dev|start [next dev options | -p port -H hostname]");
  process.exit(2);
}
const stopTimeoutMs = 10_000;

// The machines this runs on often have no internet; Next's telemetry would only time out.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const { database } = await prepareDatabase({ name: process.env.EMBEDDED_DATABASE_NAME || undefined });
if (database.embedded) console.info("Using the embedded PostgreSQL in .data/ (set DATABASE_URL to use another).");

const server = command === "dev" ? startDev() : await startProduction();
// It watches the pipe on its stdin, which closes however this process ends, and runs in a process
// group of its own, so a kill of this runner's whole group doesn't take it along.
const guard = spawn(
  process.execPath,
  ["--import", "tsx", path.join(import.meta.dirname, "orphan-guard.ts"), String(server.pid), ...(database.pid ? [String(database.pid)] : [])],
  { stdio: ["pipe", "ignore", "inherit"], detached: true },
);

function startDev(): ChildProcess {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return spawn(process.execPath, [nextBin, "dev", ...args], { stdio: "inherit", env: process.env, detached: true });
}

async function startProduction(): Promise<ChildProcess> {
  const option = (short: string, long: string) => {
    const at = args.findIndex((arg) => arg === short || arg === long);
    return at >= 0 ? args[at + 1] : undefined;
  };
  // Like `next start`: port 3000 and every interface, unless told otherwise.
  const port = option("-p", "--port") ?? process.env.PORT ?? "3000";
  const hostname = option("-H", "--hostname") ?? "0.0.0.0";
  if (!existsSync(path.join(standaloneDir, serverHookName)) || !existsSync(path.join(standaloneDir, ".next", "static"))) await assembleStandalone();
  return spawn(process.execPath, ["--require", path.join(standaloneDir, serverHookName), path.join(standaloneDir, "server.js")], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", PORT: port, HOSTNAME: hostname },
    detached: true,
  });
}

function killGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-server.pid!, signal);
  } catch {
    // Already gone.
  }
}

let stopping = false;
function stop(): void {
  if (stopping) return killGroup("SIGKILL");
  stopping = true;
  killGroup("SIGTERM");
  setTimeout(() => killGroup("SIGKILL"), stopTimeoutMs).unref();
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);
// npm (or a shell) between us and the terminal may die without passing its signal on.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500).unref();

server.on("exit", async (code, signal) => {
  // Whatever the server left in its group (Next's workers) goes with it.
  killGroup("SIGKILL");
  guard.kill("SIGKILL");
  await database.stop();
  process.exit(code ?? (stopping || signal ? 0 : 1));
});
