import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { buttonClass } from "@/components/form";
import { currencyName } from "@/components/wallet/format";
import { WalletCard } from "@/components/wallet/wallet-card";
import { listWallets } from "@/lib/ledger/accounts";
import { listPaymentRequests } from "@/lib/ledger/payment-requests";
import { unpostedMovements, walletHistory } from "@/lib/ledger/wallets";
import { services } from "@/lib/services";
import { OpenWalletForm } from "./open-wallet-form";

export const metadata: Metadata = { title: "Wallet" };

const recentLines = 3;

// The same few hundred names for every visit: built once per process, not per request.
const allCurrencies = Intl.supportedValuesOf("currency").map((code) => ({ value: code, label: `${code} · ${currencyName(code)}` }));

export default async function WalletPage() {
  const user = await requireUser(["customer"]);
  const timeZone = await viewerTimeZone();
  const wallets = await listWallets(services().db, user.id);
  const waiting = await listPaymentRequests(services().db, user.id, { direction: "incoming", status: "pending" }, { index: 0, size: 1 });
  const recent = await Promise.all(
    wallets.map(async (wallet) => {
      const history = await walletHistory(services().db, wallet.id, { limit: recentLines });
      return { lines: history.lines, unposted: await unpostedMovements(services().db, wallet.id, history.span, {}) };
    }),
  );
  const open = new Set(wallets.map((wallet) => wallet.currency));
  const currencies = allCurrencies.filter((currency) => !open.has(currency.value));

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Hello, {user.name}</h1>
      {wallets.length === 0 && (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          You have no wallet yet. Open one below in the currency you want to hold; you then get an account number to receive money.
        </p>
      )}
      {wallets.map((wallet, index) => (
        <WalletCard key={wallet.id} wallet={wallet} recent={recent[index].lines} unposted={recent[index].unposted} timeZone={timeZone} />
      ))}
      <section aria-labelledby="payment-requests" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="payment-requests" className="font-semibold">
          Payment requests
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {waiting.total === 0
            ? "Ask a customer for money by their email or account number; what others ask of you shows here too."
            : `${waiting.total === 1 ? "1 request waits" : `${waiting.total} requests wait`} for you to pay or decline.`}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Link href="/wallet/requests/new" className={buttonClass()}>
            Request money
          </Link>
          <Link href="/wallet/requests" className={buttonClass("secondary")}>
            See requests
          </Link>
        </div>
      </section>
      <OpenWalletForm currencies={currencies} />
    </div>
  );
}
