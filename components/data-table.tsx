"use client";

import {
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { pageSizes } from "@/lib/page-sizes";

const features = tableFeatures({ rowSortingFeature });

export type DataTableColumn<Row extends RowData> = ColumnDef<typeof features, Row>;

export { features as dataTableFeatures };

type DataTableProps<Row extends RowData> = {
  columns: DataTableColumn<Row>[];
  rows: Row[];
  total: number;
  page: number;
  size: number;
  /** The server's current sort; sorting, filtering and paging all happen on the server, through the URL. */
  sort?: { id: string; desc: boolean };
  emptyMessage: string;
  caption: string;
  /** Names this table's URL parameters (`<prefix>.page`, ...), for pages with several tables. */
  paramPrefix?: string;
};

export function DataTable<Row extends RowData>({
  columns,
  rows,
  total,
  page,
  size,
  sort,
  emptyMessage,
  caption,
  paramPrefix,
}: DataTableProps<Row>) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  const hrefWith = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(searchParams);
    for (const [name, value] of Object.entries(changes)) {
      const key = paramPrefix ? `${paramPrefix}.${name}` : name;
      if (value === undefined) params.delete(key);
      else params.set(key, value);
    }
    return `${pathname}?${params}`;
  };
  // On a page of several tables, paging one keeps the reader where they are.
  const scroll = !paramPrefix;

  const sorting: SortingState = sort ? [sort] : [];
  const table = useTable({
    features,
    columns,
    data: rows,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      router.push(hrefWith({ sort: next?.id, order: next ? (next.desc ? "desc" : "asc") : undefined, page: undefined }), { scroll });
    },
  });

  const pageCount = Math.max(1, Math.ceil(total / size));
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(page * size, total);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className="px-3 py-2 text-left font-semibold whitespace-nowrap text-slate-700"
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 hover:text-brand-700"
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="text-xs text-slate-400">
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-3 py-2 align-top">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-3 py-8 text-center text-slate-500">
                  {emptyMessage}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav
        aria-label="Pages"
        className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-3 py-2 text-sm text-slate-600"
      >
        <span>
          {first}–{last} of {total}
        </span>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1">
            Rows
            <select
              value={size}
              onChange={(event) => router.push(hrefWith({ size: event.target.value, page: undefined }), { scroll })}
              className="rounded border border-slate-300 bg-white px-1 py-0.5"
            >
              {pageSizes.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          </label>
          <PageLink href={hrefWith({ page: String(page - 1) })} scroll={scroll} disabled={page <= 1} label="Previous" />
          <span>
            Page {page} of {pageCount}
          </span>
          <PageLink href={hrefWith({ page: String(page + 1) })} scroll={scroll} disabled={page >= pageCount} label="Next" />
        </div>
      </nav>
    </div>
  );
}

function PageLink({ href, scroll, disabled, label }: { href: string; scroll: boolean; disabled: boolean; label: string }) {
  if (disabled) return <span className="rounded px-2 py-1 text-slate-500">{label}</span>;
  return (
    <Link href={href} scroll={scroll} className="rounded px-2 py-1 text-brand-700 hover:bg-brand-50">
      {label}
    </Link>
  );
}
