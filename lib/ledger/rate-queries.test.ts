import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { eq } from "drizzle-orm";
import { setupTestDatabase } from "@/test/database";
import { parseRateFile } from "./rate-import";
import { importRates, latestRates, rateHistory, saveRate } from "./rate-queries";
import { currentRate } from "./rates";

const t = setupTestDatabase();
let actor: { id: string; label: string; ip: string | null };

beforeAll(async () => {
  const [admin] = await t.db
    .insert(users)
    .values({ name: "Rita Rates", email: "rita@ledger.test", role: "admin", passwordHash: "x" })
    .returning({ id: users.id });
  actor = { id: admin.id, label: "rita@ledger.test", ip: "127.0.0.1" };
});

function validFile(text: string) {
  const result = parseRateFile(text);
  if (!result.ok) throw new Error(result.message);
  return result.rates;
}

describe("rate queries", () => {
  it("saves a rate by hand with who set it, and records it in the audit log", async () => {
    const saved = await saveRate(t.db, actor, { base: "USD", quote: "BRL", rate: "5.1", source: "manual" });
    const [latest] = await latestRates(t.db);
    expect(latest).toMatchObject({ id: saved.id, base: "USD", quote: "BRL", rate: "5.1", source: "manual", createdBy: "Rita Rates" });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "fx_rate.set"));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: actor.id, targetId: String(saved.id), details: { base: "USD", quote: "BRL", rate: "5.1" } });
  });

  it("imports a file in one transaction, the last line of a pair in force", async () => {
    const count = await importRates(t.db, actor, validFile("EUR,BRL,6.0,ECB\nUSD,BRL,5.2\nUSD,BRL,5.3\n"), "rates.csv");
    expect(count).toBe(3);
    const latest = await latestRates(t.db);
    expect(latest.map((rate) => `${rate.base}/${rate.quote} ${rate.rate} ${rate.source}`)).toEqual(["EUR/BRL 6.0 ECB", "USD/BRL 5.3 CSV import"]);
    expect((await currentRate(t.db.$client, "BRL", "USD")).rate).toBe("5.3");
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "fx_rate.imported"));
    expect(audit.details).toEqual({ fileName: "rates.csv", count: 3, pairs: ["EUR/BRL", "USD/BRL"] });
  });

  it("writes nothing of a file when one of its lines can't be stored", async () => {
    const before = await rateHistory(t.db, { base: "GBP", quote: "BRL" }, { index: 0, size: 10 });
    const rates = [...validFile("GBP,BRL,7\n"), { base: "JPY", quote: "JPY", rate: "1", source: "bad" }];
    await expect(importRates(t.db, actor, rates, "bad.csv")).rejects.toThrow("two different currencies");
    const after = await rateHistory(t.db, { base: "GBP", quote: "BRL" }, { index: 0, size: 10 });
    expect(before.total).toBe(0);
    expect(after.total).toBe(0);
  });

  it("lists a pair's history newest first, a page at a time", async () => {
    const history = await rateHistory(t.db, { base: "USD", quote: "BRL" }, { index: 0, size: 2 });
    expect(history.total).toBe(3);
    expect(history.rows.map((rate) => rate.rate)).toEqual(["5.3", "5.2"]);
    const second = await rateHistory(t.db, { base: "USD", quote: "BRL" }, { index: 1, size: 2 });
    expect(second.rows.map((rate) => rate.rate)).toEqual(["5.1"]);
  });
});
