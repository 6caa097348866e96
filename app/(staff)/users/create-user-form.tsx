"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, SelectField, TextField } from "@/components/form";
import { createUserAction } from "./actions";
import { IssuedPasswordNotice } from "@/components/issued-password";
import { roleOptions } from "./roles";

export function CreateUserForm() {
  const [state, action, pending] = useActionState(createUserAction, {});
  return (
    <section aria-labelledby="create-user" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="create-user" className="mb-3 text-base font-semibold">
        New user
      </h2>
      {/* A new key per success resets the fields for the next user. */}
      <form key={state.data?.password} action={action} className="space-y-3" noValidate>
        <FormMessage error={state.error} success={state.success} />
        {state.data && <IssuedPasswordNotice issued={state.data} />}
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label="Name" name="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
          <TextField
            label="Email"
            name="email"
            type="email"
            required
            autoCapitalize="none"
            defaultValue={state.values?.email}
            errors={state.fieldErrors?.email}
          />
          <SelectField
            label="Role"
            name="role"
            options={roleOptions}
            defaultValue={state.values?.role ?? "analyst"}
            errors={state.fieldErrors?.role}
          />
        </div>
        <button type="submit" disabled={pending} className={buttonClass()}>
          {pending ? "Creating…" : "Create user"}
        </button>
      </form>
    </section>
  );
}
