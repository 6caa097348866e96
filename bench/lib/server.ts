import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";

const root = path.resolve(import.meta.dirname, "..", "..");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

/** Builds the app for production unless a build is already there. Returns whether it built. */
export function ensureBuild(): boolean {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return false;
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  return true;
}

export type Server = { child: ChildProcess; origin: string; output: () => string };

/**
 * `next start` in its own process group (so the whole tree can be stopped). Its output goes to a
 * file, as a container's log driver would take it, not through a pipe this process would have to
 * read: the JSON log line per request would cost the bench CPU it shares with the server.
 * `nodeArgs` go to its Node process (a CPU profile, say). With `instances` above 1, that many
 * `next start` processes share the port through Node's cluster module.
 */
export function startServer(port: number, env: NodeJS.ProcessEnv, nodeArgs: string[] = [], instances = 1): Server {
  mkdirSync(path.join(root, ".data"), { recursive: true });
  const logFile = path.join(root, ".data", `bench-server-${port}.log`);
  const log = openSync(logFile, "w");
  const start = [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"];
  const command = instances > 1 ? [path.join(import.meta.dirname, "cluster.mjs"), String(instances), ...start] : start;
  const child = spawn(process.execPath, [...nodeArgs, ...command], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  const output = () => {
    const text = readFileSync(logFile, "utf8");
    return text.slice(-20_000);
  };
  return { child, origin: `http://127.0.0.1:${port}`, output };
}

export async function waitUntilReady(server: Server, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`next start exited (${server.child.exitCode ?? server.child.signalCode}):\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.origin}/login`, { redirect: "manual" });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`next start did not answer GET /login within ${timeoutMs / 1000} s:\n${server.output()}`);
}

export async function signIn(origin: string, login: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

export type UploadResult = { status: number; body: unknown; seconds: number };

/** POSTs a file to the import endpoint, streamed from disk with its length declared. */
export async function uploadFile(
  origin: string,
  token: string,
  file: string,
  contentType: string,
): Promise<UploadResult> {
  const url = new URL(`/api/v1/imports?filename=${encodeURIComponent(path.basename(file))}`, origin);
  const started = performance.now();
  const outgoing = request(url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": contentType,
      "content-length": statSync(file).size,
    },
  });
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    outgoing.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
  });
  // A server that answers early (a refused file) may close before the whole body is sent.
  const sent = pipeline(createReadStream(file, { highWaterMark: 1024 * 1024 }), outgoing).catch(() => undefined);
  const { status, text } = await answered;
  const seconds = (performance.now() - started) / 1000;
  await sent;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  return { status, body, seconds };
}

/**
 * Signs in through next-auth's credentials flow, as the sign-in form does: the CSRF token and
 * its cookie, then the callback. Returns the session cookie(s) as a Cookie header.
 */
export async function sessionCookie(origin: string, login: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const pairs = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: pairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, login, password, callbackUrl: `${origin}/` }),
  });
  await response.arrayBuffer();
  // A large session is split into numbered cookies (authjs.session-token.0, .1, …).
  const session = pairs(response).filter((pair) => /^(__Secure-)?authjs\.session-token(\.\d+)?=./.test(pair));
  if (session.length === 0) throw new Error(`sign-in as ${login} failed: HTTP ${response.status}, location ${response.headers.get("location")}`);
  return session.join("; ");
}
