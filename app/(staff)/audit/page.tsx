import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { FilterBar, FilterInput, FilterSelect } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";
import { listAuditActions, listAuditEvents } from "@/lib/audit";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { dayRange, formatStaffTime } from "@/lib/time";
import { AuditTable } from "./audit-table";

export const metadata: Metadata = { title: "Audit log" };

const day = z.iso.date().optional().catch(undefined);
const filterSchema = z.object({
  // PostgreSQL text can't hold NUL: no action has one, and a query carrying one fails.
  action: z.string().max(100).refine((text) => !text.includes("\0")).optional().catch(undefined),
  search: z.string().trim().max(200).optional().catch(undefined),
  from: day,
  to: day,
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const params = await searchParams;
  const filter = filterSchema.parse(params);
  const page = parsePage(params);
  const { db } = services();
  // Days as the viewer's clocks count them, as the times below are shown.
  const days = dayRange(filter, timeZone);
  const [{ rows, total }, actions] = await Promise.all([
    listAuditEvents(db, { action: filter.action || undefined, search: filter.search || undefined, from: days.start, to: days.end }, page),
    listAuditActions(db),
  ]);

  return (
    <>
      <PageHeader title="Audit log" description="Sign-ins, lockouts and every staff change to users, newest first." />
      <FilterBar action="/audit" clearHref="/audit">
        <FilterSelect label="Action" name="action" defaultValue={filter.action} options={actions.map((action) => ({ value: action, label: action }))} />
        <FilterInput label="Actor, IP or target" name="search" defaultValue={filter.search} />
        <FilterInput label="From" name="from" type="date" defaultValue={filter.from} />
        <FilterInput label="To" name="to" type="date" defaultValue={filter.to} />
      </FilterBar>
      <AuditTable
        rows={rows.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          shownAt: formatStaffTime(row.at, timeZone, { seconds: true }),
          actor: row.actorLabel,
          action: row.action,
          target: row.targetId ? `${row.targetType} ${row.targetId}` : "",
          ip: row.ip ?? "",
          details: Object.keys(row.details).length ? JSON.stringify(row.details) : "",
        }))}
        total={total}
        page={page.index + 1}
        size={page.size}
      />
    </>
  );
}
