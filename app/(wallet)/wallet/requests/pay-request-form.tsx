"use client";

import { useActionState, useState } from "react";
import { buttonClass, FormMessage, SelectField } from "@/components/form";
import { ReviewRow } from "@/components/wallet/review-row";
import type { WalletOption } from "../own-wallets";
import { payRequestAction } from "./actions";
import type { PaymentQuote } from "./quotes";

/** The payer's side of a pending request: the wallet to pay from, what that costs, and Pay. */
export function PayRequestForm({
  requestId,
  idempotencyKey,
  wallets,
  quotes,
  initialFrom,
}: {
  requestId: string;
  idempotencyKey: string;
  wallets: WalletOption[];
  quotes: PaymentQuote[];
  initialFrom: string;
}) {
  const [state, action, pending] = useActionState(payRequestAction, {});
  const [from, setFrom] = useState(state.values?.from ?? initialFrom);
  const quote = quotes.find((candidate) => candidate.walletId === from) ?? quotes[0];
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage error={state.error} />
      <SelectField
        id={`from-${requestId}`}
        label="Pay from"
        name="from"
        options={wallets}
        value={from}
        onChange={(event) => setFrom(event.target.value)}
      />
      {"refused" in quote ? (
        <p className="text-sm text-red-700">{quote.refused}</p>
      ) : (
        <>
          <input type="hidden" name="quotedTotal" value={quote.quoted.total} />
          <input type="hidden" name="quotedCredited" value={quote.quoted.credited} />
          <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 text-sm">
            <ReviewRow term="You send" value={quote.sent} />
            <ReviewRow term="Fee" value={quote.fee} />
            <ReviewRow term="Total debited" value={quote.total} strong />
            <ReviewRow term="They get" value={quote.credited} strong />
            {quote.rate && <ReviewRow term="Exchange rate" value={quote.rate} />}
          </dl>
        </>
      )}
      <button type="submit" disabled={pending || "refused" in quote} className={`${buttonClass()} w-full`}>
        {pending ? "Paying…" : "Pay"}
      </button>
    </form>
  );
}
