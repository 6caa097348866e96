import { createServer, type AddressInfo, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { connectDatabase } from "@/db/client";
import journal from "@/db/migrations/meta/_journal.json";
import { freePort } from "@/scripts/database";
import { setupTestDatabase } from "@/test/database";
import { checkReadiness } from "./readiness";

const t = setupTestDatabase();
const newest = journal.entries.at(-1)!;

describe("checkReadiness", () => {
  it("is ready on a database holding every committed migration", async () => {
    expect(await checkReadiness(t.db)).toEqual({ ready: true });
  });

  it("names the migrations a database is behind on", async () => {
    const sql = t.db.$client;
    const [removed] = await sql`delete from drizzle.__drizzle_migrations where created_at = ${newest.when} returning hash, created_at`;
    try {
      expect(await checkReadiness(t.db)).toEqual({ ready: false, reason: "migrations_pending", pending: [newest.tag] });
    } finally {
      await sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${removed.hash}, ${removed.created_at})`;
    }
  });

  it("counts every migration as pending on a database never migrated", async () => {
    const sql = t.db.$client;
    await sql`alter schema drizzle rename to drizzle_hidden`;
    try {
      const readiness = await checkReadiness(t.db);
      expect(readiness).toEqual({ ready: false, reason: "migrations_pending", pending: journal.entries.map((entry) => entry.tag) });
    } finally {
      await sql`alter schema drizzle_hidden rename to drizzle`;
    }
  });

  it("stays ready when the next release has already migrated the database", async () => {
    const sql = t.db.$client;
    const [added] = await sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('next-release', ${newest.when + 1}) returning id`;
    try {
      expect(await checkReadiness(t.db)).toEqual({ ready: true });
    } finally {
      await sql`delete from drizzle.__drizzle_migrations where id = ${added.id}`;
    }
  });

  it("reports an unreachable database", async () => {
    const unreachable = connectDatabase(`postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`, { max: 1 });
    try {
      const readiness = await checkReadiness(unreachable.db);
      expect(readiness).toMatchObject({ ready: false, reason: "database_unreachable" });
      expect(readiness.ready === false && readiness.reason === "database_unreachable" && readiness.error).toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      await unreachable.close();
    }
  });

  it("gives up after its time budget on a server that accepts connections and never answers", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const silentDatabase = connectDatabase(`postgres://nobody:nothing@127.0.0.1:${port}/none`, { max: 1 });
    try {
      const readiness = await checkReadiness(silentDatabase.db, { timeoutMs: 200 });
      expect(readiness).toMatchObject({ ready: false, reason: "database_unreachable" });
      expect(readiness.ready === false && readiness.reason === "database_unreachable" && readiness.error).toMatchObject({ message: "no answer within 200 ms" });
    } finally {
      await silentDatabase.db.$client.end({ timeout: 0 });
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
