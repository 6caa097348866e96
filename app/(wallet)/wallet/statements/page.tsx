import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { buttonClass } from "@/components/form";
import { monthLabel, monthSchema } from "@/lib/analysis/month";
import { listWallets } from "@/lib/ledger/accounts";
import { statementMonths, walletStatement } from "@/lib/ledger/statements";
import { formatMoney } from "@/lib/money";
import { services } from "@/lib/services";
import { pickOwnWallet } from "../own-wallets";

export const metadata: Metadata = { title: "Statements" };

const selectClass = "mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base font-normal sm:text-sm";

/** The month asked for if the wallet has a statement for it; without one, the current month. */
function chooseMonth(months: string[], requested: string | string[] | undefined): { month: string } | { error: string } {
  if (requested === undefined) return { month: months[0] };
  const parsed = monthSchema.safeParse(requested);
  if (!parsed.success) return { error: parsed.error.issues[0].message };
  if (!months.includes(parsed.data)) {
    return { error: `This wallet has statements from ${monthLabel(months.at(-1)!)} to ${monthLabel(months[0])}: choose one of those months.` };
  }
  return { month: parsed.data };
}

export default async function StatementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(["customer"]);
  const timeZone = await viewerTimeZone();
  const query = await searchParams;
  const { db } = services();
  const wallets = await listWallets(db, user.id);
  const wallet = pickOwnWallet(wallets, typeof query.wallet === "string" ? query.wallet : undefined);
  if (!wallet) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">Statements</h1>
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          You have no wallet yet. <Link href="/wallet" className="font-medium text-brand-700 underline underline-offset-2">Open one</Link> to receive and send money.
        </p>
      </div>
    );
  }

  const months = await statementMonths(db, user.id, wallet.id, timeZone);
  const choice = chooseMonth(months, query.month);
  const statement = "month" in choice ? await walletStatement(db, { ownerId: user.id, walletId: wallet.id, month: choice.month, timeZone }) : null;
  const download = (format: "csv" | "pdf") => `/api/v1/wallets/${wallet.id}/statement?${new URLSearchParams({ month: statement!.month, format, timeZone })}`;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Statements</h1>
        <p className="text-sm text-slate-600">
          {wallet.currency} wallet {wallet.accountNumber}. Months and times are in your time zone, {timeZone}.
        </p>
      </div>
      <form action="/wallet/statements" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        {wallets.length > 1 ? (
          <label className="text-sm font-medium text-slate-700">
            Wallet
            <select name="wallet" defaultValue={wallet.id} className={selectClass}>
              {wallets.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.currency} {option.accountNumber}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="wallet" value={wallet.id} />
        )}
        <div>
          <label className="text-sm font-medium text-slate-700">
            Month
            <select
              name="month"
              defaultValue={statement?.month ?? months[0]}
              aria-invalid={"error" in choice || undefined}
              aria-describedby={"error" in choice ? "month-error" : undefined}
              className={selectClass}
            >
              {months.map((month) => (
                <option key={month} value={month}>
                  {monthLabel(month)}
                </option>
              ))}
            </select>
          </label>
          {"error" in choice && (
            <p id="month-error" role="alert" className="mt-1 text-sm text-red-700">
              {choice.error}
            </p>
          )}
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Show
        </button>
      </form>

      {statement && (
        <section aria-labelledby="statement-month" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="statement-month" className="font-semibold">
            {monthLabel(statement.month)}
          </h2>
          <dl className="mt-2 divide-y divide-slate-100 text-sm">
            <Row term="Opening balance" value={formatMoney(statement.openingBalance, wallet.currency)} />
            <Row term="Money in" value={formatMoney(statement.totals.in, wallet.currency)} />
            <Row term="Money out" value={formatMoney(statement.totals.out, wallet.currency)} />
            <Row term="Fees" value={formatMoney(statement.totals.fees, wallet.currency)} />
            <Row term="Closing balance" value={formatMoney(statement.closingBalance, wallet.currency)} />
            <Row term="Lines" value={String(statement.lines.length)} />
          </dl>
          <div className="mt-4 flex flex-wrap gap-2">
            <a href={download("pdf")} download className={buttonClass()}>
              Download PDF
            </a>
            <a href={download("csv")} download className={buttonClass("secondary")}>
              Download CSV
            </a>
          </div>
        </section>
      )}
    </div>
  );
}

function Row({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
      <dt className="text-slate-600">{term}</dt>
      <dd className="min-w-0 text-right font-medium">{value}</dd>
    </div>
  );
}
