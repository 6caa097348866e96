"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/data-table";
import type { UserRole } from "@/db/schema";
import { roleLabels } from "./roles";

/** `createdAt` is ISO 8601, for the <time> element; `created` is the day as shown. */
export type UserRow = { id: string; name: string; email: string; role: UserRole; createdAt: string; created: string; locked: boolean };

const columns: DataTableColumn<UserRow>[] = [
  {
    id: "name",
    accessorKey: "name",
    header: "Name",
    cell: ({ row }) => (
      <Link href={`/users/${row.original.id}`} className="font-medium text-brand-700 hover:underline">
        {row.original.name}
      </Link>
    ),
  },
  { id: "email", accessorKey: "email", header: "Email" },
  { id: "role", accessorKey: "role", header: "Role", cell: ({ row }) => roleLabels[row.original.role] },
  {
    id: "createdAt",
    accessorKey: "createdAt",
    header: "Created",
    cell: ({ row }) => <time dateTime={row.original.createdAt}>{row.original.created}</time>,
  },
  {
    id: "status",
    header: "Status",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.locked ? (
        <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">Locked</span>
      ) : (
        <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
      ),
  },
];

export function UsersTable(props: {
  rows: UserRow[];
  total: number;
  page: number;
  size: number;
  sort: { id: string; desc: boolean };
  filtered: boolean;
}) {
  return (
    <DataTable
      columns={columns}
      caption="Users"
      emptyMessage={props.filtered ? "No user matches these filters." : "No users yet: create the first one above."}
      {...props}
    />
  );
}
