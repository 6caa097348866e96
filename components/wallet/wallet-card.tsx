import Link from "next/link";
import { CopyButton } from "@/components/copy-button";
import { buttonClass } from "@/components/form";
import type { Wallet } from "@/lib/ledger/accounts";
import { historyEntries } from "@/lib/ledger/line-text";
import type { HistoryLine, UnpostedMovement } from "@/lib/ledger/wallets";
import { formatMoney } from "@/lib/money";
import { HistoryLineSummary, UnpostedMovementSummary } from "./history-line";

export function WalletCard({
  wallet,
  recent,
  unposted,
  timeZone,
}: {
  wallet: Wallet;
  recent: HistoryLine[];
  /** The movements without lines in the recent lines' time: held for review, or not made. */
  unposted: UnpostedMovement[];
  timeZone: string;
}) {
  const headingId = `wallet-${wallet.id}`;
  const entries = historyEntries(recent, unposted);
  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          {wallet.currency} wallet
        </h2>
        {wallet.frozen && <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Frozen</span>}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>
          Account number <span className="font-mono text-slate-900">{wallet.accountNumber}</span>
        </span>
        <CopyButton text={wallet.accountNumber} label="Copy number" />
      </div>
      <dl className="mt-3 space-y-1">
        <div>
          <dt className="text-sm text-slate-600">Balance</dt>
          <dd className="text-2xl font-bold break-words" data-testid="balance">
            {formatMoney(wallet.balance, wallet.currency)}
          </dd>
        </div>
        {wallet.available !== wallet.balance && (
          <div className="flex flex-wrap gap-x-2 text-sm">
            <dt className="text-slate-600">Available</dt>
            <dd className="font-medium">{formatMoney(wallet.available, wallet.currency)}</dd>
          </div>
        )}
      </dl>
      {wallet.frozen && <p className="mt-2 text-sm text-red-800">This wallet is frozen: it still receives money but can&apos;t send or withdraw. Contact support.</p>}
      {wallet.balance === 0n && recent.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">
          No money here yet. To receive money, share your account number or the email you sign in with; to add your own, deposit through your bank.
        </p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        {!wallet.frozen && (
          <>
            <Link href={`/wallet/send?from=${wallet.id}`} className={buttonClass()}>
              Send
            </Link>
            <Link href={`/wallet/withdraw?wallet=${wallet.id}`} className={buttonClass("secondary")}>
              Withdraw
            </Link>
          </>
        )}
        <Link href={`/wallet/history?wallet=${wallet.id}`} className={buttonClass("secondary")}>
          History
        </Link>
        <Link href={`/wallet/statements?wallet=${wallet.id}`} className={buttonClass("secondary")}>
          Statements
        </Link>
      </div>
      {entries.length > 0 && (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="text-sm font-medium text-slate-700">Recent activity</h3>
          <ul className="mt-2 divide-y divide-slate-100">
            {entries.map(({ line, movement }) =>
              movement ? (
                <li key={movement.transferId} className="py-2">
                  <UnpostedMovementSummary movement={movement} currency={wallet.currency} timeZone={timeZone} />
                </li>
              ) : (
                <li key={line.postingId} className="py-2">
                  <HistoryLineSummary line={line} currency={wallet.currency} timeZone={timeZone} />
                </li>
              ),
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
