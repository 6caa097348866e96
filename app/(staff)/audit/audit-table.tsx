"use client";

import { DataTable, type DataTableColumn } from "@/components/data-table";

export type AuditRow = {
  id: number;
  /** ISO 8601, for the <time> element; `shownAt` is for the eye. */
  at: string;
  shownAt: string;
  actor: string;
  action: string;
  target: string;
  ip: string;
  details: string;
};

const columns: DataTableColumn<AuditRow>[] = [
  {
    id: "at",
    accessorKey: "at",
    header: "Time",
    enableSorting: false,
    cell: ({ row }) => <time dateTime={row.original.at}>{row.original.shownAt}</time>,
  },
  { id: "actor", accessorKey: "actor", header: "Actor", enableSorting: false },
  {
    id: "action",
    accessorKey: "action",
    header: "Action",
    enableSorting: false,
    cell: ({ row }) => <code className="text-xs">{row.original.action}</code>,
  },
  { id: "target", accessorKey: "target", header: "Target", enableSorting: false },
  { id: "ip", accessorKey: "ip", header: "IP", enableSorting: false },
  {
    id: "details",
    accessorKey: "details",
    header: "What changed",
    enableSorting: false,
    cell: ({ row }) => <code className="block max-w-md text-xs break-all text-slate-600">{row.original.details}</code>,
  },
];

export function AuditTable(props: { rows: AuditRow[]; total: number; page: number; size: number }) {
  return <DataTable columns={columns} caption="Audit log" emptyMessage="No event matches these filters." {...props} />;
}
