"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState(requestPasswordResetAction, {});
  if (state.success) return <FormMessage success={state.success} />;
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={state.error} />
      <p className="text-sm text-slate-600">Give the email you sign in with: we send it a link that gets you a new password.</p>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        autoCapitalize="none"
        required
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Sending…" : "Send the link"}
      </button>
    </form>
  );
}
