"use client";

import { DataTable, type DataTableColumn } from "@/components/data-table";

export type TransactionRow = {
  id: string;
  origin: string;
  destination: string;
  amount: string;
  dateTime: string;
};

const columns: DataTableColumn<TransactionRow>[] = [
  { id: "origin", accessorKey: "origin", header: "Origin (bank / branch / account)", enableSorting: false },
  { id: "destination", accessorKey: "destination", header: "Destination (bank / branch / account)", enableSorting: false },
  {
    id: "amount",
    accessorKey: "amount",
    header: "Amount (BRL)",
    enableSorting: false,
    cell: ({ row }) => <span className="font-mono tabular-nums">{row.original.amount}</span>,
  },
  { id: "dateTime", accessorKey: "dateTime", header: "Date-time", enableSorting: false },
];

export function TransactionsTable(props: { rows: TransactionRow[]; total: number; page: number; size: number }) {
  return <DataTable columns={columns} caption="Transactions" emptyMessage="This import stored no transactions." {...props} />;
}
