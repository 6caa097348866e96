import type { ScreeningOutcome } from "@/db/schema";

const outcomeStyles: Record<ScreeningOutcome, string> = {
  allow: "bg-emerald-100 text-emerald-800",
  review: "bg-amber-100 text-amber-800",
  block: "bg-red-100 text-red-800",
};
export const outcomeLabels: Record<ScreeningOutcome, string> = { allow: "Allow", review: "Review", block: "Block" };

export function OutcomeBadge({ outcome }: { outcome: ScreeningOutcome }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${outcomeStyles[outcome]}`}>{outcomeLabels[outcome]}</span>;
}

export function StatusBadge({ active }: { active: boolean }) {
  return active ? (
    <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
  ) : (
    <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">Inactive</span>
  );
}

export const entryKindLabels = { account: "account numbers", email: "emails", document: "CPFs" } as const;
