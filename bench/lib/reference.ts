import { spawn } from "node:child_process";
import { once } from "node:events";
import { createReadStream, existsSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";

export const referenceTable = "bench_copy_reference";
const columns =
  "origin_bank, origin_branch, origin_account, destination_bank, destination_branch, destination_account, amount, occurred_at";
const psqlPath = "/usr/bin/psql";

export type CopyTiming = { method: string; rows: number; seconds: number };

/**
 * The table COPY loads the bench CSV into as it is: the shape, defaults and indexes of
 * `transactions`, but a decimal amount and a constant import id.
 */
export async function createReferenceTable(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`drop table if exists ${referenceTable}`);
  await sql.unsafe(`create table ${referenceTable} (like transactions including all)`);
  await sql.unsafe(`alter table ${referenceTable} alter column amount type numeric(20,2)`);
  await sql.unsafe(
    `alter table ${referenceTable} alter column import_id set default '00000000-0000-0000-0000-000000000000'`,
  );
}

async function emptyReferenceTable(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`truncate ${referenceTable}`);
  // Each timed load starts without dirty pages from the previous one.
  await sql.unsafe("checkpoint");
}

async function countRows(sql: postgres.Sql): Promise<number> {
  const [row] = await sql.unsafe(`select count(*)::int as count from ${referenceTable}`);
  return row.count as number;
}

/** COPY FROM STDIN through the plain postgres.js driver, the file streamed from disk. */
export async function copyWithDriver(sql: postgres.Sql, csv: string): Promise<CopyTiming> {
  await emptyReferenceTable(sql);
  const started = performance.now();
  const writable = await sql.unsafe(`copy ${referenceTable} (${columns}) from stdin with (format csv)`).writable();
  await pipeline(createReadStream(csv, { highWaterMark: 1024 * 1024 }), writable);
  const seconds = (performance.now() - started) / 1000;
  return { method: "postgres.js COPY FROM STDIN", rows: await countRows(sql), seconds };
}

export function psqlAvailable(): boolean {
  return existsSync(psqlPath);
}

/** psql's `\copy`, which reads the file itself and streams it over the same protocol. */
export async function copyWithPsql(sql: postgres.Sql, url: string, csv: string): Promise<CopyTiming> {
  await emptyReferenceTable(sql);
  const command = `\\copy ${referenceTable} (${columns}) from '${csv.replaceAll("'", "''")}' with (format csv)`;
  const started = performance.now();
  const child = spawn(psqlPath, [url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", command], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString("utf8")));
  const [code] = (await once(child, "exit")) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`psql \\copy failed (exit ${code}): ${errors.trim()}`);
  return { method: "psql \\copy", rows: await countRows(sql), seconds };
}
