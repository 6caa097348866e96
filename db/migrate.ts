import { migrate } from "drizzle-orm/postgres-js/migrator";
import path from "node:path";
import { connectDatabase } from "./client";

export const migrationsFolder = path.join(import.meta.dirname, "migrations");

export async function migrateDatabase(url: string): Promise<void> {
  const connection = connectDatabase(url, { max: 1 });
  try {
    await migrate(connection.db, { migrationsFolder });
  } finally {
    await connection.close();
  }
}
