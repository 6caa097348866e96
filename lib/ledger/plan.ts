import { randomUUID } from "node:crypto";
import type { ErrorCode } from "@/lib/errors";
import type { LedgerTransferKind, LedgerTransferStatus } from "@/db/schema";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import type { Decision, Subject } from "@/lib/screening/engine";

// The ledger's one set of rules for moving money, as a pure function: the locked wallets' state
// and the movements asked for in, each movement's outcome and every row to write out. post()
// writes what it returns; nothing here touches the database or the clock.

/** A wallet as locked for movements: `held` is what its holds keep (see available.ts). */
/**
 * `ownerVerified`: the owner confirmed their email (lib/users/signup.ts); until then the wallet can
 * receive but not spend. `closed`: its owner closed their account; it neither spends nor receives.
 */
export type WalletState = { id: string; currency: string; balance: bigint; held: bigint; frozen: boolean; closed: boolean; ownerVerified: boolean };

export type Posting = { accountId: string; amount: bigint; currency: string; purpose: "principal" | "fee" };

export type ItemError = { code: ErrorCode; message: string; field?: string; reference?: string };
export type Outcome<R> = { ok: true; result: R } | { ok: false; error: ItemError };

export type NewTransfer = {
  kind: LedgerTransferKind;
  status: LedgerTransferStatus;
  fromAccountId: string | null;
  toAccountId: string | null;
  debit: { amount: bigint; currency: string };
  credit: { amount: bigint; currency: string };
  fee: bigint;
  rate?: { value: string; base: string; source: string; at: Date } | null;
  reference?: string | null;
  requestedBy: string | null;
  /** A hold's life: it lapses this many minutes after the database's now(). */
  holdMinutes?: number | null;
  /** What screening decided (lib/screening), when a rule set was in force. */
  screening?: Decision | null;
};

/**
 * A held movement moves on: a withdrawal settled (its money leaves with `lines`) or cancelled (its
 * hold is released); one screening held, released by staff (a transfer completes with `lines`, a
 * withdrawal becomes pending for `holdMinutes`) or rejected (its hold is released). `held` is
 * what stops being held.
 */
export type Finish = {
  id: string;
  status: "settled" | "cancelled" | "completed" | "pending" | "rejected";
  walletId: string;
  held: bigint;
  holdMinutes?: number | null;
};

/** What a movement takes from its paying wallet. */
export type Spend = { walletId: string; amount: bigint; verb: "send money" | "withdraw" };

export type Movement<R> = {
  /** A new transfer row, or the end of a pending one. */
  write: { insert: NewTransfer } | { finish: Finish };
  /**
   * The wallet paying, checked before anything moves: not frozen (`verb` says what it can't do),
   * and with at least `amount` available. A pending transfer holds that amount instead of moving it.
   */
  spends?: Spend;
  /** The postings; each currency's lines sum to zero. */
  lines: Posting[];
  /** What screening looks at, for a movement it screens (a customer's transfer or withdrawal). */
  screen?: Subject;
  /** The answer, given the transfer's id and status (a screened movement may be held for review). */
  answer: (id: string, status: LedgerTransferStatus) => R;
};

/**
 * Decides on a screened movement, given those of the same wallet accepted before it in the plan
 * (see lib/screening/engine.ts). `index` is the movement's place in the plan's list.
 */
export type Screener = (subject: Subject, index: number, earlier: Subject[]) => Decision;

/** What a customer is told of a movement screening refused: nothing of why, only the support reference. */
export const blockedError = (id: string): ItemError => ({
  code: "TRANSFER_BLOCKED",
  message: `This can't be done. If you think it should, contact support with the reference ${id}.`,
  reference: id,
});

export type PlannedTransfer = NewTransfer & { id: string };
export type PlannedPosting = Posting & { transferId: string; balanceAfter: bigint | null };

export type Plan<R> = {
  outcomes: Array<Outcome<R>>;
  inserts: PlannedTransfer[];
  finishes: Finish[];
  postings: PlannedPosting[];
  /** The wallets whose balance moved, with their new balance. */
  balances: Array<{ id: string; balance: bigint }>;
};

/** A transfer's lines must sum to zero in each currency: checked before anything is written. */
export function assertBalanced(transferId: string, postings: Posting[]): void {
  const sums = new Map<string, bigint>();
  for (const line of postings) sums.set(line.currency, (sums.get(line.currency) ?? 0n) + line.amount);
  for (const [currency, sum] of sums) if (sum !== 0n) throw new Error(`Unbalanced transfer ${transferId}: ${currency} lines sum to ${sum}`);
}

const amountText = (amount: bigint, currency: string) => formatMinorUnits(amount, currencyScale(currency));

/** Why `wallet` can't pay what `spends` asks (frozen, not enough available), or null when it can. */
export function spendRefusal(wallet: WalletState | undefined, spends: Spend): ItemError | null {
  if (!wallet || wallet.closed) return { code: "NOT_FOUND", message: "No such wallet.", field: "from" };
  if (!wallet.ownerVerified) {
    return { code: "EMAIL_NOT_VERIFIED", message: `Confirm your email first: open the link we sent you, then you can ${spends.verb}.`, field: "from" };
  }
  if (wallet.frozen) return { code: "WALLET_FROZEN", message: `This wallet is frozen: it can't ${spends.verb}. Contact support.`, field: "from" };
  const available = wallet.balance - wallet.held;
  if (available < spends.amount) {
    return { code: "INSUFFICIENT_FUNDS", message: `Not enough money: ${amountText(available, wallet.currency)} ${wallet.currency} available.`, field: "amount" };
  }
  return null;
}

/** A movement paying into a closed wallet is refused: its owner can no longer see or use it. */
function receiveRefusal(wallets: ReadonlyMap<string, WalletState>, lines: Posting[]): ItemError | null {
  const closed = lines.some((line) => line.amount > 0n && wallets.get(line.accountId)?.closed);
  return closed ? { code: "UNKNOWN_RECIPIENT", message: "This account is closed: it can't receive money.", field: "to" } : null;
}

/**
 * Applies `movements` in order to the wallets (left as they are: the plan works on copies). A
 * movement refused (frozen, insufficient funds) or already an error moves nothing; the others go
 * on, each seeing what the ones before it did. With a `screener`, a screened movement the wallet
 * can pay is then decided on: allowed, it goes as asked; sent to review, it is written held
 * (pending_review: its money held, nothing moved); blocked, it is written without money, as the
 * reference its refusal gives.
 */
export function plan<R>(
  locked: ReadonlyMap<string, WalletState>,
  movements: Array<Movement<R> | ItemError>,
  newId: () => string = randomUUID,
  screener?: Screener,
): Plan<R> {
  const wallets = new Map([...locked].map(([id, wallet]) => [id, { ...wallet }]));
  const result: Plan<R> = { outcomes: [], inserts: [], finishes: [], postings: [], balances: [] };
  const moved = new Set<string>();
  const accepted: Subject[] = [];
  movements.forEach((movement, index) => {
    if ("code" in movement) {
      result.outcomes.push({ ok: false, error: movement });
      return;
    }
    const refused = (movement.spends && spendRefusal(wallets.get(movement.spends.walletId), movement.spends)) || receiveRefusal(wallets, movement.lines);
    if (refused) {
      result.outcomes.push({ ok: false, error: refused });
      return;
    }
    const id = "insert" in movement.write ? newId() : movement.write.finish.id;
    assertBalanced(id, movement.lines);
    const decision = screener && movement.screen && "insert" in movement.write ? screener(movement.screen, index, accepted) : null;
    if (decision && "insert" in movement.write && decision.outcome !== "allow") {
      const held = decision.outcome === "review";
      result.inserts.push({ ...movement.write.insert, id, status: held ? "pending_review" : "blocked", screening: decision });
      if (!held) {
        result.outcomes.push({ ok: false, error: blockedError(id) });
        return;
      }
      accepted.push(movement.screen!);
      if (movement.spends) wallets.get(movement.spends.walletId)!.held += movement.spends.amount;
      result.outcomes.push({ ok: true, result: movement.answer(id, "pending_review") });
      return;
    }
    if (movement.screen) accepted.push(movement.screen);
    if ("insert" in movement.write) {
      result.inserts.push({ ...movement.write.insert, id, ...(decision ? { screening: decision } : {}) });
      if (movement.write.insert.status === "pending" && movement.spends) wallets.get(movement.spends.walletId)!.held += movement.spends.amount;
    } else {
      const finish = movement.write.finish;
      result.finishes.push(finish);
      const wallet = wallets.get(finish.walletId);
      if (wallet) wallet.held -= finish.held;
    }
    for (const line of movement.lines) {
      const wallet = wallets.get(line.accountId);
      if (wallet) {
        wallet.balance += line.amount;
        moved.add(wallet.id);
      }
      result.postings.push({ ...line, transferId: id, balanceAfter: wallet ? wallet.balance : null });
    }
    result.outcomes.push({ ok: true, result: movement.answer(id, "insert" in movement.write ? movement.write.insert.status : movement.write.finish.status) });
  });
  result.balances = [...moved].map((id) => ({ id, balance: wallets.get(id)!.balance }));
  return result;
}

/** System accounts a movement books against, by `${kind}:${currency}`. */
export type SystemAccounts = ReadonlyMap<string, string>;

export type TransferQuoteLike = {
  from: { id: string; currency: string };
  to: { id: string; currency: string };
  amount: bigint;
  fee: bigint;
  credited: bigint;
  rate: { rate: string; base: string; source: string; at: Date } | null;
};

/** A transfer's postings: the amount (converted through the FX accounts across currencies) and the fee. */
function transferLines(quote: Omit<TransferQuoteLike, "rate"> & { converted: boolean }, systems: SystemAccounts): Posting[] {
  const { from, to, amount, fee, credited } = quote;
  const system = (kind: string, currency: string) => systems.get(`${kind}:${currency}`)!;
  const lines: Posting[] = [{ accountId: from.id, amount: -amount, currency: from.currency, purpose: "principal" }];
  if (quote.converted) {
    lines.push({ accountId: system("fx", from.currency), amount, currency: from.currency, purpose: "principal" });
    lines.push({ accountId: system("fx", to.currency), amount: -credited, currency: to.currency, purpose: "principal" });
  }
  lines.push({ accountId: to.id, amount: credited, currency: to.currency, purpose: "principal" });
  if (fee > 0n) {
    lines.push({ accountId: from.id, amount: -fee, currency: from.currency, purpose: "fee" });
    lines.push({ accountId: system("fees", from.currency), amount: fee, currency: from.currency, purpose: "fee" });
  }
  return lines;
}

/** A customer's transfer, screened when a rule set is in force: what transferLines() posts, from the sender's available money. */
export function transferMovement<R>(quote: TransferQuoteLike, requestedBy: string, systems: SystemAccounts, answer: (id: string, status: LedgerTransferStatus) => R): Movement<R> {
  const { from, to, amount, fee, credited, rate } = quote;
  return {
    write: {
      insert: {
        kind: "transfer",
        status: "completed",
        fromAccountId: from.id,
        toAccountId: to.id,
        debit: { amount, currency: from.currency },
        credit: { amount: credited, currency: to.currency },
        fee,
        rate: rate ? { value: rate.rate, base: rate.base, source: rate.source, at: rate.at } : null,
        requestedBy,
      },
    },
    spends: { walletId: from.id, amount: amount + fee, verb: "send money" },
    lines: transferLines({ ...quote, converted: rate !== null }, systems),
    screen: { kind: "transfer", fromWalletId: from.id, toWalletId: to.id, amount, currency: from.currency, creditCurrency: to.currency },
    answer,
  };
}

/** Money the payment provider received: from its settlement account into the wallet. */
export function depositMovement<R>(wallet: { id: string; currency: string }, amount: bigint, settlement: string, reference: string, answer: (id: string, status: LedgerTransferStatus) => R): Movement<R> {
  return {
    write: {
      insert: {
        kind: "deposit",
        status: "completed",
        fromAccountId: null,
        toAccountId: wallet.id,
        debit: { amount, currency: wallet.currency },
        credit: { amount, currency: wallet.currency },
        fee: 0n,
        reference,
        requestedBy: null,
      },
    },
    lines: [
      { accountId: settlement, amount: -amount, currency: wallet.currency, purpose: "principal" },
      { accountId: wallet.id, amount, currency: wallet.currency, purpose: "principal" },
    ],
    answer,
  };
}

/** A withdrawal asked for: the amount is held, nothing moves yet. */
export function withdrawalMovement<R>(
  wallet: { id: string; currency: string },
  amount: bigint,
  requestedBy: string,
  holdMinutes: number,
  answer: (id: string, status: LedgerTransferStatus) => R,
): Movement<R> {
  return {
    write: {
      insert: {
        kind: "withdrawal",
        status: "pending",
        fromAccountId: wallet.id,
        toAccountId: null,
        debit: { amount, currency: wallet.currency },
        credit: { amount, currency: wallet.currency },
        fee: 0n,
        requestedBy,
        holdMinutes,
      },
    },
    spends: { walletId: wallet.id, amount, verb: "withdraw" },
    lines: [],
    screen: { kind: "withdrawal", fromWalletId: wallet.id, toWalletId: null, amount, currency: wallet.currency, creditCurrency: wallet.currency },
    answer,
  };
}

/** A pending withdrawal ends: settled, its held money leaves for the settlement account; cancelled, the hold is released. */
export function finishMovement<R>(
  withdrawal: { id: string; walletId: string; amount: bigint; fee: bigint; currency: string },
  status: "settled" | "cancelled",
  settlement: string,
  answer: (id: string, status: LedgerTransferStatus) => R,
): Movement<R> {
  const { id, walletId, amount, currency } = withdrawal;
  return {
    write: { finish: { id, status, walletId, held: amount + withdrawal.fee } },
    lines:
      status === "settled"
        ? [
            { accountId: walletId, amount: -amount, currency, purpose: "principal" },
            { accountId: settlement, amount, currency, purpose: "principal" },
          ]
        : [],
    answer,
  };
}

/** A movement screening held, as stored: enough to complete it as it was quoted. */
export type HeldMovement = {
  id: string;
  kind: "transfer" | "withdrawal";
  from: { id: string; currency: string };
  to: { id: string; currency: string } | null;
  amount: bigint;
  fee: bigint;
  credited: bigint;
  converted: boolean;
};

/**
 * Staff decide on a held movement. Released, a transfer completes at its quoted rate and fee
 * (its hold becomes the postings) and a withdrawal becomes pending for `holdMinutes`, as if just
 * asked for, its hold kept; rejected, the hold is released.
 */
export function decisionMovement<R>(
  held: HeldMovement,
  decision: "release" | "reject",
  systems: SystemAccounts,
  holdMinutes: number,
  answer: (id: string, status: LedgerTransferStatus) => R,
): Movement<R> {
  const { id, from, amount, fee } = held;
  if (decision === "reject") return { write: { finish: { id, status: "rejected", walletId: from.id, held: amount + fee } }, lines: [], answer };
  if (held.kind === "withdrawal") return { write: { finish: { id, status: "pending", walletId: from.id, held: 0n, holdMinutes } }, lines: [], answer };
  return {
    write: { finish: { id, status: "completed", walletId: from.id, held: amount + fee } },
    lines: transferLines({ ...held, to: held.to!, converted: held.converted }, systems),
    answer,
  };
}
