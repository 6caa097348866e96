// `npm run db:migrate`: apply the committed migrations to DATABASE_URL (or the embedded database).
import { migrateDatabase } from "@/db/migrate";
import { startDatabase } from "./database";

const database = await startDatabase({ name: "postgres" });
try {
  await migrateDatabase(database.url);
  console.info("Migrations applied.");
} finally {
  await database.stop();
}
