"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";

export type ImportListRow = {
  id: string;
  transactionsDate: string;
  /** As shown, in the viewer's zone. */
  importedAt: string;
  importedBy: string;
  fileName: string;
  transactionCount: number;
  ignoredCount: number;
};

const columns: DataTableColumn<ImportListRow>[] = [
  {
    id: "transactionsDate",
    accessorKey: "transactionsDate",
    header: "Transactions date",
    cell: ({ row }) => (
      <Link href={`/imports/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.transactionsDate}
      </Link>
    ),
  },
  {
    id: "importedAt",
    accessorKey: "importedAt",
    header: "Imported at",
  },
  { id: "importedBy", accessorKey: "importedBy", header: "Imported by", enableSorting: false },
  { id: "fileName", accessorKey: "fileName", header: "File" },
  { id: "transactionCount", accessorKey: "transactionCount", header: "Stored" },
  { id: "ignoredCount", accessorKey: "ignoredCount", header: "Ignored", enableSorting: false },
];

export function ImportsTable(props: { rows: ImportListRow[]; total: number; page: number; size: number; sort: { id: string; desc: boolean } }) {
  return <DataTable columns={columns} caption="Imports" emptyMessage="No imports yet: import the first file." {...props} />;
}
