import nextEnv from "@next/env";
import path from "node:path";
import { connectDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDatabase } from "@/db/seed";
import { seedDemo } from "@/lib/demo";
import { ConfigError, parseConfig, type Config } from "@/lib/config";
import { localAuthSecret, startDatabase, type RunningDatabase } from "./database";

/**
 * What `npm run dev` and `npm start` do before Next starts: pick the database (DATABASE_URL
 * or the embedded one), validate the configuration once, apply migrations, seed.
 */
export async function prepareDatabase(
  options: { demo?: boolean; name?: string; fresh?: boolean } = {},
): Promise<{ database: RunningDatabase; config: Config }> {
  // The same .env files Next reads, loaded before anything looks at the environment.
  nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, ".."), process.argv.includes("dev"));
  const database = await startDatabase({ name: options.name ?? "postgres", fresh: options.fresh });
  process.env.DATABASE_URL = database.url;
  if (!process.env.AUTH_SECRET && database.embedded) process.env.AUTH_SECRET = localAuthSecret();

  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    await database.stop();
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  await migrateDatabase(database.url);
  const connection = connectDatabase(database.url, { max: 1 });
  try {
    await seedDatabase(connection.db, { bcryptCost: config.BCRYPT_COST });
    if (options.demo) await seedDemo(connection.db, { bcryptCost: config.BCRYPT_COST });
  } finally {
    await connection.close();
  }
  return { database, config };
}
