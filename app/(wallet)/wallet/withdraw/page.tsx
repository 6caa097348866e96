import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { listWallets } from "@/lib/ledger/accounts";
import { pendingWithdrawals } from "@/lib/ledger/holds";
import { services } from "@/lib/services";
import { formatDateTime } from "@/lib/time";
import { pickOwnWallet, walletOptions } from "../own-wallets";
import { WithdrawForm } from "./withdraw-form";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Withdraw" };

export default async function WithdrawPage({ searchParams }: { searchParams: Promise<{ wallet?: string }> }) {
  const user = await requireUser(["customer"]);
  const timeZone = await viewerTimeZone();
  const wallets = await listWallets(services().db, user.id);
  const from = pickOwnWallet(wallets, (await searchParams).wallet);
  const pending = await pendingWithdrawals(services().db, user.id);
  const holdMinutes = services().config.WITHDRAWAL_HOLD_MINUTES;
  const hold = holdMinutes % 60 === 0 ? `${holdMinutes / 60} hours` : `${holdMinutes} minutes`;

  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Withdraw</h1>
      {from ? (
        <>
          <p className="text-sm text-slate-600">
            The payment provider pays the money out to your bank account. Until it does, the amount is held: it stays in your balance but you can&apos;t spend it. A
            hold that isn&apos;t paid out within {hold} lapses and the money
            is yours to spend again.
          </p>
          <WithdrawForm wallets={walletOptions(wallets)} initialFrom={from.id} initialKey={randomUUID()} />
        </>
      ) : (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600 shadow-sm">
          You have no wallet to withdraw from. <Link href="/wallet" className="font-medium text-brand-700 underline underline-offset-2">Open one</Link> first.
        </p>
      )}
      <section aria-labelledby="pending-withdrawals" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="pending-withdrawals" className="font-semibold">
          Pending withdrawals
        </h2>
        {pending.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">None: no money of yours is on hold.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {pending.map((withdrawal) => (
              <li key={withdrawal.id} className="py-2">
                <Link href={`/wallet/transfers/${withdrawal.id}`} className="font-medium text-brand-700 hover:underline">
                  {formatMoney(withdrawal.amount, withdrawal.currency)} held
                </Link>
                <p className="text-slate-600">From {withdrawal.accountNumber}, requested {formatDateTime(withdrawal.requestedAt, timeZone)}</p>
                <p className="text-slate-600">Hold lapses {formatDateTime(withdrawal.expiresAt, timeZone)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
