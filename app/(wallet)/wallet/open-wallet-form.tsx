"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, SelectField } from "@/components/form";
import { openWalletAction } from "./actions";

export function OpenWalletForm({ currencies }: { currencies: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState(openWalletAction, {});
  return (
    <section aria-labelledby="open-wallet" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="open-wallet" className="mb-3 font-semibold">
        Open a wallet in another currency
      </h2>
      <form action={action} className="space-y-3" noValidate>
        <FormMessage error={state.error} success={state.success} />
        <SelectField label="Currency" name="currency" options={currencies} defaultValue={state.values?.currency ?? "USD"} errors={state.fieldErrors?.currency} />
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>
          {pending ? "Opening…" : "Open wallet"}
        </button>
      </form>
    </section>
  );
}
