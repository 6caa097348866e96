import type { Wallet } from "@/lib/ledger/accounts";
import type { HistoryLine } from "@/lib/ledger/wallets";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import type { WalletJson, WalletLineJson } from "./schemas";

export function walletJson(wallet: Wallet): WalletJson {
  const scale = currencyScale(wallet.currency);
  return {
    id: wallet.id,
    accountNumber: wallet.accountNumber,
    currency: wallet.currency,
    balance: formatMinorUnits(wallet.balance, scale),
    available: formatMinorUnits(wallet.available, scale),
  };
}

export function walletLineJson(line: HistoryLine, currency: string): WalletLineJson {
  const scale = currencyScale(currency);
  return {
    id: line.postingId,
    transferId: line.transferId,
    kind: line.kind as WalletLineJson["kind"],
    purpose: line.purpose,
    amount: formatMinorUnits(line.amount, scale),
    currency,
    balanceAfter: formatMinorUnits(line.balanceAfter, scale),
    at: line.at.toISOString(),
    counterparty: line.counterparty,
    reference: line.reference,
  };
}

export function rateJson(rate: { base: string; quote: string; rate: string; source: string; createdAt: Date }) {
  return { base: rate.base, quote: rate.quote, rate: rate.rate, source: rate.source, at: rate.createdAt.toISOString() };
}
