import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { orNotFound } from "@/app/_server/not-found";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { TableHead } from "@/components/table-head";
import { getList } from "@/lib/screening/queries";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { entryKindLabels } from "../../badges";
import { ListEntriesForm } from "../../list-forms";

export const metadata: Metadata = { title: "Screening list" };

export default async function ListPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const list = await orNotFound(getList(services().db, (await params).id));
  const created = (await searchParams).created === "1";
  return (
    <>
      <PageHeader
        title={list.name}
        description={`${list.kind === "deny" ? "Deny" : "Allow"} list of ${entryKindLabels[list.entryKind]}, version ${list.version} in force with ${list.entryCount} ${list.entryCount === 1 ? "entry" : "entries"}.`}
      />
      <div className="max-w-3xl space-y-8">
        {created && (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            List created and in force.
          </p>
        )}
        <section aria-labelledby="entries-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="entries-heading" className="mb-3 font-semibold">
            Edit entries
          </h2>
          <ListEntriesForm listId={list.id} entries={list.entries} />
        </section>
        <section aria-labelledby="list-versions-heading" className="space-y-2">
          <h2 id="list-versions-heading" className="font-semibold">
            Versions
          </h2>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Versions of the list</caption>
              <TableHead labels={["Version", "Entries", "Saved"]} />
              <tbody className="divide-y divide-slate-100">
                {list.versions.map((version) => (
                  <tr key={version.id}>
                    <td className="px-3 py-2">v{version.version}</td>
                    <td className="px-3 py-2">{version.entries.length}</td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      {formatStaffTime(version.createdAt, timeZone)} by {version.createdBy ?? "System"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <p className="text-sm">
          <Link href="/screening" className="text-brand-700 hover:underline">
            Back to screening
          </Link>
        </p>
      </div>
    </>
  );
}
