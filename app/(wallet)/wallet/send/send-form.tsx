"use client";

import { useActionState, useState } from "react";
import { buttonClass, FormMessage, SelectField, TextField } from "@/components/form";
import { AmountField } from "@/components/wallet/amount-field";
import { ReviewRow } from "@/components/wallet/review-row";
import type { WalletOption } from "../own-wallets";
import { sendMoneyAction, type SendReview } from "./actions";

export function SendForm({ wallets, initialFrom }: { wallets: WalletOption[]; initialFrom: string }) {
  const [state, action, pending] = useActionState(sendMoneyAction, {});
  const values = state.values ?? {};
  if (state.data) return <Review review={state.data} values={values} error={state.error} action={action} pending={pending} />;
  return <Details wallets={wallets} initialFrom={values.from ?? initialFrom} state={state} action={action} pending={pending} />;
}

function Details({
  wallets,
  initialFrom,
  state,
  action,
  pending,
}: {
  wallets: WalletOption[];
  initialFrom: string;
  state: { error?: string; fieldErrors?: Record<string, string[] | undefined>; values?: Record<string, string> };
  action: (formData: FormData) => void;
  pending: boolean;
}) {
  const [from, setFrom] = useState(initialFrom);
  const currency = wallets.find((wallet) => wallet.value === from)?.currency ?? wallets[0].currency;
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="step" value="review" />
      <FormMessage error={state.error} />
      <SelectField label="From" name="from" options={wallets} value={from} onChange={(event) => setFrom(event.target.value)} errors={state.fieldErrors?.from} />
      <TextField
        label="To (email or account number)"
        name="to"
        autoCapitalize="none"
        autoComplete="off"
        defaultValue={state.values?.to}
        errors={state.fieldErrors?.to}
      />
      <AmountField currency={currency} defaultValue={state.values?.amount} errors={state.fieldErrors?.amount} />
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Checking…" : "Review"}
      </button>
    </form>
  );
}

function Review({
  review,
  values,
  error,
  action,
  pending,
}: {
  review: SendReview;
  values: Record<string, string>;
  error?: string;
  action: (formData: FormData) => void;
  pending: boolean;
}) {
  const kept = (
    <>
      <input type="hidden" name="from" value={values.from} />
      <input type="hidden" name="to" value={values.to} />
      <input type="hidden" name="amount" value={values.amount} />
    </>
  );
  return (
    <section aria-labelledby="review-heading" className="space-y-4">
      <h2 id="review-heading" className="text-lg font-semibold">
        Check and confirm
      </h2>
      <FormMessage error={error} />
      <dl className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm shadow-sm">
        <ReviewRow term="You send" value={review.sent} />
        <ReviewRow term="Fee" value={review.fee} />
        <ReviewRow term="Total debited" value={review.total} strong />
        <ReviewRow term="Recipient gets" value={review.credited} strong />
        <ReviewRow term="Recipient's account" value={values.to.includes("@") ? `${review.to.accountNumber} (${values.to})` : review.to.accountNumber} />
        {review.rate && <ReviewRow term="Exchange rate" value={review.rate} />}
        <ReviewRow term="From your account" value={`${review.from.accountNumber} (${review.from.currency})`} />
      </dl>
      <form action={action}>
        <input type="hidden" name="step" value="confirm" />
        <input type="hidden" name="idempotencyKey" value={review.idempotencyKey} />
        <input type="hidden" name="quotedFee" value={review.quoted.fee} />
        <input type="hidden" name="quotedCredited" value={review.quoted.credited} />
        {kept}
        <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
          {pending ? "Sending…" : "Confirm and send"}
        </button>
      </form>
      <form action={action}>
        <input type="hidden" name="step" value="edit" />
        {kept}
        <button type="submit" disabled={pending} className={`${buttonClass("secondary")} w-full`}>
          Change details
        </button>
      </form>
    </section>
  );
}
