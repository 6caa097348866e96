import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { BarList } from "@/components/charts/bar-list";
import { VolumeChart } from "@/components/charts/volume-chart";
import { buttonClass } from "@/components/form";
import { PageHeader } from "@/components/page-header";
import { daysOf, monthLabel } from "@/lib/analysis/month";
import { analysisMonths, dailyVolume, suspiciousAccounts, suspiciousBranches, suspiciousTransactions, topAccounts } from "@/lib/analysis/queries";
import { currentThresholds, type Thresholds } from "@/lib/analysis/thresholds";
import { staffRoles } from "@/lib/auth/session";
import { formatGroupedMinorUnits } from "@/lib/money";
import { services } from "@/lib/services";
import { formatDate } from "@/lib/time";
import { AccountsTable, BranchesTable, TransactionsTable } from "./analysis-tables";
import { MonthPicker } from "./month-picker";
import { monthParam, sectionParams, sections, type Section } from "./params";
import { flowTableRow, partyHref, transactionTableRow } from "./rows";

export const metadata: Metadata = { title: "Analysis" };

type SearchParams = Record<string, string | undefined>;

export default async function AnalysisPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const params = await searchParams;
  const { db } = services();
  const [months, thresholds] = await Promise.all([analysisMonths(db), currentThresholds(db)]);
  const month = monthParam(params) ?? months[0];

  if (month === undefined) {
    return (
      <>
        <PageHeader title="Analysis" description="Suspicious transactions, accounts and branches, month by month." />
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
          <p className="text-slate-700">Nothing to analyse yet: the analysis reads the imported bank files.</p>
          <Link href="/imports/new" className={`${buttonClass()} mt-4`}>
            Import a file
          </Link>
        </div>
      </>
    );
  }

  const transactionState = sectionParams("transactions", params);
  const accountState = sectionParams("accounts", params);
  const branchState = sectionParams("branches", params);
  const [transactions, accounts, branches, days, top] = await Promise.all([
    suspiciousTransactions(db, month, thresholds.transaction, { ...transactionState.options, page: transactionState.page }),
    suspiciousAccounts(db, month, thresholds.account, { ...accountState.options, page: accountState.page }),
    suspiciousBranches(db, month, thresholds.branch, { ...branchState.options, page: branchState.page }),
    dailyVolume(db, month, thresholds.transaction),
    topAccounts(db, month, 10),
  ]);
  const monthOptions = (months.includes(month) ? months : [month, ...months].sort().reverse()).map((value) => ({ value, label: monthLabel(value) }));
  const volumeByDay = new Map(days.map((day) => [day.date, day]));
  const tableState = (state: { options: { sort: { key: string; descending: boolean } }; page: { index: number; size: number } }) => ({
    page: state.page.index + 1,
    size: state.page.size,
    sort: { id: state.options.sort.key, desc: state.options.sort.descending },
  });

  return (
    <>
      <PageHeader
        title={`Analysis · ${monthLabel(month)}`}
        description="Suspicious transactions, accounts and branches in the month's imported files."
        actions={<MonthPicker months={monthOptions} month={month} action="/analysis" />}
      />
      <ThresholdsInForce thresholds={thresholds} canChange={user.role === "admin"} timeZone={timeZone} />
      {days.length === 0 && (
        <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="status">
          No file of {monthLabel(month)} has been imported.
        </p>
      )}
      <div className="mb-8 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <VolumeChart
            title="Volume per day (BRL)"
            days={daysOf(month).map((date) => ({
              date,
              total: volumeByDay.get(date)?.total ?? 0n,
              suspicious: volumeByDay.get(date)?.suspiciousTotal ?? 0n,
            }))}
          />
        </div>
        <BarList
          title="Top accounts by volume (BRL)"
          emptyMessage="No transactions this month."
          items={top.map((row) => ({
            key: `${row.bank}/${row.branch}/${row.account}/${row.direction}`,
            label: `${row.bank} ${row.branch} ${row.account}`,
            detail: row.direction === "out" ? "sent" : "received",
            value: row.total,
            href: partyHref(month, row),
            highlighted: row.total >= thresholds.account,
          }))}
        />
      </div>

      <AnalysisSection
        section="transactions"
        title="Suspicious transactions"
        rule={`Amount at or above BRL ${formatGroupedMinorUnits(thresholds.transaction)}.`}
        total={transactions.total}
        month={month}
        params={params}
      >
        <TransactionsTable
          rows={transactions.rows.map((row) => transactionTableRow(month, row))}
          total={transactions.total}
          paramPrefix={sections.transactions.prefix}
          emptyMessage="No transaction at or above the threshold."
          {...tableState(transactionState)}
        />
      </AnalysisSection>
      <AnalysisSection
        section="accounts"
        title="Suspicious accounts"
        rule={`Total sent, or total received, in the month at or above BRL ${formatGroupedMinorUnits(thresholds.account)}; each direction is its own row.`}
        total={accounts.total}
        month={month}
        params={params}
      >
        <AccountsTable
          rows={accounts.rows.map((row) => flowTableRow(month, row))}
          total={accounts.total}
          paramPrefix={sections.accounts.prefix}
          emptyMessage="No account sent or received that much."
          {...tableState(accountState)}
        />
      </AnalysisSection>
      <AnalysisSection
        section="branches"
        title="Suspicious branches"
        rule={`Total sent, or total received, by all the branch's accounts in the month at or above BRL ${formatGroupedMinorUnits(thresholds.branch)}.`}
        total={branches.total}
        month={month}
        params={params}
      >
        <BranchesTable
          rows={branches.rows.map((row) => flowTableRow(month, row))}
          total={branches.total}
          paramPrefix={sections.branches.prefix}
          emptyMessage="No branch sent or received that much."
          {...tableState(branchState)}
        />
      </AnalysisSection>
    </>
  );
}

function ThresholdsInForce({ thresholds, canChange, timeZone }: { thresholds: Thresholds; canChange: boolean; timeZone: string }) {
  return (
    <section aria-label="Thresholds in force" className="mb-6 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-semibold text-slate-800" data-testid="thresholds-version">
          Thresholds version {thresholds.version}
          <span className="font-normal text-slate-500">
            {" "}
            · set {thresholds.createdBy ? `by ${thresholds.createdBy} ` : "by default "}on {formatDate(thresholds.createdAt, timeZone)}
          </span>
        </p>
        {canChange && (
          <Link href="/settings/thresholds" className="text-brand-700 hover:underline">
            Change thresholds
          </Link>
        )}
      </div>
      <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-3">
        {[
          ["Transaction", thresholds.transaction],
          ["Account, per month and direction", thresholds.account],
          ["Branch, per month and direction", thresholds.branch],
        ].map(([label, value]) => (
          <div key={label as string}>
            <dt className="text-slate-500">{label as string}</dt>
            <dd className="font-mono tabular-nums">≥ BRL {formatGroupedMinorUnits(value as bigint)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function AnalysisSection({
  section,
  title,
  rule,
  total,
  month,
  params,
  children,
}: {
  section: Section;
  title: string;
  rule: string;
  total: number;
  month: string;
  params: SearchParams;
  children: React.ReactNode;
}) {
  const { prefix } = sections[section];
  const own = (name: string) => `${prefix}.${name}`;
  // The filter form resubmits the other sections' state, so filtering one table keeps the rest.
  const others = Object.entries(params).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && !entry[0].startsWith(`${prefix}.`) && entry[0] !== "month",
  );
  const exportParams = new URLSearchParams({ month, section });
  if (params[own("q")]) exportParams.set("q", params[own("q")]!);
  if (params[own("direction")]) exportParams.set("direction", params[own("direction")]!);
  const headingId = `${section}-heading`;
  return (
    <section aria-labelledby={headingId} className="mb-10">
      <div className="mb-2 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-lg font-semibold text-slate-900">
            {title} <span className="text-sm font-normal text-slate-500">({total.toLocaleString("en-US")})</span>
          </h2>
          <p className="text-sm text-slate-600">{rule}</p>
        </div>
        <a href={`/api/v1/analysis/export?${exportParams}`} className={buttonClass("secondary")} download>
          Download CSV
        </a>
      </div>
      <form action="/analysis" role="search" aria-label={`Filter ${title.toLowerCase()}`} className="mb-3 flex flex-wrap items-end gap-3">
        <input type="hidden" name="month" value={month} />
        {others.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <label className="text-sm font-medium text-slate-700">
          Bank, branch or account
          <input
            type="search"
            name={own("q")}
            defaultValue={params[own("q")]}
            className="mt-1 block w-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-base font-normal sm:text-sm"
          />
        </label>
        {section !== "transactions" && (
          <label className="text-sm font-medium text-slate-700">
            Direction
            <select
              name={own("direction")}
              defaultValue={params[own("direction")] ?? ""}
              className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base font-normal sm:text-sm"
            >
              <option value="">Both</option>
              <option value="out">Sent (out)</option>
              <option value="in">Received (in)</option>
            </select>
          </label>
        )}
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      {children}
    </section>
  );
}
