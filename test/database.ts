import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { connectDatabase, type Database, type DatabaseConnection } from "@/db/client";
import { databaseUrl, templateDatabase } from "./global-setup";

export type TestDatabase = {
  /** The drizzle database for this test file (available from beforeAll on). */
  readonly db: Database;
  /** Its connection URL, for code that opens its own connection. */
  readonly url: string;
};

/**
 * Gives the calling test file its own database, cloned from the migrated template before
 * its tests run and dropped after them, so files never see each other's rows.
 */
export function setupTestDatabase(): TestDatabase {
  const name = `t_${randomBytes(8).toString("hex")}`;
  let connection: DatabaseConnection | undefined;
  let url: string | undefined;

  const maintenance = () => postgres(inject("databaseServerUrl"), { max: 1, onnotice: () => {} });

  beforeAll(async () => {
    const admin = maintenance();
    try {
      await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase}`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    url = databaseUrl(inject("databaseServerUrl"), name);
    connection = connectDatabase(url);
  });

  afterAll(async () => {
    await connection?.close();
    connection = undefined;
    const admin = maintenance();
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  });

  return {
    get db() {
      if (!connection) throw new Error("The test database is only available inside tests and hooks.");
      return connection.db;
    },
    get url() {
      if (!url) throw new Error("The test database is only available inside tests and hooks.");
      return url;
    },
  };
}
