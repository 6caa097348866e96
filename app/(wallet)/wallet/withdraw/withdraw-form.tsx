"use client";

import { useActionState, useState } from "react";
import { buttonClass, FormMessage, SelectField } from "@/components/form";
import { AmountField } from "@/components/wallet/amount-field";
import type { WalletOption } from "../own-wallets";
import { withdrawAction } from "./actions";

export function WithdrawForm({ wallets, initialFrom, initialKey }: { wallets: WalletOption[]; initialFrom: string; initialKey: string }) {
  const [state, action, pending] = useActionState(withdrawAction, {});
  const idempotencyKey = state.data?.nextKey ?? initialKey;
  const [from, setFrom] = useState(state.values?.from ?? initialFrom);
  const currency = wallets.find((wallet) => wallet.value === from)?.currency ?? wallets[0].currency;
  return (
    // A new key after each withdrawal empties the amount for the next one.
    <form key={idempotencyKey} action={action} className="space-y-4" noValidate>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <FormMessage error={state.error} success={state.success} />
      <SelectField label="From" name="from" options={wallets} value={from} onChange={(event) => setFrom(event.target.value)} errors={state.fieldErrors?.from} />
      <AmountField currency={currency} defaultValue={state.data ? undefined : state.values?.amount} errors={state.fieldErrors?.amount} />
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Requesting…" : "Request withdrawal"}
      </button>
    </form>
  );
}
