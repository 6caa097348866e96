import type { Metadata } from "next";
import { z } from "zod";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { FilterBar, FilterSelect } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";
import { caseStatus } from "@/db/schema";
import { staffRoles } from "@/lib/auth/session";
import { formatMoney } from "@/lib/money";
import { parsePage } from "@/lib/paging";
import { listCases } from "@/lib/screening/cases";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { CasesTable } from "./cases-table";
import { caseStatusLabels } from "./status-badge";

export const metadata: Metadata = { title: "Cases" };

// No status in the URL is the open queue; an empty one (the filter's "All") is every status.
const statusSchema = z.enum(caseStatus.enumValues).or(z.literal("")).catch("open");

export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const params = await searchParams;
  const status = statusSchema.parse(params.status ?? "open");
  const mine = params.mine === "1";
  const escalated = params.escalated === "1";
  const page = parsePage(params);
  const { config, db } = services();
  const { rows, total } = await listCases(
    db,
    { status: status || undefined, assigneeId: mine ? user.id : undefined, escalated: escalated || undefined, page },
    config.REVIEW_HOURS,
  );
  const filtered = status !== "open" || mine || escalated;

  return (
    <>
      <PageHeader
        title="Cases"
        description={`Movements screening held and rows of the analysis flagged for review. An open case is overdue after ${config.REVIEW_HOURS} hours.`}
      />
      <section aria-label="Case list">
        <FilterBar action="/cases" clearHref="/cases">
          <FilterSelect label="Status" name="status" defaultValue={status} options={caseStatus.enumValues.map((value) => ({ value, label: caseStatusLabels[value] }))} />
          <label className="flex items-center gap-2 py-2 text-sm font-medium text-slate-700">
            <input type="checkbox" name="mine" value="1" defaultChecked={mine} className="size-4" />
            Assigned to me
          </label>
          <label className="flex items-center gap-2 py-2 text-sm font-medium text-slate-700">
            <input type="checkbox" name="escalated" value="1" defaultChecked={escalated} className="size-4" />
            Overdue only
          </label>
        </FilterBar>
        <CasesTable
          rows={rows.map((row) => ({
            id: row.id,
            number: row.number,
            title: row.title,
            status: row.status,
            escalated: row.escalated,
            openedAt: formatStaffTime(row.openedAt, timeZone),
            parties: row.sender ? `${row.sender.name} → ${row.recipient?.name ?? "withdrawal"}` : "From the analysis",
            amount: row.amount ? formatMoney(row.amount.amount, row.amount.currency) : "—",
            rules: row.rules.join(", ") || "—",
            assignee: row.assignee?.name ?? "Nobody",
          }))}
          total={total}
          page={page.index + 1}
          size={page.size}
          emptyMessage={
            filtered
              ? "No case matches these filters. Clear them to see the open queue."
              : "No open case: screening holds nothing and no analysis row is flagged. Flag a suspicious account or branch from the Analysis page."
          }
        />
      </section>
    </>
  );
}
