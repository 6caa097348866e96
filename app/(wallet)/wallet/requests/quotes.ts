import "server-only";
import type { Database } from "@/db/client";
import type { Wallet } from "@/lib/ledger/accounts";
import { DomainError } from "@/lib/errors";
import { quotePaymentRequest, type PaymentRequestView } from "@/lib/ledger/payment-requests";
import { formatMoney } from "@/lib/money";
import { formatDateTime } from "@/lib/time";

/** What paying a request from one wallet would cost, as the pay form shows it; or why that wallet can't pay it. */
export type PaymentQuote =
  | {
      walletId: string;
      sent: string;
      fee: string;
      total: string;
      credited: string;
      rate: string | null;
      /** Minor units, to tell at payment whether the quote changed since the page showed it. */
      quoted: { total: string; credited: string };
    }
  | { walletId: string; refused: string };

/** A pending incoming request's quote from each of the payer's wallets, the rate's time in `timeZone`. */
export function paymentQuotes(db: Database, payerId: string, request: PaymentRequestView, wallets: Wallet[], timeZone: string): Promise<PaymentQuote[]> {
  return Promise.all(
    wallets.map(async (wallet): Promise<PaymentQuote> => {
      try {
        const quote = await quotePaymentRequest(db, payerId, request.id, wallet.id);
        const rate = quote.rate;
        return {
          walletId: wallet.id,
          sent: formatMoney(quote.amount, quote.from.currency),
          fee: formatMoney(quote.fee, quote.from.currency),
          total: formatMoney(quote.amount + quote.fee, quote.from.currency),
          credited: formatMoney(quote.credited, quote.to.currency),
          rate: rate && `1 ${rate.base} = ${rate.rate} ${rate.quote} · ${rate.source} · ${formatDateTime(rate.at, timeZone)}`,
          quoted: { total: (quote.amount + quote.fee).toString(), credited: quote.credited.toString() },
        };
      } catch (error) {
        if (error instanceof DomainError) return { walletId: wallet.id, refused: error.message };
        throw error;
      }
    }),
  );
}

/** The wallet a payer most likely pays from: theirs in the request's currency, else their first. */
export function likelyWallet(wallets: Wallet[], request: PaymentRequestView): Wallet | undefined {
  return wallets.find((wallet) => wallet.currency === request.currency) ?? wallets[0];
}
