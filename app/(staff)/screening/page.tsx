import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { buttonClass } from "@/components/form";
import { PageHeader } from "@/components/page-header";
import { TableHead } from "@/components/table-head";
import { listLists, listRules, liveRulesetId } from "@/lib/screening/queries";
import { describeConditions } from "@/lib/screening/summary";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { entryKindLabels, OutcomeBadge, StatusBadge } from "./badges";

export const metadata: Metadata = { title: "Screening" };

const tableClass = "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm";

export default async function ScreeningPage() {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const db = services().db;
  const [rules, lists, rulesetId] = await Promise.all([listRules(db), listLists(db), liveRulesetId(db)]);
  const listNames = new Map(lists.map((list) => [list.id, list.name]));

  return (
    <>
      <PageHeader
        title="Screening"
        description={`Rules decide on every transfer and withdrawal before it posts: allow, send to review, or block. ${rulesetId === null ? "No rule set was ever put live." : `Rule set ${rulesetId} is live.`}`}
        actions={
          <div className="flex gap-2">
            <Link href="/screening/rules/new" className={buttonClass()}>
              New rule
            </Link>
            <Link href="/screening/lists/new" className={buttonClass("secondary")}>
              New list
            </Link>
          </div>
        }
      />
      <div className="space-y-8">
        <section aria-labelledby="rules-heading" className="space-y-2">
          <h2 id="rules-heading" className="font-semibold">
            Rules
          </h2>
          {rules.length === 0 ? (
            <p className="text-sm text-slate-600">No rules yet. Create one with New rule, backtest it on the last 30 days, then activate it.</p>
          ) : (
            <div className={tableClass}>
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Screening rules</caption>
                <TableHead labels={["Rule", "Status", "Live version", "Outcome", "Conditions", "Last changed"]} />
                <tbody className="divide-y divide-slate-100">
                  {rules.map((rule) => {
                    const shown = rule.live ?? rule.latest;
                    return (
                      <tr key={rule.id}>
                        <td className="px-3 py-2">
                          <Link href={`/screening/rules/${rule.id}`} className="font-medium text-brand-700 hover:underline">
                            {rule.name}
                          </Link>
                        </td>
                        <td className="px-3 py-2">
                          <StatusBadge active={rule.live !== null} />
                        </td>
                        <td className="px-3 py-2 whitespace-nowrap">
                          {rule.live ? `v${rule.live.version}` : "None"}
                          {rule.latest.version !== rule.live?.version && <span className="block text-xs text-slate-500">v{rule.latest.version} not live</span>}
                        </td>
                        <td className="px-3 py-2">
                          <OutcomeBadge outcome={shown.outcome} />
                        </td>
                        <td className="min-w-64 px-3 py-2">{describeConditions(shown.conditions, listNames)}</td>
                        <td className="px-3 py-2 whitespace-nowrap">
                          {formatStaffTime(rule.latest.createdAt, timeZone)} by {rule.latest.createdBy ?? "System"}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section aria-labelledby="lists-heading" className="space-y-2">
          <h2 id="lists-heading" className="font-semibold">
            Lists
          </h2>
          {lists.length === 0 ? (
            <p className="text-sm text-slate-600">No lists yet. Create a deny or allow list of accounts, emails or CPFs with New list, then use it in a rule.</p>
          ) : (
            <div className={tableClass}>
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Deny and allow lists</caption>
                <TableHead labels={["List", "Kind", "Entries", "Version in force", "Last changed"]} />
                <tbody className="divide-y divide-slate-100">
                  {lists.map((list) => (
                    <tr key={list.id}>
                      <td className="px-3 py-2">
                        <Link href={`/screening/lists/${list.id}`} className="font-medium text-brand-700 hover:underline">
                          {list.name}
                        </Link>
                      </td>
                      <td className="px-3 py-2">
                        {list.kind === "deny" ? "Deny" : "Allow"} list of {entryKindLabels[list.entryKind]}
                      </td>
                      <td className="px-3 py-2">{list.entryCount}</td>
                      <td className="px-3 py-2">v{list.version}</td>
                      <td className="px-3 py-2 whitespace-nowrap">
                        {formatStaffTime(list.changedAt, timeZone)} by {list.changedBy ?? "System"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <p className="text-sm text-slate-600">
          Every change to a rule or list is in the{" "}
          <Link href="/audit" className="text-brand-700 hover:underline">
            audit log
          </Link>
          ; each rule&apos;s page lists its versions.
        </p>
      </div>
    </>
  );
}
