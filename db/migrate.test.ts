import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectDatabase } from "@/db/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkReadiness } from "@/lib/health/readiness";
import { databaseUrl } from "@/test/global-setup";
import { migrateForRelease } from "./migrate";
import { seededAdmin } from "./seed";

// A database of its own, created empty: the state a first deploy migrates from.
const name = `m_${randomBytes(8).toString("hex")}`;
const maintenance = () => postgres(inject("databaseServerUrl"), { max: 1, onnotice: () => {} });
let url: string;

beforeAll(async () => {
  const admin = maintenance();
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  url = databaseUrl(inject("databaseServerUrl"), name);
});

afterAll(async () => {
  const admin = maintenance();
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
});

async function inspect(): Promise<{ ready: boolean; administrators: number }> {
  const connection = connectDatabase(url, { max: 1 });
  try {
    const [{ administrators }] = await connection.db.$client`select count(*)::int as administrators from users where username = ${seededAdmin.username}`;
    return { ready: (await checkReadiness(connection.db)).ready, administrators };
  } finally {
    await connection.close();
  }
}

describe("migrateForRelease", () => {
  it("brings an empty database to this build's migrations with the administrator, and changes nothing when run again", async () => {
    // Without prepared statements, as behind a transaction pooler.
    const config = { DATABASE_URL: url, DATABASE_PREPARED_STATEMENTS: false, BCRYPT_COST: 10 };
    await migrateForRelease(config);
    expect(await inspect()).toEqual({ ready: true, administrators: 1 });
    await migrateForRelease(config);
    expect(await inspect()).toEqual({ ready: true, administrators: 1 });
  });
});
