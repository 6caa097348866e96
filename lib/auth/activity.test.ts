import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loginAttempts, signInThrottles, users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { signInActivity } from "./activity";

const t = setupTestDatabase();
const now = new Date("2025-06-10T12:00:00Z");
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000);

// A user whose email is locked until `lockedUntil` for `source` ("*": every source but a known device).
async function seedUser(lockedUntil: Date | null, deletedAt: Date | null = null, source = "*") {
  const email = `Activity-${randomUUID()}@example.com`;
  await t.db.insert(users).values({ name: "Activity Person", email, role: "customer", passwordHash: "x", deletedAt });
  if (lockedUntil) await t.db.insert(signInThrottles).values({ login: email.toLowerCase(), source, failures: 20, lockCount: 1, lockedUntil });
}

describe("signInActivity", () => {
  it("counts the last 24 hours' sign-ins and failures, and the accounts locked now for unknown sources", async () => {
    const attempt = (at: Date, succeeded: boolean) => ({ at, succeeded, ip: "192.0.2.1", login: "someone" });
    await t.db.insert(loginAttempts).values([
      attempt(hoursAgo(1), true),
      attempt(hoursAgo(23.9), true),
      attempt(hoursAgo(24.1), true),
      attempt(hoursAgo(2), false),
      attempt(hoursAgo(3), false),
      attempt(hoursAgo(5), false),
      attempt(hoursAgo(30), false),
    ]);
    await seedUser(hoursAgo(-0.5));
    await seedUser(hoursAgo(0.5));
    await seedUser(null);
    await seedUser(hoursAgo(-1), now);
    // Locked for one address only: the account isn't locked.
    await seedUser(hoursAgo(-0.5), null, "192.0.2.9");

    expect(await signInActivity(t.db, now)).toEqual({ signIns: 2, failedSignIns: 3, lockedAccounts: 1 });
  });
});
