import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/test/database";
import { seededRandom } from "@/test/random";
import { screeningPeople } from "@/test/screening";
import { importTransactions } from "@/lib/imports/importer";
import type { Wallet } from "@/lib/ledger/accounts";
import { requestWithdrawal } from "@/lib/ledger/provider";
import { transfer } from "@/lib/ledger/transfers";
import { localDateTime } from "@/lib/time";
import { backtest, candidateWithVersion, liveRuleset } from "./backtest";
import type { Condition } from "./conditions";
import type { Ruleset } from "./engine";
import { activateRuleVersion, addRuleVersion, createList, createRule, type RuleInput } from "./rules";

// The backtest replays movements through the same screen() the ledger ran: on movements written
// while the rules were live, it must find exactly what the ledger decided, rule by rule.

const t = setupTestDatabase();
let wallets: Wallet[];
let staff: { id: string; label: string; ip: null };
let emails: string[];
const ruleIds = new Map<string, string>();
let denied: string;

type Outcome = "allow" | "review" | "block";
const strength = { allow: 0, review: 1, block: 2 } as const;
const strongest = (outcomes: Outcome[]) => outcomes.reduce<Outcome>((best, outcome) => (strength[outcome] > strength[best] ? outcome : best), "allow");

type Decided = { id: string; debit_amount: string; debit_currency: string; status: string; screening: { outcome: Outcome; matched: Array<{ ruleId: string; name: string; outcome: Outcome }> } };
let decided: Decided[];

beforeAll(async () => {
  ({ emails, wallets, staff } = await screeningPeople(t.db, "backtest.test"));
  // Transfers before the 30 days: not replayed, but a later transfer between the same wallets is no longer a first one.
  for (const [from, to] of [[0, 1], [2, 3], [1, 4]]) {
    await t.db.$client`
      insert into ledger_transfers (kind, status, from_account_id, to_account_id, debit_amount, debit_currency, credit_amount, credit_currency, fee_amount, created_at, completed_at)
      values ('transfer', 'completed', ${wallets[from].id}, ${wallets[to].id}, 1000, 'BRL', 1000, 'BRL', 0, now() - interval '40 days', now() - interval '40 days')`;
  }

  denied = (await createList(t.db, staff, { name: "Denied", kind: "deny", entryKind: "email", entries: [emails[5]] })).listId;
  const rules: Array<[string, RuleInput["outcome"], Condition[]]> = [
    ["velocity", "review", [{ type: "velocity", windowMinutes: 60, measure: "count", atLeast: 12 }]],
    ["sum", "review", [{ type: "velocity_sum", windowMinutes: 60, amount: "2500", currency: "BRL" }]],
    ["structuring", "block", [{ type: "structuring", windowMinutes: 120, count: 3, percentBelow: 10, amount: "100", currency: "BRL" }]],
    ["first large", "review", [{ type: "first_to_recipient" }, { type: "amount_at_least", amount: "200", currency: "BRL", convert: false }]],
    ["large anywhere", "review", [{ type: "amount_at_least", amount: "300", currency: "BRL", convert: true }]],
    ["denied sender", "block", [{ type: "on_list", listId: denied, party: "sender" }]],
    ["new and large", "review", [{ type: "account_age_under", days: 5, party: "sender" }, { type: "amount_at_least", amount: "150", currency: "BRL", convert: false }]],
    ["cross", "review", [{ type: "cross_currency_at_least", amount: "100", currency: "BRL" }]],
  ];
  for (const [name, outcome, conditions] of rules) {
    const created = await createRule(t.db, staff, { name, outcome, conditions });
    ruleIds.set(name, created.ruleId);
    await activateRuleVersion(t.db, staff, created.versionId);
  }

  const next = seededRandom(15);
  const pick = () => wallets[Math.floor(next() * wallets.length)];
  const amount = () => {
    const roll = next();
    if (roll < 0.3) return `${90 + Math.floor(next() * 10)}.${Math.floor(next() * 90 + 10)}`;
    return roll < 0.7 ? `${10 + Math.floor(next() * 130)}.00` : `${10 + Math.floor(next() * 400)}.00`;
  };
  const owner = async (wallet: Wallet) => (await t.db.$client`select owner_id from ledger_accounts where id = ${wallet.id}`)[0].owner_id as string;
  const attempt = (promise: Promise<unknown>) => promise.catch(() => undefined);
  for (let i = 0; i < 180; i++) {
    const from = pick();
    const roll = next();
    if (roll < 0.1) await attempt(requestWithdrawal(t.db, { userId: await owner(from) }, { from: from.id, amount: amount() }, `w-${i}`, 60));
    else await attempt(transfer(t.db, { userId: await owner(from) }, { from: from.id, to: pick().accountNumber, amount: amount() }, `t-${i}`));
  }
  decided = (await t.db.$client`
    select id, debit_amount, debit_currency, status, screening from ledger_transfers
    where kind in ('transfer', 'withdrawal') and created_at > now() - interval '30 days'`) as unknown as Decided[];
}, 120_000);

const count = (outcomes: Outcome[]) => ({ allow: outcomes.filter((o) => o === "allow").length, review: outcomes.filter((o) => o === "review").length, block: outcomes.filter((o) => o === "block").length });

describe("backtest", () => {
  it("finds, for the rules live when the movements were made, exactly what the ledger decided, rule by rule", async () => {
    expect(decided.every((row) => row.screening !== null)).toBe(true);
    const live = await liveRuleset(t.db.$client);
    const rule = live.rules.find((rule) => rule.name === "sum")!;
    const result = await backtest(t.db, await candidateWithVersion(t.db.$client, live, rule.versionId), live);

    const actual = count(decided.map((row) => row.screening.outcome));
    // The random movements reach every outcome, or the comparison proves little.
    expect(actual.allow).toBeGreaterThan(20);
    expect(actual.review).toBeGreaterThan(20);
    expect(actual.block).toBeGreaterThan(5);
    expect(result.ledger.movements).toBe(decided.length);
    expect(result.ledger.live).toEqual(actual);
    expect(result.ledger.candidate).toEqual(actual);
    expect(result.ledger.changed).toBe(0);
    for (const [name, ruleId] of ruleIds) {
      const matched = decided.filter((row) => row.screening.matched.some((match) => match.ruleId === ruleId)).length;
      expect({ name, ...matchCounts(result.ledger.rules.find((rule) => rule.ruleId === ruleId)!) }).toEqual({ name, candidate: matched, live: matched });
    }
    expect(result.ledger.rules.find((rule) => rule.name === "first large")!.live).toBeGreaterThan(0);
  });

  it("compares a new version of a live rule, and a rule not yet live, with what is live", async () => {
    const live = await liveRuleset(t.db.$client);
    const stricter = await addRuleVersion(t.db, staff, ruleIds.get("large anywhere")!, {
      name: "large anywhere",
      outcome: "block",
      conditions: [{ type: "amount_at_least", amount: "300", currency: "BRL", convert: true }],
    });
    const result = await backtest(t.db, await candidateWithVersion(t.db.$client, live, stricter.versionId), live);
    const expected = decided.map((row) =>
      strongest(row.screening.matched.map((match) => (match.ruleId === ruleIds.get("large anywhere") ? "block" : match.outcome))),
    );
    expect(result.ledger.live).toEqual(count(decided.map((row) => row.screening.outcome)));
    expect(result.ledger.candidate).toEqual(count(expected));
    expect(result.ledger.changed).toBe(decided.filter((row, i) => row.screening.outcome !== expected[i]).length);
    expect(result.ledger.changed).toBeGreaterThan(0);
    const large = result.ledger.rules.find((rule) => rule.ruleId === ruleIds.get("large anywhere"))!;
    expect(large).toMatchObject({ candidateVersion: 2, liveVersion: 1, outcome: "block" });
    expect(large.candidate).toBe(large.live);
    expect(result.ledger.examples.length).toBeGreaterThan(0);
    for (const example of result.ledger.examples) {
      expect(example.candidate).toBe(expected[decided.findIndex((row) => row.id === example.id)]);
      expect(example.sender).toMatch(/^Person \d \(\d+\)$/);
    }

    const fifty = await createRule(t.db, staff, { name: "fifty", outcome: "review", conditions: [{ type: "amount_at_least", amount: "50", currency: "BRL", convert: false }] });
    const withNew = await backtest(t.db, await candidateWithVersion(t.db.$client, live, fifty.versionId), live);
    const atLeastFifty = (row: Decided) => row.debit_currency === "BRL" && BigInt(row.debit_amount) >= 5_000n;
    expect(withNew.ledger.rules.find((rule) => rule.ruleId === fifty.ruleId)).toMatchObject({ candidate: decided.filter(atLeastFifty).length, live: 0, liveVersion: null });
    expect(withNew.ledger.candidate).toEqual(count(decided.map((row) => (atLeastFifty(row) ? strongest([row.screening.outcome, "review"]) : row.screening.outcome))));
  });

  it("runs the rules that mean something on the imported bank files of the last 30 days, and says which it could not run", async () => {
    const yesterday = localDateTime(new Date(Date.now() - 24 * 60 * 60 * 1000), "America/Sao_Paulo").slice(0, 10);
    const line = (origin: string, destination: string, amount: string, time: string) => `BANCO A,0001,${origin},BANCO B,0002,${destination},${amount},${yesterday}T${time}`;
    const lines = [
      line("11111-1", "22222-2", "95.00", "08:00:00"),
      line("11111-1", "22222-2", "96.00", "08:30:00"),
      line("11111-1", "22222-2", "97.00", "09:00:00"), // the third in the band in two hours: structuring
      line("11111-1", "33333-3", "98.00", "09:10:00"), // another recipient
      line("44444-4", "22222-2", "500.00", "10:00:00"), // large
      line("44444-4", "22222-2", "99.00", "23:00:00"),
    ];
    const bytes = new TextEncoder().encode(lines.join("\n"));
    async function* body() {
      yield bytes;
    }
    await importTransactions(t.db, staff, { fileName: "day.csv", format: "csv", body: body(), maxBytes: 1 << 20 });
    const bankAccounts = (await createList(t.db, staff, { name: "Bank accounts", kind: "deny", entryKind: "account", entries: ["44444-4"] })).listId;
    const onAccountList = await createRule(t.db, staff, { name: "listed account", outcome: "block", conditions: [{ type: "on_list", listId: bankAccounts, party: "sender" }] });

    const live = await liveRuleset(t.db.$client);
    const withList: Ruleset = await candidateWithVersion(t.db.$client, live, onAccountList.versionId);
    const result = await backtest(t.db, withList, live);
    expect(result.imports.movements).toBe(6);
    const matches = Object.fromEntries(result.imports.rules.map((rule) => [rule.name, [rule.candidate, rule.live]]));
    expect(matches).toMatchObject({ structuring: [1, 1], "large anywhere": [1, 1], "listed account": [2, 0], sum: [0, 0], "first large": [1, 1] });
    expect(result.imports.live).toEqual({ allow: 4, review: 1, block: 1 });
    expect(result.imports.candidate).toEqual({ allow: 3, review: 0, block: 3 });
    expect(result.imports.notRun.map((rule) => rule.name).sort()).toEqual(["denied sender", "new and large"]);
    expect(result.imports.notRun.find((rule) => rule.name === "new and large")!.reason).toContain("opening dates");
  });
});

function matchCounts(rule: { candidate: number; live: number }) {
  return { candidate: rule.candidate, live: rule.live };
}
