"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import { CaseStatusBadge } from "./status-badge";

export type CaseTableRow = {
  id: string;
  number: number;
  title: string;
  status: string;
  escalated: boolean;
  openedAt: string;
  parties: string;
  amount: string;
  rules: string;
  assignee: string;
};

const columns: DataTableColumn<CaseTableRow>[] = [
  {
    id: "number",
    header: "Case",
    enableSorting: false,
    cell: ({ row }) => (
      <Link href={`/cases/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        #{row.original.number} {row.original.title}
      </Link>
    ),
  },
  { id: "openedAt", accessorKey: "openedAt", header: "Opened", enableSorting: false, cell: ({ row }) => <span className="whitespace-nowrap">{row.original.openedAt}</span> },
  { id: "parties", accessorKey: "parties", header: "Sender → recipient", enableSorting: false },
  {
    id: "amount",
    accessorKey: "amount",
    header: "Amount",
    enableSorting: false,
    cell: ({ row }) => <span className="font-mono whitespace-nowrap tabular-nums">{row.original.amount}</span>,
  },
  { id: "rules", accessorKey: "rules", header: "Matched rules", enableSorting: false },
  { id: "assignee", accessorKey: "assignee", header: "Assignee", enableSorting: false },
  {
    id: "status",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) => <CaseStatusBadge status={row.original.status} escalated={row.original.escalated} />,
  },
];

export function CasesTable(props: { rows: CaseTableRow[]; total: number; page: number; size: number; emptyMessage: string }) {
  return <DataTable columns={columns} caption="Cases" {...props} />;
}
