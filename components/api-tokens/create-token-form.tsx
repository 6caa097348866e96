"use client";

import { useActionState } from "react";
import { CopyButton } from "@/components/copy-button";
import { buttonClass, FormMessage, SelectField, TextField } from "@/components/form";
import { createTokenAction } from "@/app/_actions/api-tokens";

const expiryOptions = [
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "never", label: "Never" },
];

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createTokenAction, {});
  return (
    <section aria-labelledby="new-token" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="new-token" className="mb-3 text-base font-semibold">
        New token
      </h2>
      {/* A new key per token made resets the fields for the next one. */}
      <form key={state.data?.token} action={action} className="space-y-3" noValidate>
        <FormMessage error={state.error} />
        {state.data && (
          <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
            <p className="font-semibold text-amber-900">Copy the token “{state.data.name}” now: it won&apos;t be shown again.</p>
            <div className="flex flex-wrap items-center gap-3">
              <code aria-label="New API token" className="rounded bg-white px-3 py-1.5 font-mono text-sm break-all text-slate-900">
                {state.data.token}
              </code>
              <CopyButton text={state.data.token} label="Copy token" />
            </div>
            <p className="text-amber-900">
              Send it as <code className="font-mono">Authorization: Bearer …</code>. It acts as you, with your role, until it expires or you revoke it.
            </p>
          </div>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Token name"
            name="name"
            required
            maxLength={100}
            placeholder="Accounting export"
            defaultValue={state.values?.name}
            errors={state.fieldErrors?.name}
          />
          <SelectField label="Expires" name="expiresInDays" options={expiryOptions} defaultValue={state.values?.expiresInDays ?? "90"} errors={state.fieldErrors?.expiresInDays} />
        </div>
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </section>
  );
}
