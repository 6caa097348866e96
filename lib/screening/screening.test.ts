import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/test/database";
import { seededRandom } from "@/test/random";
import { agedPeople, screeningPeople } from "@/test/screening";
import type { Wallet } from "@/lib/ledger/accounts";
import { checkIntegrity } from "@/lib/ledger/integrity";
import { requestWithdrawal } from "@/lib/ledger/provider";
import { transfer, transferBatch } from "@/lib/ledger/transfers";
import { DomainError } from "@/lib/errors";
import type { Condition } from "./conditions";
import { activateRuleVersion, createList, createRule, type RuleInput } from "./rules";

// The rule set's decisions on random movements against a reference that computes them the
// slow, obvious way from the same history: every earlier movement, by its own time.

const t = setupTestDatabase();
let wallets: Wallet[];
let staff: { id: string; label: string; ip: null };
let emails: string[];

/** The rules, by name, as the reference decides them. */
type Row = { id: string; kind: "transfer" | "withdrawal"; from: string; to: string | null; amount: bigint; currency: string; creditCurrency: string; at: number; status: string };
type Reference = (row: Row, earlier: Row[]) => boolean;

const minute = 60_000;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
/** USD at 5.1234 BRL, rounded up as screening converts. */
const inBrl = (row: Row) => (row.currency === "BRL" ? row.amount : ceilDiv(row.amount * 51_234n, 10_000n));
const counted = (rows: Row[]) => rows.filter((row) => row.status !== "blocked" && row.status !== "rejected");
const within = (row: Row, earlier: Row[], minutes: number) => counted(earlier).filter((other) => other.from === row.from && other.at > row.at - minutes * minute);

let denied: string;
let allowed: string;
let openedDaysAgo: Map<string, number>;
let emailOf: Map<string, string>;

const rules: Array<{ input: RuleInput; reference: Reference }> = [];

beforeAll(async () => {
  ({ emails, wallets, staff } = await screeningPeople(t.db, "screening.test"));
  emailOf = new Map(wallets.map((wallet, i) => [wallet.id, emails[i]]));
  openedDaysAgo = new Map(wallets.map((wallet, i) => [wallet.id, agedPeople.includes(i) ? 10 : 0]));
  // Earlier transfers over the last three hours, written as they would have been.
  const next = seededRandom(7);
  const brl = wallets.filter((wallet) => wallet.currency === "BRL");
  for (let i = 0; i < 60; i++) {
    const from = brl[Math.floor(next() * brl.length)];
    const to = brl.filter((wallet) => wallet !== from)[Math.floor(next() * (brl.length - 1))];
    const amount = BigInt(5_000 + Math.floor(next() * 10_000));
    await t.db.$client`
      insert into ledger_transfers (kind, status, from_account_id, to_account_id, debit_amount, debit_currency, credit_amount, credit_currency, fee_amount, created_at, completed_at)
      values ('transfer', 'completed', ${from.id}, ${to.id}, ${amount.toString()}, 'BRL', ${amount.toString()}, 'BRL', 0,
        now() - ${Math.floor(next() * 180)} * interval '1 minute', now())`;
  }

  denied = (await createList(t.db, staff, { name: "Denied", kind: "deny", entryKind: "email", entries: [emails[5].toUpperCase()] })).listId;
  allowed = (await createList(t.db, staff, { name: "Trusted", kind: "allow", entryKind: "account", entries: [wallets[2].accountNumber] })).listId;
  const add = (name: string, outcome: RuleInput["outcome"], conditions: Condition[], reference: Reference) => rules.push({ input: { name, outcome, conditions }, reference });
  add("velocity", "review", [{ type: "velocity", windowMinutes: 60, measure: "count", atLeast: 30 }], (row, earlier) => within(row, earlier, 60).length + 1 >= 30);
  add("sum", "review", [{ type: "velocity_sum", windowMinutes: 60, amount: "4000", currency: "BRL" }], (row, earlier) =>
    row.currency === "BRL" && within(row, earlier, 60).reduce((sum, other) => sum + other.amount, row.amount) >= 400_000n,
  );
  const inBand = (row: Row) => row.currency === "BRL" && row.amount >= 9_000n && row.amount < 10_000n;
  add("structuring", "block", [{ type: "structuring", windowMinutes: 120, count: 3, percentBelow: 10, amount: "100", currency: "BRL" }], (row, earlier) =>
    row.kind === "transfer" && inBand(row) && within(row, earlier, 120).filter((other) => other.kind === "transfer" && other.to === row.to && inBand(other)).length + 1 >= 3,
  );
  add("first large", "review", [{ type: "first_to_recipient" }, { type: "amount_at_least", amount: "200", currency: "BRL", convert: false }], (row, earlier) =>
    row.kind === "transfer" && !counted(earlier).some((other) => other.from === row.from && other.to === row.to && other.kind === "transfer") && row.currency === "BRL" && row.amount >= 20_000n,
  );
  add("large anywhere", "review", [{ type: "amount_at_least", amount: "300", currency: "BRL", convert: true }], (row) => inBrl(row) >= 30_000n);
  add("denied sender", "block", [{ type: "on_list", listId: denied, party: "sender" }], (row) => emailOf.get(row.from) === emails[5]);
  add("new and large", "review", [{ type: "account_age_under", days: 5, party: "sender" }, { type: "amount_at_least", amount: "150", currency: "BRL", convert: false }], (row) =>
    openedDaysAgo.get(row.from)! < 5 && row.currency === "BRL" && row.amount >= 15_000n,
  );
  add("cross", "review", [{ type: "cross_currency_at_least", amount: "100", currency: "BRL" }], (row) => row.currency !== row.creditCurrency && inBrl(row) >= 10_000n);
  add("untrusted recipient", "review", [{ type: "not_on_list", listId: allowed, party: "recipient" }, { type: "amount_at_least", amount: "250", currency: "BRL", convert: false }], (row) =>
    row.kind === "transfer" && row.to !== wallets[2].id && row.currency === "BRL" && row.amount >= 25_000n,
  );
  for (const rule of rules) await activateRuleVersion(t.db, staff, (await createRule(t.db, staff, rule.input)).versionId);
}, 120_000);

const strength = { allow: 0, review: 1, block: 2 } as const;

describe("screening", () => {
  it("decides on 200 random transfers, batches and withdrawals exactly as the brute-force reference does", async () => {
    const next = seededRandom(20261205);
    const pick = () => wallets[Math.floor(next() * wallets.length)];
    const amounts = () => {
      const roll = next();
      if (roll < 0.3) return `${90 + Math.floor(next() * 10)}.${Math.floor(next() * 90 + 10)}`;
      return roll < 0.7 ? `${10 + Math.floor(next() * 130)}.00` : `${10 + Math.floor(next() * 400)}.00`;
    };
    const made: string[] = [];
    const record = (result: { ok: true; id: string } | { ok: false; error: unknown }) => {
      if (result.ok) made.push(result.id);
      else if (result.error instanceof DomainError && result.error.code === "TRANSFER_BLOCKED") made.push((result.error.details as { reference: string }).reference);
    };
    const settled = <T extends { id: string }>(promise: Promise<T>) => promise.then((value) => ({ ok: true as const, id: value.id }), (error) => ({ ok: false as const, error }));
    for (let i = 0; i < 200; i++) {
      const from = pick();
      const owner = (await t.db.$client`select owner_id from ledger_accounts where id = ${from.id}`)[0].owner_id;
      const roll = next();
      if (roll < 0.1) {
        record(await settled(requestWithdrawal(t.db, { userId: owner }, { from: from.id, amount: amounts() }, `w-${i}`, 60)));
      } else if (roll < 0.2) {
        const items = Array.from({ length: 3 }, (_, n) => ({ from: from.id, to: pick().accountNumber, amount: amounts(), idempotencyKey: `b-${i}-${n}` }));
        for (const outcome of await transferBatch(t.db, { userId: owner }, items)) {
          if (outcome.ok) made.push(outcome.result.id);
          else if (outcome.error.code === "TRANSFER_BLOCKED") made.push(outcome.error.reference!);
        }
      } else {
        record(await settled(transfer(t.db, { userId: owner }, { from: from.id, to: pick().accountNumber, amount: amounts() }, `t-${i}`)));
      }
    }

    const rows = await t.db.$client`
      select id, kind, status, from_account_id, to_account_id, debit_amount, debit_currency, credit_currency, created_at, screening
      from ledger_transfers where kind in ('transfer', 'withdrawal') and from_account_id is not null`;
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    const asRow = (row: (typeof rows)[number]): Row => ({
      id: row.id,
      kind: row.kind,
      from: row.from_account_id,
      to: row.to_account_id,
      amount: BigInt(row.debit_amount),
      currency: row.debit_currency,
      creditCurrency: row.credit_currency,
      at: new Date(row.created_at).getTime(),
      status: row.status,
    });
    const history: Row[] = rows.filter((row) => row.screening === null).map(asRow);
    const outcomes = { allow: 0, review: 0, block: 0 };
    const matchedBy = new Map<string, number>();
    for (const id of made) {
      const row = asRow(byId.get(id)!);
      const expected = rules.filter((rule) => rule.reference(row, history)).map((rule) => ({ name: rule.input.name, outcome: rule.input.outcome }));
      const outcome = expected.reduce<"allow" | "review" | "block">((strongest, rule) => (strength[rule.outcome] > strength[strongest] ? rule.outcome : strongest), "allow");
      const decision = byId.get(id)!.screening as { outcome: string; matched: Array<{ name: string }> };
      expect({ id, outcome: decision.outcome, matched: decision.matched.map((rule) => rule.name).sort() }).toEqual({ id, outcome, matched: expected.map((rule) => rule.name).sort() });
      expect(row.status).toBe(outcome === "block" ? "blocked" : outcome === "review" ? "pending_review" : row.kind === "withdrawal" ? "pending" : "completed");
      outcomes[outcome]++;
      for (const rule of expected) matchedBy.set(rule.name, (matchedBy.get(rule.name) ?? 0) + 1);
      history.push(row);
    }
    // The random movements reach every outcome and every rule, or the comparison proves little.
    expect([...matchedBy.keys()].sort()).toEqual(rules.map((rule) => rule.input.name).sort());
    expect(outcomes.allow).toBeGreaterThan(20);
    expect(outcomes.review).toBeGreaterThan(20);
    expect(outcomes.block).toBeGreaterThan(5);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  }, 120_000);
});
