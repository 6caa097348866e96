// `npm run dev` / `npm start`: prepare the database, then run Next with it, and stop an
// embedded database cleanly when Next exits or the terminal is closed.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { prepareDatabase } from "./prepare-database";

const [command, ...args] = process.argv.slice(2);
if (command !== "dev" && command !== "start") {
  console.error("usage: tsx scripts/run.ts dev|start [next options]");
  process.exit(2);
}

// The machines this runs on often have no internet; Next's telemetry would only time out.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const { database } = await prepareDatabase();
if (database.embedded) console.info("Using the embedded PostgreSQL in .data/postgres (set DATABASE_URL to use another).");

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const next = spawn(process.execPath, [nextBin, command, ...args], { stdio: "inherit", env: process.env });

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stopping = true;
    next.kill(signal);
  });
}
next.on("exit", async (code, signal) => {
  await database.stop();
  process.exit(code ?? (stopping || signal ? 0 : 1));
});
