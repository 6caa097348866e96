const statusStyles: Record<string, string> = {
  open: "bg-sky-100 text-sky-800",
  released: "bg-emerald-100 text-emerald-800",
  rejected: "bg-red-100 text-red-800",
  closed: "bg-slate-100 text-slate-700",
};

export const caseStatusLabels: Record<string, string> = { open: "Open", released: "Released", rejected: "Rejected", closed: "Closed" };

/** A case's status, and "Overdue" beside an open case past the review time. */
export function CaseStatusBadge({ status, escalated }: { status: string; escalated: boolean }) {
  return (
    <span className="flex flex-wrap gap-1">
      <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusStyles[status] ?? ""}`}>{caseStatusLabels[status] ?? status}</span>
      {escalated && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Overdue</span>}
    </span>
  );
}
