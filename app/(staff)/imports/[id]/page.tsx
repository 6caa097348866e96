import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { IgnoredLines } from "@/components/ignored-lines";
import { StatCard } from "@/components/stat-card";
import { staffRoles } from "@/lib/auth/session";
import { getImport, listIgnoredLines, listImportTransactions } from "@/lib/imports/queries";
import { formatMinorUnits } from "@/lib/money";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { TransactionsTable } from "./transactions-table";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const { id } = await params;
  const { db } = services();
  const found = z.uuid().safeParse(id).success ? await getImport(db, id) : null;
  if (!found) notFound();
  const page = parsePage(await searchParams);
  const [rows, ignored] = await Promise.all([
    listImportTransactions(db, found.id, page),
    listIgnoredLines(db, found.id, { index: 0, size: 200 }),
  ]);

  return (
    <>
      <Link href="/imports" className="text-sm text-brand-700 hover:underline">
        ← Imports
      </Link>
      <PageHeader
        title={`Transactions of ${found.transactionsDate}`}
        description={`${found.fileName}, imported by ${found.importedBy} on ${formatStaffTime(found.importedAt, timeZone)}`}
      />
      <div className="mb-6 grid grid-cols-2 gap-4 sm:grid-cols-3">
        <StatCard label="Stored" value={found.transactionCount} />
        <StatCard label="Ignored" value={found.ignoredCount} />
        <StatCard label="Format" value={found.format.toUpperCase()} />
      </div>
      <TransactionsTable
        rows={rows.map((row) => ({
          id: String(row.id),
          origin: `${row.originBank} / ${row.originBranch} / ${row.originAccount}`,
          destination: `${row.destinationBank} / ${row.destinationBranch} / ${row.destinationAccount}`,
          amount: formatMinorUnits(row.amount),
          dateTime: row.occurredAt.replace(" ", "T"),
        }))}
        total={found.transactionCount}
        page={page.index + 1}
        size={page.size}
      />
      {ignored.length > 0 && (
        <div className="mt-6">
          <IgnoredLines
            ignored={ignored}
            note={
              found.ignoredCount > ignored.length
                ? `The first ${ignored.length} of ${found.ignoredCount}; the API (GET /api/v1/imports/${found.id}) pages them all.`
                : undefined
            }
          />
        </div>
      )}
    </>
  );
}
