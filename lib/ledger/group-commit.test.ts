import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { listWallets, openWallet, type Wallet } from "./accounts";
import { checkIntegrity } from "./integrity";
import { deposit } from "./provider";
import { transfer } from "./transfers";

describe("transfers of several customers committed together", () => {
  const t = setupTestDatabase();
  let sql: postgres.Sql;
  let wallets: Wallet[];

  beforeAll(async () => {
    sql = postgres(t.url, { max: 8, onnotice: () => {} });
    const owners = await t.db
      .insert(users)
      .values(Array.from({ length: 6 }, (_, i) => ({ name: `Group ${i}`, email: `g${i}@group.test`, role: "customer" as const, passwordHash: "x" })))
      .returning({ id: users.id });
    for (const owner of owners) await openWallet(t.db, owner.id, "BRL");
    wallets = (await Promise.all(owners.map((owner) => listWallets(t.db, owner.id)))).flat();
    for (const wallet of wallets) await deposit(t.db, { accountNumber: wallet.accountNumber, amount: "100.00", currency: "BRL", reference: "opening" }, `open-${wallet.id}`);
  });

  afterAll(async () => {
    await sql?.end({ timeout: 5 });
  });

  const send = (from: Wallet, to: Wallet, amount: string, key: string, as = from) =>
    transfer(t.db, { userId: as.ownerId }, { from: from.id, to: to.accountNumber, amount }, key).then(
      (result) => ({ ok: true as const, result }),
      (error: { code?: string; message?: string }) => ({ ok: false as const, code: error.code ?? String(error.message) }),
    );

  it("keeps each customer's ownership, funds and keys apart", async () => {
    const [a, b, c, d, e, f] = wallets;
    const outcomes = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => send(wallets[i % 6], wallets[(i + 1) % 6], "1.00", `round-${i}`)),
      // The same key from two customers: two requests, both applied.
      send(a, b, "2.00", "shared-key"),
      send(c, d, "3.00", "shared-key"),
      // One customer's key used twice in the same moment: applied once, answered twice.
      send(e, f, "4.00", "twice"),
      send(e, f, "4.00", "twice"),
      // Someone else's wallet is not found, even beside its owner's own transfers.
      send(a, b, "5.00", "not-yours", c),
      send(b, a, "500.00", "too-much"),
    ]);

    expect(outcomes.slice(0, 24).every((outcome) => outcome.ok)).toBe(true);
    const [twiceFirst, twiceSecond] = outcomes.slice(22, 24);
    expect(twiceFirst.ok && twiceSecond.ok && twiceFirst.result.id === twiceSecond.result.id).toBe(true);
    expect(outcomes.slice(24).map((outcome) => (outcome.ok ? "ok" : outcome.code))).toEqual(["NOT_FOUND", "INSUFFICIENT_FUNDS"]);

    // Fewer transactions than transfers: rows written by one transaction share its xmin.
    const [row] = await sql`
      select count(*)::int as transfers, count(distinct xmin::text)::int as transactions from ledger_transfers where kind = 'transfer'`;
    expect(row.transfers).toBe(23);
    expect(row.transactions).toBeLessThan(row.transfers);

    const [shared] = await sql`select count(*)::int as count from idempotency_keys where key = 'shared-key'`;
    expect(shared.count).toBe(2);
    const balances = await sql`select id, balance::text from ledger_accounts where kind = 'wallet'`;
    const balanceOf = new Map(balances.map((balance) => [balance.id, balance.balance]));
    // In cents. The 20 rounds of 1.00 leave a 1.00 short and c 1.00 up; then the extras above.
    expect([a, b, c, d, e, f].map((wallet) => balanceOf.get(wallet.id))).toEqual(["9700", "10200", "9800", "10300", "9600", "10400"]);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  it("fails only the item that failed its group's statement", async () => {
    const [a, b, c, d] = wallets;
    const count = async () => (await sql`select count(*)::int as count from ledger_transfers where kind = 'transfer'`)[0].count as number;
    const before = await count();
    const outcomes = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => send(a, b, "1.00", `before-${i}`)),
      send(c, d, "1.00", "good"),
      // PostgreSQL refuses a NUL in text: this item fails its group's statement, and then alone.
      send(c, d, "1.00", "nul\u0000key"),
      send(d, c, "1.00", "also-good"),
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? "ok" : outcome.code))).toEqual([...Array(8).fill("ok"), "ok", "22021", "ok"]);
    expect(await count()).toBe(before + 10);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });
});
