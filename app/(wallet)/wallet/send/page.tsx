import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { listWallets } from "@/lib/ledger/accounts";
import { services } from "@/lib/services";
import { pickOwnWallet, walletOptions } from "../own-wallets";
import { SendForm } from "./send-form";

export const metadata: Metadata = { title: "Send money" };

export default async function SendPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const user = await requireUser(["customer"]);
  const wallets = await listWallets(services().db, user.id);
  const from = pickOwnWallet(wallets, (await searchParams).from);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Send money</h1>
      {from ? (
        <>
          <p className="text-sm text-slate-600">
            Send to another customer by their email or account number. You see the fee and, across currencies, the rate before you confirm.
          </p>
          <SendForm wallets={walletOptions(wallets)} initialFrom={from.id} />
        </>
      ) : (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          You need a wallet to send money. <Link href="/wallet" className="font-medium text-brand-700 underline underline-offset-2">Open one</Link> first.
        </p>
      )}
    </div>
  );
}
