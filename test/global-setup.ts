import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/db/migrate";
import { dataRoot, isRunning, startDatabase } from "@/scripts/database";

export const templateDatabase = "ledgerwatch_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test server's maintenance URL; test/database.ts clones the template from it. */
    databaseServerUrl: string;
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Once per run: a PostgreSQL server (DATABASE_URL, or a fresh embedded one in .data/test-<pid>,
 * so two runs at once don't share one) holding a template database with every migration applied.
 */
export default async function setup(project: TestProject) {
  removeLeftovers();
  const name = `test-${process.pid}`;
  const server = await startDatabase({ name, fresh: true });
  try {
    const admin = postgres(server.url, { max: 1, onnotice: () => {} });
    try {
      // Reruns against DATABASE_URL find the previous run's template; migrations may have changed.
      await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
      await admin.unsafe(`CREATE DATABASE ${templateDatabase}`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    await migrateDatabase(databaseUrl(server.url, templateDatabase));
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("databaseServerUrl", server.url);
  return async () => {
    await server.stop();
    rmSync(path.join(dataRoot, name), { recursive: true, force: true });
  };
}

/** The data of earlier runs that were killed before they could clean up. */
function removeLeftovers() {
  let entries: string[];
  try {
    entries = readdirSync(dataRoot);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(/^test-(\d+)$/.exec(entry)?.[1]);
    if (pid && !isRunning(pid)) rmSync(path.join(dataRoot, entry), { recursive: true, force: true });
  }
}
