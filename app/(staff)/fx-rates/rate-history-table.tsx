"use client";

import { DataTable, type DataTableColumn } from "@/components/data-table";

export type RateHistoryRow = { id: number; rate: string; source: string; at: string; by: string };

const columns: DataTableColumn<RateHistoryRow>[] = [
  { id: "at", accessorKey: "at", header: "Set at", enableSorting: false },
  { id: "rate", accessorKey: "rate", header: "Rate", enableSorting: false, cell: ({ row }) => <span className="font-mono tabular-nums">{row.original.rate}</span> },
  { id: "source", accessorKey: "source", header: "Source", enableSorting: false },
  { id: "by", accessorKey: "by", header: "Set by", enableSorting: false },
];

export function RateHistoryTable({ pair, ...props }: { rows: RateHistoryRow[]; total: number; page: number; size: number; pair: string }) {
  return <DataTable columns={columns} caption={`Rates of ${pair}, newest first`} emptyMessage={`No rates recorded for ${pair}.`} {...props} />;
}
