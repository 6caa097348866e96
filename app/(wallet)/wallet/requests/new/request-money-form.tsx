"use client";

import { useActionState, useState } from "react";
import { buttonClass, FormMessage, SelectField, TextField } from "@/components/form";
import { AmountField } from "@/components/wallet/amount-field";
import { requestMoneyAction } from "../actions";

export function RequestMoneyForm({ wallets }: { wallets: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState(requestMoneyAction, {});
  const [currency, setCurrency] = useState(state.values?.currency ?? wallets[0].value);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={state.error} />
      <TextField
        label="Who pays (email or account number)"
        name="payer"
        autoCapitalize="none"
        autoComplete="off"
        defaultValue={state.values?.payer}
        errors={state.fieldErrors?.payer}
      />
      <SelectField
        label="Into your wallet"
        name="currency"
        options={wallets}
        value={currency}
        onChange={(event) => setCurrency(event.target.value)}
        errors={state.fieldErrors?.currency}
      />
      <AmountField currency={currency} defaultValue={state.values?.amount} errors={state.fieldErrors?.amount} />
      <TextField label="Note (optional)" name="note" maxLength={140} autoComplete="off" defaultValue={state.values?.note} errors={state.fieldErrors?.note} />
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Sending…" : "Send request"}
      </button>
    </form>
  );
}
