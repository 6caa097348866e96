import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startProductionServer } from "../scripts/production-server";
import { admin } from "./helpers";
import { freePort } from "./own-server";

const root = path.resolve(import.meta.dirname, "..");
const tokenLimit = 5;
const ipLimit = 8;
const servers: ChildProcess[] = [];
/** The two servers' addresses, on ports free when the tests start. */
const bases: string[] = [];

async function waitUntilUp(base: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(`${base}/login`).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${base} did not start`);
}

/**
 * An address of its own per test: every server on the e2e database shares the count of
 * 127.0.0.1, and the nearest proxy's X-Forwarded-For entry is the address counted (there is none here).
 */
const uniqueAddress = () => `198.51.100.7, 2001:db8::${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;

/**
 * The count is per one-minute window: runs `attempt` again, with fresh counters, until one run
 * falls inside a single window (the servers share this machine's clock). No waiting: a run that
 * straddled two ends just after a window began, so the next one fits.
 */
async function inOneWindow<T>(attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    const window = Math.floor(Date.now() / 60_000);
    const result = await attempt();
    if (Math.floor(Date.now() / 60_000) === window) return result;
  }
}

test.describe("API rate limits across instances", () => {
  test.describe.configure({ timeout: 150_000 });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // Two more production servers on the e2e database, with low limits.
    const env = JSON.parse(readFileSync(path.join(root, ".data", "e2e-server.json"), "utf8"));
    // Both ports are taken before either server binds, so they must differ.
    const ports: number[] = [];
    while (ports.length < 2) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    for (const port of ports) {
      bases.push(`http://127.0.0.1:${port}`);
      servers.push(
        await startProductionServer({
          port,
          env: { ...process.env, ...env, RATE_LIMIT_TOKEN_PER_MINUTE: String(tokenLimit), RATE_LIMIT_IP_PER_MINUTE: String(ipLimit) },
          stdio: "ignore",
          detached: true,
        }),
      );
    }
    await Promise.all(bases.map(waitUntilUp));
  });

  test.afterAll(() => {
    for (const server of servers) {
      if (server.exitCode === null) process.kill(-server.pid!, "SIGTERM");
    }
  });

  test("one token's limit holds whichever instance answers", async ({ request }) => {
    const { statuses, remaining, refused } = await inOneWindow(async () => {
      const { token } = await (await request.post("/api/v1/auth/token", { data: admin })).json();
      const statuses: number[] = [];
      const remaining: Array<string | null> = [];
      let refused: Response | undefined;
      for (let i = 0; i <= tokenLimit; i++) {
        // A new address each time, so only the token's count can refuse.
        const response = await fetch(`${bases[i % 2]}/api/v1/users`, { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": uniqueAddress() } });
        statuses.push(response.status);
        if (response.status === 429) refused = response;
        else remaining.push(response.headers.get("ratelimit-remaining"));
      }
      return { statuses, remaining, refused };
    });
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(remaining).toEqual(Array.from({ length: tokenLimit }, (_, i) => String(tokenLimit - 1 - i)));
    const retryAfter = Number(refused!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused!.json()).toEqual({ error: { code: "RATE_LIMITED", message: expect.stringContaining(`at most ${tokenLimit} a minute`) } });
  });

  test("one address's limit holds whichever instance answers, signed in or not", async () => {
    const { statuses, signIn } = await inOneWindow(async () => {
      const address = uniqueAddress();
      const statuses: number[] = [];
      for (let i = 0; i <= ipLimit; i++) {
        const response = await fetch(`${bases[i % 2]}/api/v1/wallets`, { headers: { "x-forwarded-for": address } });
        statuses.push(response.status);
      }
      const signIn = await fetch(`${bases[0]}/api/v1/auth/token`, { method: "POST", headers: { "x-forwarded-for": address }, body: JSON.stringify(admin) });
      return { statuses, signIn };
    });
    expect(statuses).toEqual([...Array(ipLimit).fill(401), 429]);
    expect(signIn.status).toBe(429);
    expect(Number(signIn.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});
