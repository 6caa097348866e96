"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { OpenCaseButton } from "./open-case-button";

type TableProps<Row> = {
  rows: Row[];
  total: number;
  page: number;
  size: number;
  sort: { id: string; desc: boolean };
  paramPrefix?: string;
  emptyMessage: string;
};

export type TransactionTableRow = {
  id: string;
  origin: string;
  originHref: string;
  destination: string;
  destinationHref: string;
  amount: string;
  dateTime: string;
};

const amountCell = (amount: string) => <span className="font-mono whitespace-nowrap tabular-nums">{amount}</span>;

const transactionColumns: DataTableColumn<TransactionTableRow>[] = [
  {
    id: "originBank",
    accessorKey: "origin",
    header: "Origin (bank / branch / account)",
    cell: ({ row }) => (
      <Link href={row.original.originHref} className="text-brand-700 hover:underline" title="Everything this account sent in the month">
        {row.original.origin}
      </Link>
    ),
  },
  {
    id: "destinationBank",
    accessorKey: "destination",
    header: "Destination (bank / branch / account)",
    cell: ({ row }) => (
      <Link href={row.original.destinationHref} className="text-brand-700 hover:underline" title="Everything this account received in the month">
        {row.original.destination}
      </Link>
    ),
  },
  { id: "amount", accessorKey: "amount", header: "Amount (BRL)", cell: ({ row }) => amountCell(row.original.amount) },
  { id: "occurredAt", accessorKey: "dateTime", header: "Date-time", cell: ({ row }) => <span className="whitespace-nowrap">{row.original.dateTime}</span> },
];

export function TransactionsTable(props: TableProps<TransactionTableRow>) {
  return <DataTable columns={transactionColumns} caption="Transactions" {...props} />;
}

export type FlowTableRow = {
  key: string;
  bank: string;
  branch: string;
  account?: string;
  direction: "in" | "out";
  total: string;
  count: number;
  href: string;
  /** What a case opened on this row names (lib/screening/cases.ts openCaseFromAnalysis). */
  caseFields: Record<string, string>;
};

const directionLabel = { out: "Sent (out)", in: "Received (in)" };

const flowColumns = (withAccount: boolean): DataTableColumn<FlowTableRow>[] => [
  { id: "bank", accessorKey: "bank", header: "Bank" },
  { id: "branch", accessorKey: "branch", header: "Branch" },
  ...(withAccount ? [{ id: "account", accessorKey: "account", header: "Account" } satisfies DataTableColumn<FlowTableRow>] : []),
  { id: "direction", accessorKey: "direction", header: "Direction", cell: ({ row }) => directionLabel[row.original.direction] },
  { id: "total", accessorKey: "total", header: "Total (BRL)", cell: ({ row }) => amountCell(row.original.total) },
  {
    id: "count",
    accessorKey: "count",
    header: "Transactions",
    cell: ({ row }) => (
      <Link href={row.original.href} className="text-brand-700 hover:underline" title="The transactions behind this total">
        {row.original.count.toLocaleString("en-US")} →
      </Link>
    ),
  },
  {
    id: "case",
    header: "Review",
    enableSorting: false,
    cell: ({ row }) => (
      <OpenCaseButton
        fields={row.original.caseFields}
        label={[row.original.bank, row.original.branch, row.original.account].filter(Boolean).join(" / ") + ` (${directionLabel[row.original.direction]})`}
      />
    ),
  },
];

const accountColumns = flowColumns(true);
const branchColumns = flowColumns(false);

export function AccountsTable(props: TableProps<FlowTableRow>) {
  return <DataTable columns={accountColumns} caption="Suspicious accounts" {...props} />;
}

export function BranchesTable(props: TableProps<FlowTableRow>) {
  return <DataTable columns={branchColumns} caption="Suspicious branches" {...props} />;
}
