"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";

export type DeliveryRow = {
  id: string;
  event: string;
  movement: { kind: string; amount: string; transferId: string; sender: { href: string; name: string } | null } | null;
  /** ISO 8601, for the <time> elements; the `shown` ones are for the eye, in the viewer's zone. */
  createdAt: string;
  shownCreatedAt: string;
  lastAttemptAt: string | null;
  shownLastAttemptAt: string | null;
  attempts: number;
  state: string;
  /** Delivered, or the next try or why there is none. */
  stateDetail: string;
  answer: string;
};

const stateStyles: Record<string, string> = {
  delivered: "bg-emerald-50 text-emerald-800",
  retrying: "bg-amber-50 text-amber-800",
  "given up": "bg-red-50 text-red-800",
};

const columns: DataTableColumn<DeliveryRow>[] = [
  {
    id: "event",
    accessorKey: "event",
    header: "Event",
    enableSorting: false,
    cell: ({ row }) => (
      <>
        <code className="text-xs">{row.original.event}</code>
        <div className="text-xs text-slate-500">Delivery {row.original.id}</div>
      </>
    ),
  },
  {
    id: "movement",
    header: "Movement",
    enableSorting: false,
    cell: ({ row }) => {
      const movement = row.original.movement;
      if (!movement) return <span className="text-slate-500">—</span>;
      return (
        <>
          <div className="whitespace-nowrap">
            <span className="capitalize">{movement.kind}</span> <span className="font-mono tabular-nums">{movement.amount}</span>
          </div>
          {movement.sender && (
            <Link href={movement.sender.href} className="text-brand-700 hover:underline">
              {movement.sender.name}
            </Link>
          )}
          <div className="font-mono text-xs break-all text-slate-500">{movement.transferId}</div>
        </>
      );
    },
  },
  {
    id: "createdAt",
    header: "Created",
    enableSorting: false,
    cell: ({ row }) => <time dateTime={row.original.createdAt} className="whitespace-nowrap">{row.original.shownCreatedAt}</time>,
  },
  {
    id: "lastAttemptAt",
    header: "Last attempt",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.lastAttemptAt ? (
        <time dateTime={row.original.lastAttemptAt} className="whitespace-nowrap">
          {row.original.shownLastAttemptAt}
        </time>
      ) : (
        <span className="text-slate-500">Never</span>
      ),
  },
  { id: "attempts", accessorKey: "attempts", header: "Attempts", enableSorting: false },
  {
    id: "state",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) => (
      <>
        <span className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${stateStyles[row.original.state] ?? "bg-slate-100 text-slate-700"}`}>
          {row.original.state}
        </span>
        {row.original.stateDetail && <div className="mt-1 text-xs text-slate-500">{row.original.stateDetail}</div>}
      </>
    ),
  },
  {
    id: "answer",
    accessorKey: "answer",
    header: "Last answer",
    enableSorting: false,
    cell: ({ row }) => <span className="block max-w-xs text-xs break-words text-slate-600">{row.original.answer}</span>,
  },
];

export function WebhooksTable(props: { rows: DeliveryRow[]; total: number; page: number; size: number; emptyMessage: string }) {
  return <DataTable columns={columns} caption="Webhook deliveries" {...props} />;
}
