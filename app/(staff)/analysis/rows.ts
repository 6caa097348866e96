import type { FlowDirection } from "@/db/schema";
import type { Party } from "@/lib/analysis/queries";
import type { TransactionRow } from "@/lib/imports/queries";
import { formatGroupedMinorUnits } from "@/lib/money";
import type { FlowTableRow, TransactionTableRow } from "./analysis-tables";

/** The page listing what a party sent or received in a month. */
export function partyHref(month: string, party: Party): string {
  const params = new URLSearchParams({ month, direction: party.direction, bank: party.bank, branch: party.branch });
  if (party.account !== undefined) params.set("account", party.account);
  return `/analysis/transactions?${params}`;
}

export function transactionTableRow(month: string, row: TransactionRow): TransactionTableRow {
  return {
    id: String(row.id),
    origin: `${row.originBank} / ${row.originBranch} / ${row.originAccount}`,
    originHref: partyHref(month, { direction: "out", bank: row.originBank, branch: row.originBranch, account: row.originAccount }),
    destination: `${row.destinationBank} / ${row.destinationBranch} / ${row.destinationAccount}`,
    destinationHref: partyHref(month, {
      direction: "in",
      bank: row.destinationBank,
      branch: row.destinationBranch,
      account: row.destinationAccount,
    }),
    amount: formatGroupedMinorUnits(row.amount),
    dateTime: row.occurredAt.replace(" ", "T"),
  };
}

export function flowTableRow(
  month: string,
  row: { bank: string; branch: string; account?: string; direction: FlowDirection; total: bigint; count: number },
): FlowTableRow {
  return {
    key: [row.bank, row.branch, row.account ?? "", row.direction].join("\u0000"),
    bank: row.bank,
    branch: row.branch,
    account: row.account,
    direction: row.direction,
    total: formatGroupedMinorUnits(row.total),
    count: row.count,
    href: partyHref(month, row),
    caseFields: {
      month,
      kind: row.account === undefined ? "branch" : "account",
      direction: row.direction,
      bank: row.bank,
      branch: row.branch,
      ...(row.account === undefined ? {} : { account: row.account }),
    },
  };
}
