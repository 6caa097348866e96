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
const cache = globalThis as unknown as { ledgerwatchDb?: DatabaseConnection };

export function appDatabase(): Database {
  if (!cache.ledgerwatchDb) {
    const { DATABASE_URL, DATABASE_PREPARED_STATEMENTS } = config();
    cache.ledgerwatchDb = connectDatabase(DATABASE_URL, { preparedStatements: DATABASE_PREPARED_STATEMENTS });
  }
  return cache.ledgerwatchDb.db;
}
