"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, SelectField, TextField } from "@/components/form";
import { createListAction, updateListEntriesAction } from "./actions";

const textareaClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-red-500";

function EntriesField({ defaultValue, errors }: { defaultValue: string; errors?: string[] }) {
  return (
    <div className="space-y-1">
      <label htmlFor="entries" className="block text-sm font-medium text-slate-700">
        Entries, one per line
      </label>
      <textarea
        id="entries"
        name="entries"
        rows={10}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? "entries-error" : undefined}
        className={textareaClass}
      />
      {errors?.map((error) => (
        <p key={error} id="entries-error" className="text-sm text-red-700">
          {error}
        </p>
      ))}
      <p className="text-sm text-slate-600">Account numbers and CPFs as digits (dots and dashes are dropped); emails in any case.</p>
    </div>
  );
}

export function CreateListForm() {
  const [state, action, pending] = useActionState(createListAction, {});
  const values = state.values ?? {};
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage error={state.error} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Name" name="name" required defaultValue={values.name} errors={state.fieldErrors?.name} />
        <SelectField
          label="Kind"
          name="kind"
          defaultValue={values.kind ?? "deny"}
          errors={state.fieldErrors?.kind}
          options={[
            { value: "deny", label: "Deny list" },
            { value: "allow", label: "Allow list" },
          ]}
        />
        <SelectField
          label="Entries are"
          name="entryKind"
          defaultValue={values.entryKind ?? "account"}
          errors={state.fieldErrors?.entryKind}
          options={[
            { value: "account", label: "Account numbers" },
            { value: "email", label: "Emails" },
            { value: "document", label: "CPFs" },
          ]}
        />
      </div>
      <EntriesField defaultValue={values.entries ?? ""} errors={state.fieldErrors?.entries} />
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Creating…" : "Create list"}
      </button>
    </form>
  );
}

export function ListEntriesForm({ listId, entries }: { listId: string; entries: string[] }) {
  const [state, action, pending] = useActionState(updateListEntriesAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <input type="hidden" name="listId" value={listId} />
      <EntriesField defaultValue={state.values?.entries ?? entries.join("\n")} errors={state.fieldErrors?.entries} />
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Save entries"}
      </button>
    </form>
  );
}
