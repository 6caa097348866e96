"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";

export type CustomerRow = { id: string; name: string; email: string; walletCount: number; totals: string[] };

const columns: DataTableColumn<CustomerRow>[] = [
  {
    id: "name",
    accessorKey: "name",
    header: "Name",
    enableSorting: false,
    cell: ({ row }) => (
      <Link href={`/customers/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.name}
      </Link>
    ),
  },
  { id: "email", accessorKey: "email", header: "Email", enableSorting: false },
  { id: "wallets", accessorKey: "walletCount", header: "Wallets", enableSorting: false },
  {
    id: "totals",
    header: "Balance per currency",
    enableSorting: false,
    cell: ({ row }) => (
      <ul className="font-mono tabular-nums">
        {row.original.totals.map((total) => (
          <li key={total} className="whitespace-nowrap">
            {total}
          </li>
        ))}
      </ul>
    ),
  },
];

export function CustomersTable(props: { rows: CustomerRow[]; total: number; page: number; size: number; emptyMessage: string }) {
  return <DataTable columns={columns} caption="Customers" {...props} />;
}
