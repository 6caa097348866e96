import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { Sparkline } from "@/components/charts/sparkline";
import { PageHeader } from "@/components/page-header";
import { StatCard } from "@/components/stat-card";
import { dashboardFigures } from "@/lib/analysis/dashboard";
import { daysOf, monthLabel, monthOf, previousMonth } from "@/lib/analysis/month";
import type { MonthFigures } from "@/lib/analysis/queries";
import { signInActivity } from "@/lib/auth/activity";
import { staffRoles } from "@/lib/auth/session";
import { countOpenCases } from "@/lib/screening/cases";
import { formatGroupedMinorUnits } from "@/lib/money";
import { services } from "@/lib/services";
import { localDateTime } from "@/lib/time";
import { countUsersByRole } from "@/lib/users";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser(staffRoles);
  const { config, db } = services();
  // This month as the viewer's calendar has it: near midnight, UTC's may already be the next.
  const month = monthOf(localDateTime(new Date(), await viewerTimeZone()));
  const before = previousMonth(month);
  const [{ current, previous, days, latestMonth: latest }, counts, activity, cases] = await Promise.all([
    dashboardFigures(db, month),
    countUsersByRole(db),
    signInActivity(db),
    countOpenCases(db, config.REVIEW_HOURS),
  ]);
  const isAdmin = user.role === "admin";
  const volumeByDay = new Map(days.map((day) => [day.date, day]));
  const monthDays = daysOf(month);
  const volumes = monthDays.map((date) => volumeByDay.get(date)?.total ?? 0n);
  const suspiciousVolumes = monthDays.map((date) => volumeByDay.get(date)?.suspiciousTotal ?? 0n);
  const counted = monthDays.map((date) => BigInt(volumeByDay.get(date)?.count ?? 0));
  const suspiciousCounted = monthDays.map((date) => BigInt(volumeByDay.get(date)?.suspiciousCount ?? 0));
  const analysisHref = `/analysis?month=${month}`;
  const versus = (pick: (figures: MonthFigures) => number | bigint, format: (value: number | bigint) => string = count) =>
    `${format(pick(previous))} in ${monthLabel(before)}`;

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description={`${monthLabel(month)} so far, beside ${monthLabel(before)}.`} />
      {current.imports === 0 && previous.imports === 0 && (
        <p className="mb-4 rounded-md bg-slate-100 p-3 text-sm text-slate-700" role="status">
          No file of {monthLabel(before)} or {monthLabel(month)} has been imported.{" "}
          {latest ? (
            <Link href={`/analysis?month=${latest}`} className="text-brand-700 underline underline-offset-2">
              Open the latest imported month, {monthLabel(latest)}
            </Link>
          ) : (
            <Link href="/imports/new" className="text-brand-700 underline underline-offset-2">
              Import the first file
            </Link>
          )}
          .
        </p>
      )}
      <h2 className="mb-2 text-base font-semibold text-slate-800">Review queue</h2>
      <div className="mb-8 grid grid-cols-2 gap-4 lg:grid-cols-3">
        <StatCard label="Open cases" value={count(cases.open)} href="/cases" />
        <StatCard
          label="Overdue cases"
          value={count(cases.escalated)}
          hint={`Open more than ${config.REVIEW_HOURS} hours`}
          href="/cases?escalated=1"
        />
      </div>
      <h2 className="mb-2 text-base font-semibold text-slate-800">Transactions</h2>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-3">
        <StatCard label="Imported files" value={count(current.imports)} hint={versus((f) => f.imports)} href="/imports" />
        <StatCard label="Transactions" value={count(current.transactions)} hint={versus((f) => f.transactions)} href={analysisHref}>
          <Sparkline values={counted} highlighted={suspiciousCounted} />
        </StatCard>
        <StatCard label="Volume (BRL)" value={formatGroupedMinorUnits(current.volume)} hint={versus((f) => f.volume, brl)} href={analysisHref}>
          <Sparkline values={volumes} highlighted={suspiciousVolumes} />
        </StatCard>
        <StatCard
          label="Suspicious transactions"
          value={count(current.suspiciousTransactions)}
          hint={versus((f) => f.suspiciousTransactions)}
          href={`${analysisHref}#transactions-heading`}
        />
        <StatCard
          label="Suspicious accounts"
          value={count(current.suspiciousAccounts)}
          hint={versus((f) => f.suspiciousAccounts)}
          href={`${analysisHref}#accounts-heading`}
        />
        <StatCard
          label="Suspicious branches"
          value={count(current.suspiciousBranches)}
          hint={versus((f) => f.suspiciousBranches)}
          href={`${analysisHref}#branches-heading`}
        />
      </div>
      <h2 className="mt-8 mb-2 text-base font-semibold text-slate-800">People, last 24 hours</h2>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="Staff" value={counts.admin + counts.analyst} hint={`${counts.admin} admins, ${counts.analyst} analysts`} href={isAdmin ? "/users" : undefined} />
        <StatCard label="Customers" value={counts.customer} href={isAdmin ? "/users?role=customer" : undefined} />
        <StatCard label="Sign-ins (24 h)" value={activity.signIns} href={isAdmin ? "/audit?action=auth.sign_in" : undefined} />
        <StatCard
          label="Failed sign-ins (24 h)"
          value={activity.failedSignIns}
          hint={`${activity.lockedAccounts} accounts locked now`}
          href={isAdmin ? "/audit?action=auth.sign_in_failed" : undefined}
        />
      </div>
    </>
  );
}

function count(value: number | bigint): string {
  return value.toLocaleString("en-US");
}

function brl(value: number | bigint): string {
  return `BRL ${formatGroupedMinorUnits(BigInt(value))}`;
}
