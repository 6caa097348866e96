import { count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, thresholdVersions, users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { currentThresholds, listThresholdVersions, thresholdsInputSchema, thresholdsJson, updateThresholds } from "./thresholds";

const testDb = setupTestDatabase();
let actor: { id: string; label: string; ip: string };

beforeAll(async () => {
  const [user] = await testDb.db
    .insert(users)
    .values({ name: "Alice Admin", email: "alice@ledgerwatch.test", role: "admin", passwordHash: "x" })
    .returning({ id: users.id });
  actor = { id: user.id, label: "alice@ledgerwatch.test", ip: "10.0.0.7" };
});

const thresholdAudits = () =>
  testDb.db.select().from(auditEvents).where(eq(auditEvents.action, "threshold.updated")).orderBy(desc(auditEvents.id));

describe("thresholdsInputSchema", () => {
  it("reads decimal strings as exact cents", () => {
    expect(thresholdsInputSchema.parse({ transaction: "100000.00", account: "1000000", branch: " 1000000000.5 " })).toEqual({
      transaction: 10000000n,
      account: 100000000n,
      branch: 100000000050n,
    });
    // The smallest and the largest amounts a bigint column holds.
    expect(thresholdsInputSchema.parse({ transaction: "0.01", account: "92233720368547758.07", branch: "1" })).toEqual({
      transaction: 1n,
      account: 9223372036854775807n,
      branch: 100n,
    });
  });

  it.each(["0", "0.00", "-1", "1.234", "abc", "1,5", "", "  ", "1e5", "+5", ".5", "5.", "1 000", "92233720368547758.08"])(
    "refuses %j with a message naming the threshold",
    (value) => {
      for (const [field, label] of [
        ["transaction", "The transaction threshold"],
        ["account", "The account threshold"],
        ["branch", "The branch threshold"],
      ] as const) {
        const input = { transaction: "100000.00", account: "1000000.00", branch: "1000000000.00", [field]: value };
        const result = thresholdsInputSchema.safeParse(input);
        expect(result.success).toBe(false);
        expect(result.error?.issues).toEqual([
          expect.objectContaining({ path: [field], message: `${label} must be a positive amount with at most 2 decimal places, like 100000.00.` }),
        ]);
      }
    },
  );

  it("refuses a missing threshold or a number instead of a string", () => {
    expect(thresholdsInputSchema.safeParse({ transaction: "1", account: "1" }).success).toBe(false);
    expect(thresholdsInputSchema.safeParse({ transaction: 100000, account: "1", branch: "1" }).success).toBe(false);
  });
});

describe("thresholdsJson", () => {
  it("writes cents as decimal strings with 2 places", () => {
    expect(thresholdsJson({ transaction: 10000000n, account: 1n, branch: 9223372036854775807n })).toEqual({
      transaction: "100000.00",
      account: "0.01",
      branch: "92233720368547758.07",
    });
  });
});

describe("threshold versions", () => {
  it("start with the migration's defaults as version 1, set by nobody", async () => {
    expect(await currentThresholds(testDb.db)).toMatchObject({
      version: 1,
      transaction: 10000000n,
      account: 100000000n,
      branch: 100000000000n,
      createdBy: null,
    });
    expect(await thresholdAudits()).toEqual([]);
  });

  it("updateThresholds saves a new version in force, keeps the old one and writes an audit event", async () => {
    const input = thresholdsInputSchema.parse({ transaction: "50000.01", account: "2000000", branch: "999999999.99" });
    const saved = await updateThresholds(testDb.db, actor, input);
    expect(saved).toMatchObject({ version: 2, transaction: 5000001n, account: 200000000n, branch: 99999999999n });
    expect(saved.createdAt).toBeInstanceOf(Date);

    const current = await currentThresholds(testDb.db);
    expect(current).toEqual({ ...saved, createdBy: "Alice Admin" });

    const versions = await listThresholdVersions(testDb.db, { index: 0, size: 10 });
    expect(versions.map((row) => [row.version, row.transaction, row.account, row.branch, row.createdBy])).toEqual([
      [2, 5000001n, 200000000n, 99999999999n, "Alice Admin"],
      [1, 10000000n, 100000000n, 100000000000n, null],
    ]);

    const [audit] = await thresholdAudits();
    expect(audit).toMatchObject({
      actorId: actor.id,
      actorLabel: "alice@ledgerwatch.test",
      ip: "10.0.0.7",
      action: "threshold.updated",
      targetType: "thresholds",
      targetId: "2",
      details: { version: 2, previousVersion: 1, transaction: "50000.01", account: "2000000.00", branch: "999999999.99" },
    });
  });

  it("each update is one more version and one more audit event; the list pages newest first", async () => {
    await updateThresholds(testDb.db, actor, { transaction: 1n, account: 2n, branch: 3n });
    await updateThresholds(testDb.db, actor, { transaction: 10000000n, account: 100000000n, branch: 100000000000n });
    expect(await currentThresholds(testDb.db)).toMatchObject({ version: 4, transaction: 10000000n, account: 100000000n, branch: 100000000000n });

    const audits = await thresholdAudits();
    expect(audits.map((row) => [row.targetId, row.details.previousVersion])).toEqual([
      ["4", 3],
      ["3", 2],
      ["2", 1],
    ]);
    expect(audits[1].details).toMatchObject({ transaction: "0.01", account: "0.02", branch: "0.03" });

    expect((await listThresholdVersions(testDb.db, { index: 0, size: 2 })).map((row) => row.version)).toEqual([4, 3]);
    expect((await listThresholdVersions(testDb.db, { index: 1, size: 2 })).map((row) => row.version)).toEqual([2, 1]);
    expect(await listThresholdVersions(testDb.db, { index: 2, size: 2 })).toEqual([]);
    const [version3] = await listThresholdVersions(testDb.db, { index: 1, size: 1 });
    expect(version3).toMatchObject({ version: 3, transaction: 1n, account: 2n, branch: 3n });
  });

  it("a failed update saves neither a version nor an audit event", async () => {
    const [{ before }] = await testDb.db.select({ before: count() }).from(thresholdVersions);
    const auditsBefore = (await thresholdAudits()).length;
    // An actor with no user row: the version's foreign key refuses it.
    const ghost = { id: "00000000-0000-4000-8000-000000000000", label: "ghost", ip: null };
    await expect(updateThresholds(testDb.db, ghost, { transaction: 5n, account: 6n, branch: 7n })).rejects.toThrow();
    const [{ after }] = await testDb.db.select({ after: count() }).from(thresholdVersions);
    expect(after).toBe(before);
    expect(await thresholdAudits()).toHaveLength(auditsBefore);
    expect((await currentThresholds(testDb.db)).version).toBe(4);
  });
});
