import type { HistoryLine } from "./wallets";

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
