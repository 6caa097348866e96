import type { SignInTokens } from "@/lib/auth/refresh-tokens";
import type { Wallet } from "@/lib/ledger/accounts";
import type { PaymentRequestView } from "@/lib/ledger/payment-requests";
import type { HistoryLine } from "@/lib/ledger/wallets";
import { formatMinorUnits } from "@/lib/money";
import { currencyScale } from "@/lib/money/currency";
import { depositResultSchema, withdrawalSchema, type PaymentRequestJson, type WalletJson, type WalletLineJson } from "./schemas";

export function signInTokensJson(tokens: SignInTokens) {
  return {
    token: tokens.token,
    tokenType: "Bearer" as const,
    expiresAt: tokens.expiresAt?.toISOString() ?? null,
    refreshToken: tokens.refreshToken,
    refreshExpiresAt: tokens.refreshExpiresAt.toISOString(),
  };
}

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

type Money = { amount: string; currency: string };

/** A withdrawal as the ledger answers it, its status checked against the ones the API declares. */
export function withdrawalJson(withdrawal: { id: string; status: string; amount: Money }) {
  return { id: withdrawal.id, status: withdrawalSchema.shape.status.parse(withdrawal.status), amount: withdrawal.amount };
}

export function depositJson(deposit: { id: string; status: string; credited: Money; accountNumber: string; reference: string }) {
  const { id, credited, accountNumber, reference } = deposit;
  return { id, status: depositResultSchema.shape.status.parse(deposit.status), credited, accountNumber, reference };
}

export function paymentRequestJson(request: PaymentRequestView): PaymentRequestJson {
  return {
    id: request.id,
    direction: request.direction,
    requester: request.requester,
    payer: request.payer,
    amount: { amount: formatMinorUnits(request.amount, currencyScale(request.currency)), currency: request.currency },
    note: request.note,
    status: request.status,
    transferId: request.transferId,
    createdAt: request.createdAt.toISOString(),
    expiresAt: request.expiresAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString() ?? null,
  };
}
