import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { orNotFound } from "@/app/_server/not-found";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { currencyCodes } from "@/lib/money/currency";
import { getRule, listLists } from "@/lib/screening/queries";
import { describeConditions } from "@/lib/screening/summary";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { addRuleVersionAction } from "../../actions";
import { OutcomeBadge, StatusBadge } from "../../badges";
import { RuleForm } from "../../rule-form";
import { BacktestPanel } from "./backtest-panel";
import { DeactivateRule } from "./deactivate-rule";

export const metadata: Metadata = { title: "Screening rule" };

export default async function RulePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  await requireUser(["admin"]);
  const timeZone = await viewerTimeZone();
  const rule = await orNotFound(getRule(services().db, (await params).id));
  const lists = await listLists(services().db);
  const listNames = new Map(lists.map((list) => [list.id, list.name]));
  const live = rule.versions.find((version) => version.live) ?? null;
  const latest = rule.versions[0];
  const created = (await searchParams).created === "1";

  return (
    <>
      <PageHeader
        title={rule.name}
        description={live ? `Version ${live.version} is live.` : "Inactive: no version of this rule is live."}
        actions={<StatusBadge active={live !== null} />}
      />
      <div className="max-w-4xl space-y-8">
        {created && (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Rule saved as version 1. Backtest it below, then activate it.
          </p>
        )}
        <section aria-labelledby="versions-heading" className="space-y-3">
          <h2 id="versions-heading" className="font-semibold">
            Versions
          </h2>
          <ol className="space-y-3">
            {rule.versions.map((version) => (
              <li key={version.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-semibold">Version {version.version}</h3>
                  <OutcomeBadge outcome={version.outcome} />
                  {version.live && <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Live</span>}
                  <span className="text-sm text-slate-600">
                    {formatStaffTime(version.createdAt, timeZone)} by {version.createdBy ?? "System"}
                  </span>
                </div>
                <p className="text-sm">{describeConditions(version.conditions, listNames)}</p>
                {!version.live && <BacktestPanel ruleId={rule.id} versionId={version.id} version={version.version} timeZone={timeZone} />}
              </li>
            ))}
          </ol>
          {live && <DeactivateRule ruleId={rule.id} />}
        </section>

        <section aria-labelledby="new-version-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="new-version-heading" className="mb-3 font-semibold">
            New version
          </h2>
          <RuleForm
            action={addRuleVersionAction}
            lists={lists.map((list) => ({ id: list.id, name: list.name, kind: list.kind, entryKind: list.entryKind }))}
            currencies={currencyCodes}
            initial={{ ruleId: rule.id, name: rule.name, outcome: latest.outcome, conditions: latest.conditions }}
            submitLabel="Save new version"
          />
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
