import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { buttonClass } from "@/components/form";
import { PageHeader } from "@/components/page-header";
import { staffRoles } from "@/lib/auth/session";
import { importSortKeys, listImports } from "@/lib/imports/queries";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { ImportsTable } from "./imports-table";

export const metadata: Metadata = { title: "Imports" };

const sortSchema = z.object({
  sort: z.enum(importSortKeys).catch("transactionsDate"),
  order: z.enum(["asc", "desc"]).catch("desc"),
});

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const params = await searchParams;
  const { sort, order } = sortSchema.parse(params);
  const page = parsePage(params);
  const { rows, total } = await listImports(services().db, { key: sort, descending: order === "desc" }, page);

  return (
    <>
      <PageHeader
        title="Imports"
        description="Each day's bank transaction file, newest day first."
        actions={
          <Link href="/imports/new" className={buttonClass()}>
            Import a file
          </Link>
        }
      />
      <ImportsTable
        rows={rows.map((row) => ({
          id: row.id,
          transactionsDate: row.transactionsDate,
          importedAt: formatStaffTime(row.importedAt, timeZone),
          importedBy: row.importedBy,
          fileName: row.fileName,
          transactionCount: row.transactionCount,
          ignoredCount: row.ignoredCount,
        }))}
        total={total}
        page={page.index + 1}
        size={page.size}
        sort={{ id: sort, desc: order === "desc" }}
      />
    </>
  );
}
