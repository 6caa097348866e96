import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { staffRoles } from "@/lib/auth/session";
import { exampleAmount, exampleFee, feeScheduleText, formatMoneyWithSymbol, listFeeSchedules, percentInputText, type CurrencyFees } from "@/lib/ledger/fees";
import { formatMinorUnits } from "@/lib/money";
import { currencySchema, currencyScale } from "@/lib/money/currency";
import { services } from "@/lib/services";
import { formatStaffTime } from "@/lib/time";
import { FeeForm, type FeeFormValues } from "./fee-form";
import { TableHead } from "@/components/table-head";

export const metadata: Metadata = { title: "Fees" };

function formValues(entry: CurrencyFees): FeeFormValues {
  const scale = currencyScale(entry.currency);
  return {
    currency: entry.currency,
    flat: formatMinorUnits(entry.schedule?.flat ?? 0n, scale),
    percent: percentInputText(entry.schedule?.percent ?? 0n),
    minimum: formatMinorUnits(entry.schedule?.minimum ?? 0n, scale),
  };
}

export default async function FeesPage({ searchParams }: { searchParams: Promise<{ currency?: string }> }) {
  const user = await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const listed = await listFeeSchedules(services().db);
  // Every customer starts with a BRL wallet: its fee is always worth showing.
  const fees = listed.some((entry) => entry.currency === "BRL") ? listed : [{ currency: "BRL", schedule: null, updatedAt: null, updatedBy: null }, ...listed];
  const asked = currencySchema.safeParse((await searchParams).currency ?? "");
  const editing = asked.success ? (fees.find((entry) => entry.currency === asked.data) ?? { currency: asked.data, schedule: null, updatedAt: null, updatedBy: null }) : fees[0];
  const isAdmin = user.role === "admin";

  return (
    <>
      <PageHeader title="Fees" description="What sending money costs, per currency of the sending wallet. The sender pays it on top of the amount." />
      <div className="space-y-8">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Fee per currency</caption>
            <TableHead labels={["Currency", "Fee", "Fee on 100", "Changed", ...(isAdmin ? [""] : [])]} />
            <tbody className="divide-y divide-slate-100">
              {fees.map((entry) => (
                <tr key={entry.currency}>
                  <td className="px-3 py-2 font-medium">{entry.currency}</td>
                  <td className="min-w-48 px-3 py-2">{feeScheduleText(entry.schedule, entry.currency)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {formatMoneyWithSymbol(exampleFee(entry.schedule, entry.currency), entry.currency)} on {formatMoneyWithSymbol(exampleAmount(entry.currency), entry.currency)}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {entry.updatedAt ? `${formatStaffTime(entry.updatedAt, timeZone)} by ${entry.updatedBy ?? "System"}` : "Never set"}
                  </td>
                  {isAdmin && (
                    <td className="px-3 py-2">
                      <Link href={`/fees?currency=${entry.currency}#edit-fee`} className="text-brand-700 hover:underline">
                        Edit {entry.currency}
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {isAdmin ? (
          <section aria-labelledby="edit-fee" className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id="edit-fee" className="mb-3 font-semibold">
              Set a currency&apos;s fee
            </h2>
            <FeeForm key={editing.currency} current={formValues(editing)} />
          </section>
        ) : (
          <p className="text-sm text-slate-600">Only admins can change fees.</p>
        )}
      </div>
    </>
  );
}
