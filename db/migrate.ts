import { migrate } from "drizzle-orm/postgres-js/migrator";
import path from "node:path";
import type { MigrationConfig } from "@/lib/config";
import { connectDatabase } from "./client";
import { seedDatabase } from "./seed";

// Beside this file in the source tree and in the container (scripts/standalone.ts bundles it).
export const migrationsFolder = path.join(import.meta.dirname, "migrations");

export async function migrateDatabase(url: string, options: { preparedStatements?: boolean } = {}): Promise<void> {
  const connection = connectDatabase(url, { max: 1, ...options });
  try {
    await migrate(connection.db, { migrationsFolder });
  } finally {
    await connection.close();
  }
}

/**
 * What a deploy runs once before the new version serves (`npm run db:migrate`, the image's
 * `migrate`): the committed migrations, then the administrator if there is none yet, as
 * `npm start` does, so a fresh database can be signed in to.
 */
export async function migrateForRelease(config: MigrationConfig): Promise<void> {
  const preparedStatements = config.DATABASE_PREPARED_STATEMENTS;
  await migrateDatabase(config.DATABASE_URL, { preparedStatements });
  const connection = connectDatabase(config.DATABASE_URL, { max: 1, preparedStatements });
  try {
    await seedDatabase(connection.db, { bcryptCost: config.BCRYPT_COST });
  } finally {
    await connection.close();
  }
}
