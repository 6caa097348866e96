// `npm start` on a fresh embedded database of its own (.data/<name>), on a free port, in its own
// process group: for tests that need their own configuration or kill their server.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export type OwnServer = { npm: ChildProcess; base: string; dataDir: string; log: () => string };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** `keepData` starts it again on the database a previous server of that name left (a restart). */
export async function startOwnServer(name: string, env: Record<string, string> = {}, options: { keepData?: boolean } = {}): Promise<OwnServer> {
  const dataDir = path.join(root, ".data", name);
  if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  // Its own embedded database, never one DATABASE_URL names.
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const npm = spawn("npm", ["start", "--", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...inherited, EMBEDDED_DATABASE_NAME: name, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  npm.stdout!.on("data", (chunk) => (output += chunk));
  npm.stderr!.on("data", (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && npm.exitCode === null) {
    if (await fetch(`${base}/api/health/ready`).then((response) => response.ok, () => false)) return { npm, base, dataDir, log: () => output };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stopGroup(npm);
  throw new Error(`npm start on port ${port} did not become ready:\n${output}`);
}

/** Stops it as a person would (SIGTERM to npm), killing what is left after a while. */
export async function stopOwnServer(server: OwnServer): Promise<void> {
  if (server.npm.exitCode === null && server.npm.signalCode === null) {
    const exited = new Promise((resolve) => server.npm.once("exit", resolve));
    server.npm.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  stopGroup(server.npm);
}

export function stopGroup(npm: ChildProcess): void {
  try {
    process.kill(-npm.pid!, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** The embedded PostgreSQL's pid and port, from its postmaster.pid, while it runs. */
export function postmaster(dataDir: string): { pid: number; port: number } | undefined {
  const file = path.join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, "utf8").split("\n");
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}
