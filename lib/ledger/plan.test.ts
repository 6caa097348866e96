import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { depositMovement, finishMovement, plan, transferMovement, withdrawalMovement, type Movement, type WalletState } from "./plan";

// The planner is pure: these tests give it wallets and movements and read what it decides, with
// no database. The database tests (concurrency, idempotency, group commit) prove post() writes it.

const systems = new Map([
  ["fx:BRL", "fx-brl"],
  ["fx:USD", "fx-usd"],
  ["fees:BRL", "fees-brl"],
  ["fees:USD", "fees-usd"],
]);
const wallet = (id: string, currency: string, balance: bigint, held = 0n, frozen = false, ownerVerified = true, closed = false): WalletState => ({
  id,
  currency,
  balance,
  held,
  frozen,
  closed,
  ownerVerified,
});
const ids = () => {
  let next = 0;
  return () => `t${++next}`;
};
const answer = (id: string) => id;

function send(from: WalletState, to: WalletState, amount: bigint, fee = 0n, credited = amount): Movement<string> {
  const rate = from.currency === to.currency ? null : { rate: "0.2", base: from.currency, source: "test", at: new Date(0) };
  return transferMovement({ from, to, amount, fee, credited, rate }, "user", systems, answer);
}

describe("plan", () => {
  it("books a transfer across currencies through the FX accounts, the fee to the fee account, each currency balanced", () => {
    const alice = wallet("alice", "BRL", 10_000n);
    const bob = wallet("bob", "USD", 0n);
    const planned = plan(new Map([[alice.id, alice], [bob.id, bob]]), [send(alice, bob, 5_000n, 100n, 1_000n)], ids());
    expect(planned.outcomes).toEqual([{ ok: true, result: "t1" }]);
    expect(planned.postings.map((line) => [line.accountId, line.amount, line.balanceAfter])).toEqual([
      ["alice", -5_000n, 5_000n],
      ["fx-brl", 5_000n, null],
      ["fx-usd", -1_000n, null],
      ["bob", 1_000n, 1_000n],
      ["alice", -100n, 4_900n],
      ["fees-brl", 100n, null],
    ]);
    expect(planned.balances).toEqual([{ id: "alice", balance: 4_900n }, { id: "bob", balance: 1_000n }]);
    // The locked state it was given is left as it was.
    expect(alice.balance).toBe(10_000n);
  });

  it("refuses a frozen payer and one short of amount plus fee, with one message each, and goes on with the rest", () => {
    const alice = wallet("alice", "BRL", 1_000n);
    const frozen = wallet("frozen", "BRL", 1_000n, 0n, true);
    const bob = wallet("bob", "BRL", 0n);
    const locked = new Map([alice, frozen, bob].map((entry) => [entry.id, entry]));
    const planned = plan(locked, [send(frozen, bob, 10n), send(alice, bob, 1_000n, 1n), send(alice, bob, 999n, 1n)], ids());
    expect(planned.outcomes).toEqual([
      { ok: false, error: { code: "WALLET_FROZEN", message: "This wallet is frozen: it can't send money. Contact support.", field: "from" } },
      { ok: false, error: { code: "INSUFFICIENT_FUNDS", message: "Not enough money: 10.00 BRL available.", field: "amount" } },
      { ok: true, result: "t1" },
    ]);
    expect(planned.inserts).toHaveLength(1);
  });

  it("lets a wallet whose owner has not confirmed their email receive but not spend", () => {
    const newcomer = wallet("newcomer", "BRL", 1_000n, 0n, false, false);
    const alice = wallet("alice", "BRL", 1_000n);
    const locked = new Map([newcomer, alice].map((entry) => [entry.id, entry]));
    const planned = plan(locked, [send(newcomer, alice, 10n), withdrawalMovement(newcomer, 10n, "user", 60, answer), send(alice, newcomer, 10n)], ids());
    const refusal = (verb: string) => ({
      ok: false,
      error: { code: "EMAIL_NOT_VERIFIED", message: `Confirm your email first: open the link we sent you, then you can ${verb}.`, field: "from" },
    });
    expect(planned.outcomes).toEqual([refusal("send money"), refusal("withdraw"), { ok: true, result: "t1" }]);
    expect(planned.balances).toContainEqual({ id: "newcomer", balance: 1_010n });
  });

  it("counts a withdrawal's hold against what later movements may spend, and releases it when the withdrawal ends", () => {
    const alice = wallet("alice", "BRL", 1_000n, 300n);
    const bob = wallet("bob", "BRL", 0n);
    const locked = new Map([alice, bob].map((entry) => [entry.id, entry]));
    const held = plan(locked, [withdrawalMovement(alice, 500n, "user", 60, answer), send(alice, bob, 201n)], ids());
    expect(held.outcomes[0]).toEqual({ ok: true, result: "t1" });
    expect(held.outcomes[1]).toMatchObject({ ok: false, error: { code: "INSUFFICIENT_FUNDS", message: "Not enough money: 2.00 BRL available." } });
    // A hold moves no money: no postings, no balance.
    expect(held.postings).toEqual([]);

    const withdrawal = { id: "w1", walletId: "alice", amount: 300n, fee: 0n, currency: "BRL" };
    const cancelled = plan(locked, [finishMovement(withdrawal, "cancelled", "settlement-brl", answer), send(alice, bob, 1_000n)], ids());
    expect(cancelled.outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    const settled = plan(locked, [finishMovement(withdrawal, "settled", "settlement-brl", answer), send(alice, bob, 701n)], ids());
    expect(settled.outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
    expect(settled.finishes).toEqual([{ id: "w1", status: "settled", walletId: "alice", held: 300n }]);
    expect(settled.balances).toEqual([{ id: "alice", balance: 700n }]);
  });

  it("throws on a movement whose lines do not balance, before anything is planned for it", () => {
    const alice = wallet("alice", "BRL", 1_000n);
    const bob = wallet("bob", "USD", 0n);
    // Same currencies on both sides but a different credit: no FX lines to absorb it.
    const broken = transferMovement({ from: alice, to: { ...bob, currency: "BRL" }, amount: 10n, fee: 0n, credited: 11n, rate: null }, "user", systems, answer);
    expect(() => plan(new Map([[alice.id, alice]]), [broken], ids())).toThrow(/Unbalanced transfer t1: BRL lines sum to 1/);
  });

  // A reference written the plain way: one movement at a time, checked against a running
  // balance and hold per wallet. The planner must agree with it on every outcome and balance.
  const operation = fc.oneof(
    fc.record({ kind: fc.constant("send" as const), from: fc.nat(3), to: fc.nat(3), amount: fc.bigInt({ min: 1n, max: 5_000n }), fee: fc.bigInt({ min: 0n, max: 50n }) }),
    fc.record({ kind: fc.constant("deposit" as const), to: fc.nat(3), amount: fc.bigInt({ min: 1n, max: 5_000n }) }),
    fc.record({ kind: fc.constant("withdraw" as const), from: fc.nat(3), amount: fc.bigInt({ min: 1n, max: 5_000n }) }),
  );
  const start = fc.array(fc.record({ balance: fc.bigInt({ min: 0n, max: 10_000n }), frozen: fc.boolean() }), { minLength: 4, maxLength: 4 });

  it("agrees with a one-at-a-time reference on every outcome, keeps each currency balanced and never spends more than is available", () => {
    fc.assert(
      fc.property(start, fc.array(operation, { maxLength: 60 }), (initial, operations) => {
        const wallets = initial.map((entry, i) => wallet(`w${i}`, "BRL", entry.balance, 0n, entry.frozen));
        const locked = new Map(wallets.map((entry) => [entry.id, entry]));
        const movements = operations.map((op): Movement<string> => {
          if (op.kind === "deposit") return depositMovement(wallets[op.to], op.amount, "settlement-brl", "ref", answer);
          if (op.kind === "withdraw") return withdrawalMovement(wallets[op.from], op.amount, "user", 60, answer);
          return send(wallets[op.from], wallets[op.to === op.from ? (op.to + 1) % 4 : op.to], op.amount, op.fee);
        });
        const planned = plan(locked, movements, ids());

        const balance = wallets.map((entry) => entry.balance);
        const held = wallets.map(() => 0n);
        const expected = operations.map((op) => {
          if (op.kind === "deposit") {
            balance[op.to] += op.amount;
            return true;
          }
          const spent = op.kind === "send" ? op.amount + op.fee : op.amount;
          if (wallets[op.from].frozen || balance[op.from] - held[op.from] < spent) return false;
          if (op.kind === "withdraw") held[op.from] += spent;
          else {
            balance[op.from] -= spent;
            balance[op.to === op.from ? (op.to + 1) % 4 : op.to] += op.amount;
          }
          return true;
        });
        expect(planned.outcomes.map((outcome) => outcome.ok)).toEqual(expected);

        const final = new Map(planned.balances.map((entry) => [entry.id, entry.balance]));
        wallets.forEach((entry, i) => {
          expect(final.get(entry.id) ?? entry.balance).toBe(balance[i]);
          expect(balance[i] - held[i]).toBeGreaterThanOrEqual(0n);
        });
        // Every line is booked: the postings of all movements sum to zero, system accounts included.
        expect(planned.postings.reduce((sum, line) => sum + line.amount, 0n)).toBe(0n);
        expect(planned.inserts).toHaveLength(expected.filter(Boolean).length);
      }),
      { numRuns: 2_000 },
    );
  });
});
