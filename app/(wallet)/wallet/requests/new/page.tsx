import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { listWallets } from "@/lib/ledger/accounts";
import { paymentRequestDays } from "@/lib/ledger/payment-requests";
import { services } from "@/lib/services";
import { RequestMoneyForm } from "./request-money-form";

export const metadata: Metadata = { title: "Request money" };

export default async function RequestMoneyPage() {
  const user = await requireUser(["customer"]);
  const wallets = await listWallets(services().db, user.id);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Request money</h1>
      {wallets.length > 0 ? (
        <>
          <p className="text-sm text-slate-600">
            Ask another customer, by their email or account number, for an amount into one of your wallets. They see the request with what paying it costs them, and
            can pay or decline it for {paymentRequestDays} days.
          </p>
          <RequestMoneyForm wallets={wallets.map((wallet) => ({ value: wallet.currency, label: `${wallet.currency} · account ${wallet.accountNumber}` }))} />
        </>
      ) : (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          You need a wallet to receive money. <Link href="/wallet" className="font-medium text-brand-700 underline underline-offset-2">Open one</Link> first.
        </p>
      )}
    </div>
  );
}
