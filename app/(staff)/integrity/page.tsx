import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { buttonClass } from "@/components/form";
import { PageHeader } from "@/components/page-header";
import { staffRoles } from "@/lib/auth/session";
import { checkIntegrity } from "@/lib/ledger/integrity";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";

export const metadata: Metadata = { title: "Ledger integrity" };

export default async function IntegrityPage() {
  await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const ranAt = new Date();
  const report = await checkIntegrity(services().db);

  return (
    <>
      <PageHeader
        title="Ledger integrity"
        description="Checks the ledger's rules on one consistent snapshot, each time this page loads. It only reads: nothing is changed or repaired."
        actions={
          // A plain GET form: submitting it loads the page again, which runs the checks again.
          <form action="/integrity">
            <button type="submit" className={buttonClass("secondary")}>
              Run again
            </button>
          </form>
        }
      />
      <div
        role="status"
        className={`mb-6 rounded-lg border px-4 py-3 ${report.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}
      >
        <p className="font-semibold">{report.ok ? "Every check passed." : `${report.checks.filter((check) => !check.ok).length} of ${report.checks.length} checks failed.`}</p>
        <p className="text-sm">
          Took {report.milliseconds} ms · ran at {formatStaffTime(ranAt, timeZone)}
        </p>
      </div>
      <ul aria-label="Checks" className="space-y-3">
        {report.checks.map((check) => (
          <li key={check.name} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex items-start justify-between gap-4">
              <h2 className="font-medium">{check.name}</h2>
              {check.ok ? (
                <span className="shrink-0 rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Pass</span>
              ) : (
                <span className="shrink-0 rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Fail</span>
              )}
            </div>
            {check.problems.length > 0 && (
              <>
                <ul aria-label={`Problems: ${check.name}`} className="mt-2 list-disc space-y-1 pl-5 font-mono text-sm text-red-800">
                  {check.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
                {/* checkIntegrity stops listing at 20 problems per check. */}
                {check.problems.length >= 20 && <p className="mt-1 text-xs text-slate-500">Only the first 20 problems are listed.</p>}
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
