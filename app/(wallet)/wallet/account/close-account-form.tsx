"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { closeMyAccountAction } from "./actions";

export function CloseAccountForm() {
  const [state, action, pending] = useActionState(closeMyAccountAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage error={state.error} />
      <p className="text-sm text-slate-600">
        You can close your account once every wallet is at zero, no withdrawal is pending and no payment request is open. You are signed out
        everywhere, and can no longer sign in. Your history stays in the ledger.
      </p>
      <TextField label="Type CLOSE to confirm" name="confirm" autoComplete="off" autoCapitalize="characters" errors={state.fieldErrors?.confirm} />
      <button type="submit" disabled={pending} className={buttonClass("danger")}>
        {pending ? "Closing…" : "Close my account"}
      </button>
    </form>
  );
}
