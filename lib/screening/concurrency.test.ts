import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type Database, type DatabaseConnection } from "@/db/client";
import { users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { findWallet, type Wallet } from "@/lib/ledger/accounts";
import { checkIntegrity } from "@/lib/ledger/integrity";
import { deposit, requestWithdrawal } from "@/lib/ledger/provider";
import { transfer, transferBatch } from "@/lib/ledger/transfers";
import { createCustomers } from "@/test/customers";
import { setupTestDatabase } from "@/test/database";
import { decideCase, type CaseDecision } from "./decide";
import { activateRuleVersion, createRule } from "./rules";

// Screening's holds under concurrency, through the ledger's own functions on a pool of 32
// connections (the test database's own has 10): every movement below is its own transaction, or,
// for transfer(), shares one with those it is grouped with, so what keeps them apart is the
// database's row locks. Each test says which lock it guards.

const t = setupTestDatabase();
const connections = 32;
let pool: DatabaseConnection;
let db: Database;
let staff: { id: string; label: string; ip: null };
let created = 0;

/** A customer with a BRL wallet, funded when `amount` is given. */
async function customer(amount?: string): Promise<{ id: string; wallet: Wallet }> {
  const n = ++created;
  const [{ id, wallets }] = await createCustomers(t.db, [{ name: `Customer ${n}`, email: `c${n}@concurrency.test` }]);
  if (amount) await deposit(t.db, { accountNumber: wallets[0].accountNumber, amount, currency: "BRL", reference: `pix-${n}` }, `deposit-${n}`);
  return { id, wallet: wallets[0] };
}

/** Holds a transfer for review: the live rule holds every movement of 500.00 BRL or more. */
async function heldTransfer(from: { id: string; wallet: Wallet }, to: Wallet, amount: string) {
  const held = await transfer(t.db, { userId: from.id }, { from: from.wallet.id, to: to.accountNumber, amount }, `held-${from.wallet.id}-${amount}`);
  expect(held.status).toBe("pending_review");
  const [row] = await t.db.$client`select id from cases where transfer_id = ${held.id}`;
  return { transferId: held.id, caseId: row.id as string };
}

const available = async (wallet: Wallet) => (await findWallet(t.db, wallet.id))!.available;
const balance = async (wallet: Wallet) => (await findWallet(t.db, wallet.id))!.balance;
/** Every currency's postings sum to zero: money is only ever moved, never made or lost. */
const unbalancedCurrencies = () => t.db.$client`select currency, sum(amount)::text as total from ledger_postings group by currency having sum(amount) <> 0`;

beforeAll(async () => {
  pool = connectDatabase(t.url, { max: connections });
  db = pool.db;
  const [analyst] = await t.db.insert(users).values({ name: "Rui", email: "rui@concurrency.test", role: "analyst", passwordHash: "x" }).returning({ id: users.id });
  staff = { id: analyst.id, label: "rui@concurrency.test", ip: null };
  const { versionId } = await createRule(t.db, staff, { name: "Large", outcome: "review", conditions: [{ type: "amount_at_least", amount: "500", currency: "BRL" }] });
  await activateRuleVersion(t.db, staff, versionId);
});

afterAll(async () => {
  await pool?.close();
});

describe("a held movement under concurrency", () => {
  // Guards the wallet lock (lockWallets' `for update`) with the holds read after it
  // (heldAmounts, counting pending_review): without the lock each of the 32 would read 50.00
  // available and most would go through; without the held transfer counted, 320.00 of the
  // 600.00 held would be spent. Either way more than 50.00 succeeds and this fails.
  it("32 transfers and withdrawals at once from a wallet with a held transfer never spend the held money", async () => {
    const sender = await customer("650.00");
    const recipient = await customer();
    const held = await heldTransfer(sender, recipient.wallet, "600.00");
    expect(await available(sender.wallet)).toBe(5_000n);

    const outcomes = await Promise.allSettled(
      Array.from({ length: connections }, async (_, n) => {
        const input = { from: sender.wallet.id, to: recipient.wallet.accountNumber, amount: "10.00" };
        if (n % 4 === 0) return { kind: "transfer", result: await transfer(db, { userId: sender.id }, input, `spend-${n}`) };
        if (n % 4 === 1) {
          const [outcome] = await transferBatch(db, { userId: sender.id }, [{ ...input, idempotencyKey: `spend-${n}` }]);
          if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message);
          return { kind: "transfer", result: outcome.result };
        }
        return { kind: "withdrawal", result: await requestWithdrawal(db, { userId: sender.id }, { from: sender.wallet.id, amount: "10.00" }, `spend-${n}`, 60) };
      }),
    );
    const succeeded = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    const refusals = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [(outcome.reason as DomainError).code] : []));
    // 50.00 available in steps of 10.00: exactly five go, whichever they are.
    expect(succeeded).toHaveLength(5);
    expect(new Set(refusals)).toEqual(new Set(["INSUFFICIENT_FUNDS"]));
    const transferred = BigInt(succeeded.filter((done) => done.kind === "transfer").length) * 1_000n;
    const withdrawn = BigInt(succeeded.filter((done) => done.kind === "withdrawal").length) * 1_000n;

    expect(await available(sender.wallet)).toBe(0n);
    expect(await balance(sender.wallet)).toBe(65_000n - transferred);
    expect(await balance(recipient.wallet)).toBe(transferred);
    const [still] = await t.db.$client`select status from ledger_transfers where id = ${held.transferId}`;
    expect(still.status).toBe("pending_review");
    expect((await checkIntegrity(t.db)).ok).toBe(true);

    await decideCase(db, staff, held.caseId, "release", "Known customer", 60);
    expect(await balance(recipient.wallet)).toBe(transferred + 60_000n);
    expect(await balance(sender.wallet)).toBe(65_000n - transferred - 60_000n);
    // What is left is what the pending withdrawals hold.
    expect(await available(sender.wallet)).toBe(65_000n - transferred - 60_000n - withdrawn);
    expect(await available(sender.wallet)).toBe(0n);
    expect(await unbalancedCurrencies()).toEqual([]);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  // Guards decideCase's lock on the case row (`for update of c`): without it several decisions
  // read the case open and each moves the money, crediting the recipient (or releasing the hold)
  // more than once, and more than one call succeeds.
  it("of 16 decisions at once on one case, half release and half reject, exactly one is made and the money moves once", async () => {
    const sender = await customer("3000.00");
    const recipient = await customer();
    const winners: string[] = [];
    for (let round = 0; round < 4; round++) {
      const senderBefore = await balance(sender.wallet);
      const recipientBefore = await balance(recipient.wallet);
      const held = await heldTransfer(sender, recipient.wallet, `${500 + round}.00`);
      const amount = BigInt(500 + round) * 100n;
      expect(await available(sender.wallet)).toBe(senderBefore - amount);

      const decisions = Array.from({ length: 16 }, (_, n): CaseDecision => (n % 2 === 0 ? "release" : "reject"));
      const outcomes = await Promise.allSettled(decisions.map((decision) => decideCase(db, staff, held.caseId, decision, `Decision ${decision}`, 60)));
      const made = outcomes.flatMap((outcome, n) => (outcome.status === "fulfilled" ? [decisions[n]] : []));
      expect(made).toHaveLength(1);
      expect(outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [(outcome.reason as DomainError).code] : []))).toEqual(Array(15).fill("INVALID_STATE"));
      const [decision] = made;
      winners.push(decision);

      const [row] = await t.db.$client`
        select c.status, t.status as transfer_status, (select count(*)::int from ledger_postings p where p.transfer_id = t.id) as postings,
          (select count(*)::int from webhook_deliveries d where d.payload->>'transferId' = t.id::text and d.event in ('movement.released', 'movement.rejected')) as events
        from cases c join ledger_transfers t on t.id = c.transfer_id where c.id = ${held.caseId}`;
      if (decision === "release") {
        expect(row).toEqual({ status: "released", transfer_status: "completed", postings: 2, events: 1 });
        expect(await balance(recipient.wallet)).toBe(recipientBefore + amount);
        expect(await balance(sender.wallet)).toBe(senderBefore - amount);
      } else {
        expect(row).toEqual({ status: "rejected", transfer_status: "rejected", postings: 0, events: 1 });
        expect(await balance(recipient.wallet)).toBe(recipientBefore);
        expect(await balance(sender.wallet)).toBe(senderBefore);
      }
      expect(await available(sender.wallet)).toBe(await balance(sender.wallet));
    }
    expect(winners).toHaveLength(4);
    expect(await unbalancedCurrencies()).toEqual([]);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
  });

  // Guards the ledger's definition of a hold (it moves no money until decided) and the integrity
  // check's single snapshot: checks run while 32 movements commit around open holds must each
  // find every invariant true, and the postings of every currency sum to zero throughout.
  it("keeps every invariant and conservation with holds open while 32 movements run beside the integrity check", async () => {
    const people = await Promise.all([customer("2000.00"), customer("2000.00"), customer("2000.00"), customer("2000.00")]);
    const [ana, bia, caio, dora] = people;
    await heldTransfer(ana, bia.wallet, "700.00");
    await heldTransfer(caio, dora.wallet, "800.00");
    const heldWithdrawal = await requestWithdrawal(t.db, { userId: bia.id }, { from: bia.wallet.id, amount: "900.00" }, "held-withdrawal", 60);
    expect(heldWithdrawal.status).toBe("pending_review");
    await requestWithdrawal(t.db, { userId: dora.id }, { from: dora.wallet.id, amount: "100.00" }, "pending-withdrawal", 60);

    const movements = Array.from({ length: connections }, async (_, n) => {
      const from = people[n % 4];
      const to = people[(n + 1) % 4];
      if (n % 3 === 2) return requestWithdrawal(db, { userId: from.id }, { from: from.wallet.id, amount: "15.00" }, `load-${n}`, 60);
      if (n % 5 === 4) return deposit(db, { accountNumber: from.wallet.accountNumber, amount: "25.00", currency: "BRL", reference: `load-${n}` }, `load-${n}`);
      return transfer(db, { userId: from.id }, { from: from.wallet.id, to: to.wallet.accountNumber, amount: `${10 + n}.00` }, `load-${n}`);
    });
    const checks = Array.from({ length: 4 }, () => checkIntegrity(db));
    const [moved, reports] = await Promise.all([Promise.all(movements), Promise.all(checks)]);
    expect(moved).toHaveLength(connections);
    for (const report of reports) expect(report.checks.filter((check) => !check.ok)).toEqual([]);

    const [{ open }] = await t.db.$client`
      select count(*)::int as open from ledger_transfers t
      where t.status = 'pending_review' or (t.status = 'pending' and t.kind = 'withdrawal' and t.expires_at > now())`;
    expect(open).toBeGreaterThanOrEqual(4);
    expect(await unbalancedCurrencies()).toEqual([]);
    expect((await checkIntegrity(t.db)).ok).toBe(true);
    for (const person of people) expect(await available(person.wallet)).toBeGreaterThanOrEqual(0n);
  });
});
