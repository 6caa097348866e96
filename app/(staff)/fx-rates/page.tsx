import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { staffRoles } from "@/lib/auth/session";
import { maxRateFileBytes, maxRateLines } from "@/lib/ledger/rate-import";
import { latestRates, rateHistory, type RateRow } from "@/lib/ledger/rate-queries";
import { currencySchema } from "@/lib/money/currency";
import { parsePage } from "@/lib/paging";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { ImportRatesForm, SetRateForm } from "./rate-forms";
import { RateHistoryTable } from "./rate-history-table";
import { TableHead } from "@/components/table-head";

export const metadata: Metadata = { title: "FX rates" };

export default async function FxRatesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser(staffRoles);
  const params = await searchParams;
  const timeZone = await viewerTimeZone();
  const rates = await latestRates(services().db);
  const base = currencySchema.safeParse(params.base ?? "");
  const quote = currencySchema.safeParse(params.quote ?? "");
  // The pair asked for, or the first one in the table.
  const pair = base.success && quote.success ? { base: base.data, quote: quote.data } : rates[0] && { base: rates[0].base, quote: rates[0].quote };
  const page = parsePage(params);
  const history = pair ? await rateHistory(services().db, pair, page) : null;

  return (
    <>
      <PageHeader
        title="FX rates"
        description="The newest rate of a pair is the one transfers across currencies use; it also works the other way round (inverted)."
      />
      <div className="space-y-8">
        <section aria-labelledby="current-rates">
          <h2 id="current-rates" className="mb-2 text-base font-semibold">
            Current rates
          </h2>
          <CurrentRatesTable rates={rates} selected={pair} timeZone={timeZone} />
        </section>

        {pair && history && (
          <section aria-labelledby="rate-history">
            <h2 id="rate-history" className="mb-2 text-base font-semibold">
              History of {pair.base}/{pair.quote}
            </h2>
            <RateHistoryTable
              rows={history.rows.map((row) => ({ id: row.id, rate: row.rate, source: row.source, at: formatStaffTime(row.createdAt, timeZone), by: row.createdBy ?? "System" }))}
              total={history.total}
              page={page.index + 1}
              size={page.size}
              pair={`${pair.base}/${pair.quote}`}
            />
          </section>
        )}

        {user.role === "admin" ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="set-rate" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <h2 id="set-rate" className="mb-3 font-semibold">
                Set a rate
              </h2>
              <SetRateForm />
            </section>
            <section aria-labelledby="import-rates" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <h2 id="import-rates" className="mb-3 font-semibold">
                Import rates from a CSV file
              </h2>
              <ImportRatesForm maxBytes={maxRateFileBytes} maxLines={maxRateLines} />
            </section>
          </div>
        ) : (
          <p className="text-sm text-slate-600">Only admins can set or import rates.</p>
        )}
      </div>
    </>
  );
}

function CurrentRatesTable({ rates, selected, timeZone }: { rates: RateRow[]; selected?: { base: string; quote: string }; timeZone: string }) {
  if (rates.length === 0) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-8 text-center text-sm text-slate-500 shadow-sm">
        No rates yet. An admin sets one below or imports a CSV file; until then transfers across currencies are refused.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Current rates, one per pair</caption>
        <TableHead labels={["Pair", "Rate", "Source", "Set at", "Set by"]} />
        <tbody className="divide-y divide-slate-100">
          {rates.map((rate) => {
            const current = selected?.base === rate.base && selected.quote === rate.quote;
            return (
              <tr key={`${rate.base}/${rate.quote}`} className={current ? "bg-brand-50" : undefined}>
                <td className="px-3 py-2">
                  <Link
                    href={`/fx-rates?base=${rate.base}&quote=${rate.quote}`}
                    aria-current={current ? "true" : undefined}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {rate.base}/{rate.quote}
                  </Link>
                </td>
                <td className="px-3 py-2 font-mono tabular-nums">{rate.rate}</td>
                <td className="px-3 py-2">{rate.source}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatStaffTime(rate.createdAt, timeZone)}</td>
                <td className="px-3 py-2">{rate.createdBy ?? "System"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
