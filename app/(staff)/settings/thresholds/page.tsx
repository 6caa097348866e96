import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { currentThresholds, listThresholdVersions, thresholdsJson } from "@/lib/analysis/thresholds";
import { formatGroupedMinorUnits } from "@/lib/money";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { ThresholdsForm } from "./thresholds-form";
import { TableHead } from "@/components/table-head";

export const metadata: Metadata = { title: "Analysis thresholds" };

export default async function ThresholdsPage() {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const { db } = services();
  const [current, versions] = await Promise.all([currentThresholds(db), listThresholdVersions(db, { index: 0, size: 50 })]);
  return (
    <>
      <PageHeader
        title="Analysis thresholds"
        description="What the analysis counts as suspicious. Every change is a new version, recorded in the audit log; reports say which version they used."
      />
      <h2 className="mb-2 text-base font-semibold">Version {current.version} is in force</h2>
      <ThresholdsForm current={thresholdsJson(current)} />
      <h2 className="mt-8 mb-2 text-base font-semibold">History</h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Threshold versions, newest first</caption>
          <TableHead labels={["Version", "Transaction (BRL)", "Account (BRL)", "Branch (BRL)", "Set by", "Set at"]} />
          <tbody className="divide-y divide-slate-100">
            {versions.map((version) => (
              <tr key={version.version}>
                <td className="px-3 py-2">{version.version}</td>
                {[version.transaction, version.account, version.branch].map((value, i) => (
                  <td key={i} className="px-3 py-2 font-mono tabular-nums">
                    {formatGroupedMinorUnits(value)}
                  </td>
                ))}
                <td className="px-3 py-2">{version.createdBy ?? "Default"}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatStaffTime(version.createdAt, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {versions.length === 50 && <p className="mt-2 text-sm text-slate-500">The 50 latest versions are shown; the audit log holds every change.</p>}
    </>
  );
}
