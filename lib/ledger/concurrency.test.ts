import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { formatMinorUnits, parseDecimalAmount } from "@/lib/money";
import { setupTestDatabase } from "@/test/database";
import { seededRandom } from "@/test/random";
import { openWallet, listWallets, type Wallet } from "./accounts";
import { setFeeSchedule } from "./fees";
import { checkIntegrity } from "./integrity";
import { cancelWithdrawal, deposit, requestWithdrawal, settleWithdrawal } from "./provider";
import { setRate } from "./rates";
import { transfer, transferBatch, type BatchItem } from "./transfers";

const t = setupTestDatabase();
const connections = 32;
const transfers = 5_000;
let sql: postgres.Sql;
let wallets: Wallet[];

const cents = (text: string) => parseDecimalAmount(text)!;

/** 40 customers with a BRL wallet and 10 with a USD one, each funded by a deposit. */
beforeAll(async () => {
  sql = postgres(t.url, { max: connections, onnotice: () => {} });
  const owners = await t.db
    .insert(users)
    .values(Array.from({ length: 50 }, (_, i) => ({ name: `Customer ${i}`, email: `c${i}@load.test`, role: "customer" as const, passwordHash: "x" })))
    .returning({ id: users.id });
  for (const [i, owner] of owners.entries()) await openWallet(t.db, owner.id, i < 40 ? "BRL" : "USD");
  wallets = (await Promise.all(owners.map((owner) => listWallets(t.db, owner.id)))).flat();
  await setRate(sql, { base: "USD", quote: "BRL", rate: "5.1234", source: "test" }, null);
  await setFeeSchedule(sql, "BRL", { flat: 10n, percent: 5_000n, minimum: 25n }, null);
  await setFeeSchedule(sql, "USD", { flat: 5n, percent: 0n, minimum: 0n }, null);
  for (const wallet of wallets) {
    await deposit(t.db, { accountNumber: wallet.accountNumber, amount: "500.00", currency: wallet.currency, reference: "opening" }, `open-${wallet.id}`);
  }
}, 120_000);

afterAll(async () => {
  await sql?.end({ timeout: 5 });
});

type Operation =
  | { kind: "transfer"; from: Wallet; to: Wallet; amount: string }
  | { kind: "deposit"; to: Wallet; amount: string }
  | { kind: "withdrawal"; from: Wallet; amount: string; settle: boolean };

function operations(): Operation[] {
  const next = seededRandom(20261201);
  const pick = () => wallets[Math.floor(next() * wallets.length)];
  const amount = () => formatMinorUnits(BigInt(1 + Math.floor(next() * 30_000)));
  const list: Operation[] = [];
  let transferCount = 0;
  while (transferCount < transfers) {
    const roll = next();
    if (roll < 0.08) list.push({ kind: "deposit", to: pick(), amount: amount() });
    else if (roll < 0.14) list.push({ kind: "withdrawal", from: pick(), amount: amount(), settle: next() < 0.5 });
    else {
      const from = pick();
      let to = pick();
      while (to.id === from.id) to = pick();
      list.push({ kind: "transfer", from, to, amount: amount() });
      transferCount++;
      // Every fourth pair also goes the other way at the same moment: A → B beside B → A.
      if (roll > 0.75 && transferCount < transfers) {
        list.push({ kind: "transfer", from: to, to: from, amount: amount() });
        transferCount++;
      }
    }
  }
  return list;
}

/** One transfer in a transaction of its own, refused as transfer() would refuse it. */
async function alone(customer: { userId: string }, item: BatchItem) {
  const [outcome] = await transferBatch(t.db, customer, [item]);
  if (!outcome.ok) throw new DomainError(outcome.error.code, outcome.error.message);
  return outcome.result;
}

describe("the ledger under concurrent load", () => {
  it(`runs ${transfers} random transfers with deposits and withdrawals on ${connections} connections and stays exact`, async () => {
    const expected = new Map<string, bigint>();
    for (const wallet of wallets) expected.set(wallet.id, cents("500.00"));
    const unexpected: unknown[] = [];
    let refusedForFunds = 0;
    let completed = 0;
    const queue = operations();
    let position = 0;

    const run = async (operation: Operation, index: number) => {
      if (operation.kind === "transfer") {
        const customer = { userId: operation.from.ownerId };
        const input = { from: operation.from.id, to: operation.to.accountNumber, amount: operation.amount };
        // Half through transfer(), whose concurrent calls share transactions (group commit), half
        // as one-item batches, a transaction each: both under load at once, up to 32 transactions.
        const result = index % 2 === 0 ? await transfer(t.db, customer, input, `t-${index}`) : await alone(customer, { ...input, idempotencyKey: `t-${index}` });
        expected.set(operation.from.id, expected.get(operation.from.id)! - cents(result.debited.amount) - cents(result.fee.amount));
        expected.set(operation.to.id, expected.get(operation.to.id)! + cents(result.credited.amount));
      } else if (operation.kind === "deposit") {
        await deposit(t.db, { accountNumber: operation.to.accountNumber, amount: operation.amount, currency: operation.to.currency, reference: `d-${index}` }, `d-${index}`);
        expected.set(operation.to.id, expected.get(operation.to.id)! + cents(operation.amount));
      } else {
        const hold = await requestWithdrawal(t.db, { userId: operation.from.ownerId }, { from: operation.from.id, amount: operation.amount }, `w-${index}`, 60);
        if (operation.settle) {
          await settleWithdrawal(t.db, hold.id);
          expected.set(operation.from.id, expected.get(operation.from.id)! - cents(operation.amount));
        } else {
          await cancelWithdrawal(t.db, hold.id);
        }
      }
      completed++;
    };

    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (position < queue.length) {
          const index = position++;
          try {
            await run(queue[index], index);
          } catch (error) {
            if (error instanceof DomainError && error.code === "INSUFFICIENT_FUNDS") refusedForFunds++;
            else unexpected.push(error);
          }
        }
      }),
    );

    expect(unexpected).toEqual([]);
    expect(completed + refusedForFunds).toBe(queue.length);
    // The load must really have contended: most operations went through, and some hit the floor.
    expect(completed).toBeGreaterThan(queue.length / 2);
    expect(refusedForFunds).toBeGreaterThan(0);

    const rows = await sql`select id, currency, balance from ledger_accounts where kind = 'wallet'`;
    for (const row of rows) {
      expect(BigInt(row.balance), `wallet ${row.id}`).toBe(expected.get(row.id));
      expect(BigInt(row.balance) >= 0n).toBe(true);
    }
    // Per currency, the wallets hold exactly what came in, less what left and the fees, plus what FX paid in.
    const totals = await sql`
      select p.currency, sum(p.amount)::text as total from ledger_postings p join ledger_accounts a on a.id = p.account_id
      where a.kind = 'wallet' group by p.currency order by p.currency`;
    const byCurrency = new Map<string, bigint>();
    for (const wallet of wallets) byCurrency.set(wallet.currency, (byCurrency.get(wallet.currency) ?? 0n) + expected.get(wallet.id)!);
    expect(totals.map((row) => [row.currency, BigInt(row.total)])).toEqual([...byCurrency.entries()].sort());

    const integrity = await checkIntegrity(t.db);
    expect(integrity.checks.filter((check) => !check.ok)).toEqual([]);
    expect(integrity.ok).toBe(true);
  }, 300_000);
});
