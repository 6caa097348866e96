import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { FilterBar, FilterInput, FilterSelect } from "@/components/filter-bar";
import { buttonClass } from "@/components/form";
import { listWallets } from "@/lib/ledger/accounts";
import { UnpostedAmount } from "@/components/wallet/history-line";
import { historyEntries, lineCounterparty, lineLabel, unpostedDetail, unpostedLabel } from "@/lib/ledger/line-text";
import { unpostedMovements, walletHistory } from "@/lib/ledger/wallets";
import { formatGroupedMinorUnits, formatMoney } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { services } from "@/lib/services";
import { formatDateTime } from "@/lib/time";
import { pickOwnWallet } from "../own-wallets";
import { historyHref, historyOptions, parseHistoryParams } from "./params";

export const metadata: Metadata = { title: "History" };

const pageSize = 20;

const kindOptions = [
  { value: "deposit", label: "Deposits" },
  { value: "transfer", label: "Transfers" },
  { value: "withdrawal", label: "Withdrawals" },
  { value: "fee", label: "Fees" },
];
const directionOptions = [
  { value: "in", label: "Money in" },
  { value: "out", label: "Money out" },
];

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(["customer"]);
  const timeZone = await viewerTimeZone();
  const params = parseHistoryParams(await searchParams);
  const wallets = await listWallets(services().db, user.id);
  const wallet = pickOwnWallet(wallets, params.wallet);
  if (!wallet) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">History</h1>
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          You have no wallet yet. <Link href="/wallet" className="font-medium text-brand-700 underline underline-offset-2">Open one</Link> to receive and send money.
        </p>
      </div>
    );
  }

  const options = historyOptions(params, pageSize, timeZone);
  const { lines, next, newer, span } = await walletHistory(services().db, wallet.id, options);
  const entries = historyEntries(lines, await unpostedMovements(services().db, wallet.id, span, options));
  const filtered = Boolean(params.kind || params.direction || params.from || params.to);
  const amount = (minorUnits: bigint) => formatGroupedMinorUnits(minorUnits, currencyScale(wallet.currency));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">History</h1>
          <p className="text-sm text-slate-600">
            {wallet.currency} wallet {wallet.accountNumber} · balance {formatMoney(wallet.balance, wallet.currency)}
          </p>
        </div>
        <Link href={`/wallet/statements?wallet=${wallet.id}`} className={buttonClass("secondary")}>
          Statements
        </Link>
      </div>
      {/* Folded on a phone unless in use, so the lines come first. */}
      <details open={filtered} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">{filtered ? "Filters (in use)" : "Filters"}</summary>
        <div className="mt-3">
          <FilterBar action="/wallet/history" clearHref={`/wallet/history?wallet=${wallet.id}`}>
            {wallets.length > 1 ? (
              <label className="text-sm font-medium text-slate-700">
                Wallet
                <select name="wallet" defaultValue={wallet.id} className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base font-normal sm:text-sm">
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
            <FilterSelect label="Kind" name="kind" defaultValue={params.kind} options={kindOptions} />
            <FilterSelect label="Direction" name="direction" defaultValue={params.direction} options={directionOptions} />
            <FilterInput label="From date" name="from" type="date" defaultValue={params.from} />
            <FilterInput label="To date" name="to" type="date" defaultValue={params.to} />
          </FilterBar>
        </div>
      </details>

      {entries.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          {filtered || params.before || params.after
            ? "No lines match these filters. Change them or clear them to see everything."
            : `No money has moved yet. To receive money, share your account number ${wallet.accountNumber} or the email you sign in with.`}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <caption className="sr-only">Lines of the {wallet.currency} wallet, newest first</caption>
            <thead className="border-b border-slate-200 text-left text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="hidden px-2 py-2 sm:px-3 sm:table-cell">
                  Date
                </th>
                <th scope="col" className="px-2 py-2 sm:px-3">
                  Line
                </th>
                <th scope="col" className="px-2 py-2 sm:px-3 text-right">
                  Amount
                </th>
                <th scope="col" className="px-2 py-2 sm:px-3 text-right">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map(({ line, movement }) => {
                if (movement) {
                  const { counterparty, note } = unpostedDetail(movement);
                  const time = <time dateTime={movement.at.toISOString()}>{formatDateTime(movement.at, timeZone)}</time>;
                  return (
                    <tr key={movement.transferId} className="align-top">
                      <td className="hidden px-2 py-2 sm:px-3 text-slate-600 sm:table-cell">{time}</td>
                      <td className="px-2 py-2 sm:px-3 [overflow-wrap:anywhere]">
                        <Link href={`/wallet/transfers/${movement.transferId}`} className="font-medium text-brand-700 hover:underline">
                          {unpostedLabel(movement)}
                        </Link>
                        {counterparty && <p className="text-slate-600">{counterparty}</p>}
                        <p className="text-slate-600">{note}</p>
                        <p className="text-xs text-slate-500 sm:hidden">{time}</p>
                      </td>
                      <td className="px-2 py-2 sm:px-3 text-right">
                        <UnpostedAmount movement={movement}>{amount(-movement.amount)}</UnpostedAmount>
                      </td>
                      <td className="px-2 py-2 sm:px-3 text-right text-slate-500">
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">Not in the balance</span>
                      </td>
                    </tr>
                  );
                }
                const counterparty = lineCounterparty(line);
                const time = <time dateTime={line.at.toISOString()}>{formatDateTime(line.at, timeZone)}</time>;
                return (
                  <tr key={line.postingId} className="align-top">
                    <td className="hidden px-2 py-2 sm:px-3 text-slate-600 sm:table-cell">{time}</td>
                    <td className="px-2 py-2 sm:px-3 [overflow-wrap:anywhere]">
                      <Link href={`/wallet/transfers/${line.transferId}`} className="font-medium text-brand-700 hover:underline">
                        {lineLabel(line)}
                      </Link>
                      {counterparty && <p className="text-slate-600">{counterparty}</p>}
                      <p className="text-xs text-slate-500 sm:hidden">{time}</p>
                    </td>
                    <td className={`px-2 py-2 sm:px-3 text-right font-medium whitespace-nowrap ${line.amount > 0n ? "text-emerald-700" : ""}`}>
                      {line.amount > 0n ? `+${amount(line.amount)}` : amount(line.amount)}
                    </td>
                    <td className="px-2 py-2 sm:px-3 text-right whitespace-nowrap text-slate-700">{amount(line.balanceAfter)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="border-t border-slate-100 px-2 py-2 sm:px-3 text-xs text-slate-500">Amounts in {wallet.currency}; the balance is after each line.</p>
        </div>
      )}

      {(newer || next) && (
        <nav aria-label="History pages" className="flex justify-between gap-2">
          {newer ? (
            <Link href={historyHref(wallet.id, params, { after: newer })} className={buttonClass("secondary")}>
              Newer
            </Link>
          ) : (
            <span />
          )}
          {next && (
            <Link href={historyHref(wallet.id, params, { before: next })} className={buttonClass("secondary")}>
              Older
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
