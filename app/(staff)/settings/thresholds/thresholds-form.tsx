"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { updateThresholdsAction } from "./actions";

const fields = [
  { name: "transaction", label: "Transaction amount (BRL)" },
  { name: "account", label: "Account total per month (BRL)" },
  { name: "branch", label: "Branch total per month (BRL)" },
] as const;

export function ThresholdsForm({ current }: { current: { transaction: string; account: string; branch: string } }) {
  const [state, action, pending] = useActionState(updateThresholdsAction, {});
  const value = (name: keyof typeof current) => state.values?.[name] ?? current[name];
  return (
    <form action={action} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <div className="grid gap-3 sm:grid-cols-3">
        {fields.map(({ name, label }) => (
          <TextField
            key={`${name}-${value(name)}`}
            label={label}
            name={name}
            inputMode="decimal"
            required
            defaultValue={value(name)}
            errors={state.fieldErrors?.[name]}
          />
        ))}
      </div>
      <p className="text-sm text-slate-600">A value at or above a threshold is suspicious. Write amounts with a dot and at most 2 decimals, without separators: 100000.00.</p>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Save as a new version"}
      </button>
    </form>
  );
}
