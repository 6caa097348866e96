import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { getList, getRule, listLists, listRules, liveRulesetId } from "./queries";
import { activateRuleVersion, addRuleVersion, createList, createRule, deactivateRule, updateListEntries } from "./rules";
import { describeConditions } from "./summary";

const t = setupTestDatabase();
let staff: { id: string; label: string; ip: null };

beforeAll(async () => {
  const [admin] = await t.db.insert(users).values({ name: "Rita Rules", email: "rita@queries.test", role: "admin", passwordHash: "x" }).returning({ id: users.id });
  staff = { id: admin.id, label: "rita@queries.test", ip: null };
});

describe("screening reads", () => {
  it("lists each rule with its live version and its newest, and a rule's versions with who wrote them", async () => {
    expect(await liveRulesetId(t.db)).toBeNull();
    const big = await createRule(t.db, staff, { name: "Big", outcome: "review", conditions: [{ type: "amount_at_least", amount: "1000", currency: "BRL" }] });
    const idle = await createRule(t.db, staff, { name: "Idle", outcome: "block", conditions: [{ type: "first_to_recipient" }] });
    const rulesetId = await activateRuleVersion(t.db, staff, big.versionId);
    await addRuleVersion(t.db, staff, big.ruleId, { name: "Big", outcome: "block", conditions: [{ type: "amount_at_least", amount: "2000", currency: "BRL" }] });

    expect(await liveRulesetId(t.db)).toBe(rulesetId);
    const [first, second] = await listRules(t.db);
    expect(first).toMatchObject({ id: big.ruleId, name: "Big", live: { version: 1, outcome: "review", live: true, createdBy: "Rita Rules" }, latest: { version: 2, outcome: "block", live: false } });
    expect(second).toMatchObject({ id: idle.ruleId, live: null, latest: { version: 1, live: false } });

    const rule = await getRule(t.db, big.ruleId);
    expect(rule.versions.map((version) => [version.version, version.live, version.createdBy])).toEqual([
      [2, false, "Rita Rules"],
      [1, true, "Rita Rules"],
    ]);
    expect(rule.versions[1].conditions).toEqual([{ type: "amount_at_least", amount: "1000", currency: "BRL", convert: false }]);

    await deactivateRule(t.db, staff, big.ruleId);
    expect((await listRules(t.db))[0].live).toBeNull();
    await expect(getRule(t.db, "not-a-rule")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists each list with its version in force, and one list's entries and versions", async () => {
    const { listId } = await createList(t.db, staff, { name: "Watched", kind: "deny", entryKind: "document", entries: ["123.456.789-09"] });
    await updateListEntries(t.db, staff, listId, ["12345678909", "98765432100", ""]);
    expect(await listLists(t.db)).toEqual([expect.objectContaining({ id: listId, name: "Watched", kind: "deny", entryKind: "document", version: 2, entryCount: 2, changedBy: "Rita Rules" })]);
    const list = await getList(t.db, listId);
    expect(list.entries).toEqual(["12345678909", "98765432100"]);
    expect(list.versions.map((version) => [version.version, version.entries.length])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(
      describeConditions(
        [
          { type: "on_list", listId, party: "recipient" },
          { type: "structuring", windowMinutes: 1440, count: 3, percentBelow: 10, amount: "10000", currency: "BRL" },
        ],
        new Map([[listId, "Watched"]]),
      ),
    ).toBe("recipient on Watched and 3 or more transfers to one recipient in 1 day, each within 10% under 10000 BRL");
  });
});
