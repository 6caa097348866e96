import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { PageHeader } from "@/components/page-header";
import { staffRoles } from "@/lib/auth/session";
import { customerWallets, findCustomer, type CustomerWallet } from "@/lib/ledger/customers";
import { walletHistory, type HistoryLine } from "@/lib/ledger/wallets";
import { services } from "@/lib/services";
import { formatDate, formatStaffTime } from "@/lib/time";
import { CloseCustomerForm } from "./close-customer-form";
import { FreezeForm } from "./freeze-form";
import { TableHead } from "@/components/table-head";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Customer" };

const historyLength = 10;

type Params = { wallet?: string; before?: string };

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  await requireUser(staffRoles);
  const timeZone = await viewerTimeZone();
  const customer = await findCustomer(services().db, (await params).id);
  if (!customer) notFound();
  const query = await searchParams;
  const wallets = await customerWallets(services().db, customer.id);
  const histories = await Promise.all(
    wallets.map((wallet) => {
      // Only a posting id (digits) pages on; anything else shows the newest lines.
      const before = query.wallet === wallet.id && /^\d{1,19}$/.test(query.before ?? "") ? query.before : undefined;
      return walletHistory(services().db, wallet.id, { before, limit: historyLength }).then((history) => ({ ...history, paged: before !== undefined }));
    }),
  );

  return (
    <>
      <Link href="/customers" className="text-sm text-brand-700 hover:underline">
        ← All customers
      </Link>
      <PageHeader title={customer.name} description={`${customer.email} · customer since ${formatDate(customer.createdAt, timeZone)}`} />
      <p className="mb-6 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
        Admins and analysts may both freeze or unfreeze a wallet. A frozen wallet still receives money but can&apos;t send or withdraw. Every
        change is recorded in the audit log.
      </p>
      {customer.closedAt && (
        <p role="status" className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          This account was closed on {formatStaffTime(customer.closedAt, timeZone)}. Its wallets and their history stay in the ledger; they take no more money.
        </p>
      )}
      {wallets.length === 0 && <p className="text-sm text-slate-600">This customer has no wallets yet.</p>}
      <div className="space-y-6">
        {wallets.map((wallet, index) => (
          <WalletSection
            key={wallet.id}
            customerId={customer.id}
            wallet={wallet}
            history={histories[index]}
            timeZone={timeZone}
            closed={customer.closedAt !== null}
          />
        ))}
      </div>
      {!customer.closedAt && (
        <section aria-labelledby="close-heading" className="mt-6 rounded-lg border border-red-200 bg-white p-4 shadow-sm">
          <h2 id="close-heading" className="mb-2 font-semibold">
            Close the account
          </h2>
          <p className="mb-3 text-sm text-slate-600">Once every wallet is at zero, nothing is held and no payment request is open.</p>
          <CloseCustomerForm customerId={customer.id} name={customer.name} />
        </section>
      )}
    </>
  );
}

function WalletSection({
  customerId,
  wallet,
  history,
  timeZone,
  closed,
}: {
  customerId: string;
  wallet: CustomerWallet;
  history: { lines: HistoryLine[]; next: string | null; paged: boolean };
  timeZone: string;
  closed: boolean;
}) {
  const headingId = `wallet-${wallet.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className="flex flex-wrap items-center gap-2 font-semibold">
            {wallet.currency} wallet {wallet.accountNumber}
            {wallet.frozenSince ? (
              <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Frozen</span>
            ) : (
              <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>
            )}
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Balance</dt>
              <dd className="font-mono text-base font-semibold tabular-nums">{formatMoney(wallet.balance, wallet.currency)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Available</dt>
              <dd className="font-mono text-base font-semibold tabular-nums">{formatMoney(wallet.available, wallet.currency)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Frozen since</dt>
              <dd>{wallet.frozenSince ? formatStaffTime(wallet.frozenSince, timeZone) : "Not frozen"}</dd>
            </div>
          </dl>
        </div>
        {!closed && <FreezeForm walletId={wallet.id} accountNumber={wallet.accountNumber} frozen={wallet.frozenSince !== null} />}
      </div>
      <h3 className="mt-4 mb-2 text-sm font-semibold text-slate-700">{history.paged ? "Older postings" : "Recent postings"}</h3>
      {history.lines.length === 0 ? (
        <p className="text-sm text-slate-600">{history.paged ? "No older postings." : "No postings yet: the wallet has never moved money."}</p>
      ) : (
        <HistoryTable lines={history.lines} currency={wallet.currency} timeZone={timeZone} caption={`Postings of wallet ${wallet.accountNumber}, newest first`} />
      )}
      <div className="mt-2 flex gap-4 text-sm">
        {history.paged && (
          <Link href={`/customers/${customerId}`} scroll={false} className="text-brand-700 hover:underline">
            Newest postings
          </Link>
        )}
        {history.next && (
          <Link href={`/customers/${customerId}?wallet=${wallet.id}&before=${history.next}`} scroll={false} className="text-brand-700 hover:underline">
            Older postings
          </Link>
        )}
      </div>
    </section>
  );
}

const kindLabels: Record<string, string> = { deposit: "Deposit", withdrawal: "Withdrawal", transfer: "Transfer" };

function HistoryTable({ lines, currency, timeZone, caption }: { lines: HistoryLine[]; currency: string; timeZone: string; caption: string }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <TableHead labels={["Time", "Kind", "Counterparty", "Reference", "Amount", "Balance after"]} />
        <tbody className="divide-y divide-slate-100">
          {lines.map((line) => (
            <tr key={line.postingId}>
              <td className="px-3 py-2 whitespace-nowrap">{formatStaffTime(line.at, timeZone)}</td>
              <td className="px-3 py-2">
                {kindLabels[line.kind] ?? line.kind}
                {line.purpose === "fee" && " fee"}
              </td>
              <td className="px-3 py-2 font-mono">{line.counterparty ?? "—"}</td>
              <td className="px-3 py-2">{line.reference ?? "—"}</td>
              <td className={`px-3 py-2 text-right font-mono whitespace-nowrap tabular-nums ${line.amount < 0n ? "text-red-700" : "text-emerald-700"}`}>
                {formatMoney(line.amount, currency)}
              </td>
              <td className="px-3 py-2 text-right font-mono whitespace-nowrap tabular-nums">{formatMoney(line.balanceAfter, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
