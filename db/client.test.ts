import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/test/database";
import { connectDatabase } from "./client";

const t = setupTestDatabase();

/** The statements this session has prepared by name after running one query. */
async function namedStatementsAfterAQuery(preparedStatements: boolean | undefined): Promise<number> {
  const connection = connectDatabase(t.url, { max: 1, preparedStatements });
  try {
    const sql = connection.db.$client;
    await sql`select count(*) from users where role = ${"admin"}`;
    const [{ prepared }] = await sql`select count(*)::int as prepared from pg_prepared_statements`;
    return prepared;
  } finally {
    await connection.close();
  }
}

describe("connectDatabase", () => {
  it("prepares statements by name by default, as postgres.js does", async () => {
    expect(await namedStatementsAfterAQuery(undefined)).toBeGreaterThan(0);
  });

  it("prepares nothing by name when prepared statements are off, as a transaction pooler needs", async () => {
    expect(await namedStatementsAfterAQuery(false)).toBe(0);
  });
});
