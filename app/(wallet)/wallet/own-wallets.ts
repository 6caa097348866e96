import "server-only";
import { notFound } from "next/navigation";
import type { Wallet } from "@/lib/ledger/accounts";
import { formatGroupedMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";

/**
 * The wallet a page's query names, which must be one of the customer's own: anyone else's is
 * not found, like a wallet that doesn't exist. Without one, the customer's first wallet.
 */
export function pickOwnWallet(wallets: Wallet[], requested: string | undefined): Wallet | undefined {
  if (!requested) return wallets[0];
  const wallet = wallets.find((candidate) => candidate.id === requested);
  if (!wallet) notFound();
  return wallet;
}

export type WalletOption = { value: string; label: string; currency: string };

/** The customer's wallets for a "from" select, each with what it can spend. */
export function walletOptions(wallets: Wallet[]): WalletOption[] {
  return wallets.map((wallet) => ({
    value: wallet.id,
    label: `${wallet.currency} ${wallet.accountNumber} · ${formatGroupedMinorUnits(wallet.available, currencyScale(wallet.currency))} available`,
    currency: wallet.currency,
  }));
}
