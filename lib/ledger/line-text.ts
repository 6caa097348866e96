import type { HistoryLine, UnpostedMovement } from "./wallets";

/** What a line is, as a customer says it. */
export function lineLabel(line: HistoryLine): string {
  if (line.purpose === "fee") return "Fee";
  if (line.kind === "transfer") return line.amount > 0n ? "Received" : "Sent";
  if (line.kind === "deposit") return "Deposit";
  if (line.kind === "withdrawal") return "Withdrawal";
  return line.kind;
}

/** Who or what is on the other side of a line: a person by account number and name. */
export function lineCounterparty(line: HistoryLine): string | null {
  if (line.purpose === "fee") return "Ledgerwatch fee";
  if (line.counterparty) {
    const direction = line.amount > 0n ? "from" : "to";
    return line.counterpartyName ? `${direction} ${line.counterparty} (${line.counterpartyName})` : `${direction} ${line.counterparty}`;
  }
  return line.reference;
}

const unpostedLabels: Record<UnpostedMovement["status"], string> = {
  pending_review: "Under review",
  rejected: "Rejected after review",
  blocked: "Not made",
};

const unpostedNotes: Record<UnpostedMovement["status"], string> = {
  pending_review: "The money is held until we have checked it.",
  rejected: "Not made: the held money is available again.",
  blocked: "Not made: nothing left your wallet.",
};

/** What a movement that made no line is, as the sender says it: "Transfer under review". */
export function unpostedLabel(movement: UnpostedMovement): string {
  const kind = movement.kind === "transfer" ? "Transfer" : "Withdrawal";
  return `${kind} ${unpostedLabels[movement.status].toLowerCase()}`;
}

/** Where it was going, and what became of the money. */
export function unpostedDetail(movement: UnpostedMovement): { counterparty: string | null; note: string } {
  const counterparty = movement.counterparty
    ? `to ${movement.counterparty}${movement.counterpartyName ? ` (${movement.counterpartyName})` : ""}`
    : null;
  return { counterparty, note: unpostedNotes[movement.status] };
}

export type HistoryEntry = { line: HistoryLine; movement?: never } | { movement: UnpostedMovement; line?: never };

/** A page's lines and its movements without lines, newest first, as one list. */
export function historyEntries(lines: HistoryLine[], movements: UnpostedMovement[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [...lines.map((line) => ({ line })), ...movements.map((movement) => ({ movement }))];
  const at = (entry: HistoryEntry) => (entry.line ?? entry.movement).at.getTime();
  // Stable: lines keep their order among themselves.
  return entries.sort((a, b) => at(b) - at(a));
}
