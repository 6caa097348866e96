import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };

export type DatabaseConnection = { db: Database; close: () => Promise<void> };

export function connectDatabase(url: string, options: { max?: number } = {}): DatabaseConnection {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
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
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm run dev` or `npm start`.");
    cache.ledgerwatchDb = connectDatabase(url);
  }
  return cache.ledgerwatchDb.db;
}
