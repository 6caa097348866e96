import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import postgres from "postgres";
import { admin } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");
const day = "2020-12-31";
const rows = 200_000;
const file = Buffer.from(
  Array.from({ length: rows }, (_, index) => `BANCO ${index % 17},0001,${String(index).padStart(6, "0")}-1,BANCO B,0002,00002-2,${(index % 9000) + 1}.25,${day}T10:00:00`).join("\n"),
);

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sessions other than this one running an import's COPY. */
async function importsCopying(sql: postgres.Sql): Promise<number> {
  const [{ copying }] = await sql`
    select count(*)::int as copying from pg_stat_activity
    where pid <> pg_backend_pid() and query ilike '%copy transactions (%' and state = 'active'`;
  return copying;
}

test("a server killed during a large import leaves nothing of it, and the file imports cleanly afterwards", async ({ request }) => {
  test.setTimeout(120_000);
  // A second production server on the e2e database, that this test can kill.
  const env = JSON.parse(readFileSync(path.join(root, ".data", "e2e-server.json"), "utf8"));
  const port = 3219;
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const server = spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/login`)).ok ? true : undefined), "the second server");
    const { token } = await (await fetch(`${base}/api/v1/auth/token`, { method: "POST", body: JSON.stringify(admin) })).json();

    // Send the first half of the file, then hold the upload open mid-import.
    const upload = http.request(`${base}/api/v1/imports?filename=crash.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv", "content-length": file.length },
    });
    upload.on("error", () => {});
    upload.write(file.subarray(0, file.length / 2));
    await waitFor(async () => ((await importsCopying(sql)) > 0 ? true : undefined), "the import's COPY to be running");

    process.kill(-server.pid!, "SIGKILL");
    upload.destroy();
    await waitFor(async () => ((await importsCopying(sql)) === 0 ? true : undefined), "the killed server's COPY to end");

    const [{ imported }] = await sql`select count(*)::int as imported from imports where transactions_date = ${day}`;
    const [{ stored }] = await sql`select count(*)::int as stored from transactions where occurred_at >= ${day}::date and occurred_at < ${day}::date + 1`;
    expect({ imported, stored }).toEqual({ imported: 0, stored: 0 });
  } finally {
    if (server.exitCode === null) {
      try {
        process.kill(-server.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await sql.end();
  }

  // The same file, whole, through the main server.
  const { token } = await (await request.post("/api/v1/auth/token", { data: admin })).json();
  const response = await request.post("/api/v1/imports?filename=crash.csv", {
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    data: file,
    timeout: 60_000,
  });
  expect(response.status()).toBe(201);
  expect(await response.json()).toMatchObject({ transactionsDate: day, imported: rows, ignoredCount: 0 });
});
