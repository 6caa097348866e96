import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { postmaster, startOwnServer, stopOwnServer, type OwnServer } from "./own-server";

// Servers of their own (npm start, the path the container uses too), on databases of their own:
// tripping the per-IP limits of 127.0.0.1 on the shared e2e database would refuse later specs.
const ipMaxFailures = 3;
const ipPerMinute = 8;
const limits = { IP_MAX_FAILURES: String(ipMaxFailures), RATE_LIMIT_IP_PER_MINUTE: String(ipPerMinute), RATE_LIMIT_TOKEN_PER_MINUTE: "1000" };

let rotation = 0;
/** A new claimed client on every call. */
const spoofed = () => `203.0.113.${++rotation % 250}, 198.51.100.${rotation % 250}`;

/** The count is per one-minute window: start well inside one, so the run doesn't straddle two. */
async function awaitFreshWindow() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
}

const signIn = (server: OwnServer, forwardedFor: string) =>
  fetch(`${server.base}/api/v1/auth/token`, { method: "POST", headers: { "x-forwarded-for": forwardedFor }, body: JSON.stringify({ login: "Admin", password: "wrong-password" }) });

/** The addresses the audit log recorded for refused sign-ins. */
async function auditedAddresses(server: OwnServer): Promise<string[]> {
  const sql = postgres(`postgres://postgres:ledgerwatch@127.0.0.1:${postmaster(server.dataDir)!.port}/postgres`, { max: 1 });
  try {
    const rows = await sql<{ ip: string }[]>`select distinct ip from audit_events where action like 'auth.%' and ip is not null order by ip`;
    return rows.map((row) => row.ip);
  } finally {
    await sql.end();
  }
}

test.describe("the client address", () => {
  test.describe.configure({ timeout: 180_000 });

  test("with no trusted proxy, X-Forwarded-For is ignored: rotating it bypasses neither per-IP limit, and the socket's address is logged", async () => {
    const server = await startOwnServer("client-ip-direct", limits);
    try {
      await awaitFreshWindow();
      const statuses: number[] = [];
      for (let i = 0; i <= ipMaxFailures; i++) statuses.push((await signIn(server, spoofed())).status);
      expect(statuses).toEqual([...Array(ipMaxFailures).fill(401), 429]);
      expect(await (await signIn(server, spoofed())).json()).toMatchObject({ error: { code: "TOO_MANY_ATTEMPTS" } });
      expect(await auditedAddresses(server)).toEqual(["127.0.0.1"]);

      // The API's per-IP request limit: the sign-ins above already counted ipMaxFailures + 2.
      const api: number[] = [];
      for (let i = ipMaxFailures + 2; i <= ipPerMinute; i++) api.push((await fetch(`${server.base}/api/v1/wallets`, { headers: { "x-forwarded-for": spoofed() } })).status);
      expect(api).toEqual([...Array(ipPerMinute - ipMaxFailures - 2).fill(401), 429]);
    } finally {
      await stopOwnServer(server);
    }
  });

  test("behind a trusted proxy, its X-Forwarded-For names the client", async () => {
    const server = await startOwnServer("client-ip-proxied", { ...limits, TRUSTED_PROXIES: "127.0.0.1/32" });
    try {
      await awaitFreshWindow();
      const statuses: number[] = [];
      for (let i = 0; i < ipMaxFailures; i++) statuses.push((await signIn(server, "192.0.2.10, 203.0.113.77")).status);
      // Another client behind the same proxy is not refused for the first one's failures.
      statuses.push((await signIn(server, "203.0.113.78")).status);
      statuses.push((await signIn(server, "192.0.2.99, 203.0.113.77")).status);
      expect(statuses).toEqual([...Array(ipMaxFailures).fill(401), 401, 429]);
      expect(await auditedAddresses(server)).toEqual(["203.0.113.77", "203.0.113.78"]);
    } finally {
      await stopOwnServer(server);
    }
  });
});
