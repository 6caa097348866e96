import type { Database } from "@/db/client";
import type postgres from "postgres";
import committedJournal from "@/db/migrations/meta/_journal.json";

/** drizzle-kit's record of the committed migrations; `when` is what the migrator stores as `created_at`. */
export type MigrationJournal = { entries: { tag: string; when: number }[] };

export type Readiness =
  | { ready: true }
  | { ready: false; reason: "database_unreachable"; error: unknown }
  | { ready: false; reason: "migrations_pending"; pending: string[] };

const undefinedTable = "42P01";
const invalidSchema = "3F000";

/**
 * Whether this instance can serve: PostgreSQL answers within `timeoutMs` and holds every
 * migration this build was committed with. A database ahead of the build (the next release
 * migrated it while this one still serves) is ready: migrations only add what old code ignores.
 */
export async function checkReadiness(
  db: Database,
  options: { journal?: MigrationJournal; timeoutMs?: number } = {},
): Promise<Readiness> {
  const sql = db.$client;
  const journal = options.journal ?? committedJournal;
  let latestApplied: number;
  try {
    latestApplied = await withTimeout(latestAppliedMigration(sql), options.timeoutMs ?? 3000);
  } catch (error) {
    return { ready: false, reason: "database_unreachable", error };
  }
  const pending = journal.entries.filter((entry) => entry.when > latestApplied).map((entry) => entry.tag);
  return pending.length === 0 ? { ready: true } : { ready: false, reason: "migrations_pending", pending };
}

/** The `created_at` of the newest applied migration; 0 for a database never migrated. */
async function latestAppliedMigration(sql: postgres.Sql): Promise<number> {
  try {
    const [row] = await sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`;
    return Number(row?.latest ?? 0);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === undefinedTable || code === invalidSchema) return 0;
    throw error;
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
