// `npm run db:migrate`, and the container's `migrate` command (scripts/standalone.ts bundles
// this file, as the image has no dev dependencies): migrations and the administrator for
// DATABASE_URL. It never starts the embedded database: `npm run dev` and `npm start` migrate
// that one themselves.
import nextEnv from "@next/env";
import { migrateForRelease } from "@/db/migrate";
import { ConfigError, parseMigrationConfig } from "@/lib/config";

// The .env files the app reads, for a run from a developer's machine; the image has none.
nextEnv.loadEnvConfig(process.cwd());
try {
  await migrateForRelease(parseMigrationConfig(process.env));
  console.info("Migrations applied; the administrator exists.");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
