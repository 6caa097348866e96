"use client";

import { startTransition, useActionState, useState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { LineErrors } from "@/components/staff/line-errors";
import { importRatesAction, setRateAction } from "./actions";

export function SetRateForm() {
  const [state, action, pending] = useActionState(setRateAction, {});
  const values = state.values ?? { base: "", quote: "BRL", rate: "", source: "manual" };
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Base currency" name="base" required placeholder="USD" autoCapitalize="characters" defaultValue={values.base} errors={state.fieldErrors?.base} />
        <TextField label="Quote currency" name="quote" required placeholder="BRL" autoCapitalize="characters" defaultValue={values.quote} errors={state.fieldErrors?.quote} />
        <TextField label="Rate" name="rate" required inputMode="decimal" placeholder="5.4321" defaultValue={values.rate} errors={state.fieldErrors?.rate} />
        <TextField label="Source" name="source" defaultValue={values.source} errors={state.fieldErrors?.source} />
      </div>
      <p className="text-sm text-slate-600">One unit of the base currency buys this many of the quote currency. Write the rate with a dot, up to 12 decimals.</p>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Set rate"}
      </button>
    </form>
  );
}

/** Reads the chosen file in the browser and sends its text: server actions take form text fields. */
export function ImportRatesForm({ maxBytes, maxLines }: { maxBytes: number; maxLines: number }) {
  const [state, action, pending] = useActionState(importRatesAction, {});
  const [localError, setLocalError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const file = (form.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (!file) return setLocalError("Choose a CSV file first.");
    if (file.size > maxBytes) return setLocalError(`The file is too large: a rates file holds at most ${maxLines} lines.`);
    setLocalError(null);
    const data = new FormData();
    data.set("fileName", file.name);
    data.set("csv", await file.text());
    startTransition(() => action(data));
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <FormMessage error={localError ?? state.error} success={localError ? undefined : state.success} />
      {!localError && state.data?.errors && state.data.errors.length > 0 && <LineErrors errors={state.data.errors} />}
      <div className="space-y-1">
        <label htmlFor="rates-file" className="block text-sm font-medium text-slate-700">
          Rates file (CSV)
        </label>
        <input id="rates-file" name="file" type="file" accept=".csv,text/csv,text/plain" className="block w-full text-sm" />
      </div>
      <p className="text-sm text-slate-600">
        One rate per line: <code>base,quote,rate</code> or <code>base,quote,rate,source</code>, like <code>USD,BRL,5.4321,ECB</code>. A header line is
        optional. Every line is checked first: if one is wrong, nothing is imported.
      </p>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Importing…" : "Import rates"}
      </button>
    </form>
  );
}
