"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { saveFeeScheduleAction } from "./actions";

export type FeeFormValues = { currency: string; flat: string; percent: string; minimum: string };

export function FeeForm({ current }: { current: FeeFormValues }) {
  const [state, action, pending] = useActionState(saveFeeScheduleAction, {});
  const values = state.values ?? current;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Currency" name="currency" required autoCapitalize="characters" defaultValue={values.currency} errors={state.fieldErrors?.currency} />
        <TextField label="Flat fee" name="flat" inputMode="decimal" placeholder="1.00" defaultValue={values.flat} errors={state.fieldErrors?.flat} />
        <TextField label="Percent of the amount" name="percent" inputMode="decimal" placeholder="0.5" defaultValue={values.percent} errors={state.fieldErrors?.percent} />
        <TextField label="Minimum fee" name="minimum" inputMode="decimal" placeholder="2.00" defaultValue={values.minimum} errors={state.fieldErrors?.minimum} />
      </div>
      <p className="text-sm text-slate-600">
        The sender pays the flat fee plus the percent of the amount (rounded up to a whole cent), or the minimum if that is more. Amounts are in the
        currency with a dot, like 1.50; the percent is a number like 0.5 for 0.5%, up to 4 decimals. Leave a field empty for 0.
      </p>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Save fee"}
      </button>
    </form>
  );
}
