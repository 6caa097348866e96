import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { config } from "@/lib/config";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export type DatabaseConnection = { db: Database; close: () => Promise<void> };

export type ConnectionOptions = {
  max?: number;
  /** false behind a transaction pooler (DATABASE_PREPARED_STATEMENTS). */
  preparedStatements?: boolean;
};

export function connectDatabase(url: string, options: ConnectionOptions = {}): DatabaseConnection {
  const client = postgres(url, { max: options.max ?? 10, prepare: options.preparedStatements ?? true, onnotice: () => {} });
  return {
    db: drizzle({ client, schema, casing: "snake_case" }),
    close: () => client.end({ timeout: 5 }),
  };
}

// One pool per server process; cached on globalThis because dev hot reload re-evaluates
// modules and would otherwise open a new pool on every edit.
const cache = globalThis as unknown as { ledgerwatchDb?: DatabaseConnection; ledgerwatchImportDb?: DatabaseConnection };

/** The app's pool size: every request but an import's write draws from it. */
export const appPoolSize = 10;

export function appDatabase(): Database {
  if (!cache.ledgerwatchDb) {
    const { DATABASE_URL, DATABASE_PREPARED_STATEMENTS } = config();
    cache.ledgerwatchDb = connectDatabase(DATABASE_URL, { max: appPoolSize, preparedStatements: DATABASE_PREPARED_STATEMENTS });
  }
  return cache.ledgerwatchDb.db;
}

/**
 * The small pool imports write with (IMPORT_DATABASE_POOL_SIZE): an import holds its connection
 * for the whole transaction, so however many run, the app's own pool stays free for everyone else.
 */
export function importDatabase(): Database {
  if (!cache.ledgerwatchImportDb) {
    const { DATABASE_URL, DATABASE_PREPARED_STATEMENTS, IMPORT_DATABASE_POOL_SIZE } = config();
    cache.ledgerwatchImportDb = connectDatabase(DATABASE_URL, { max: IMPORT_DATABASE_POOL_SIZE, preparedStatements: DATABASE_PREPARED_STATEMENTS });
  }
  return cache.ledgerwatchImportDb.db;
}

/** Whether PostgreSQL refused a write for a unique index (23505), as the driver or drizzle (in `cause`) reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const cause = error instanceof Error && "cause" in error ? error.cause : error;
  return typeof cause === "object" && cause !== null && "code" in cause && cause.code === "23505";
}
