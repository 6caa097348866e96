"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { closeCustomerAccountAction } from "../actions";

export function CloseCustomerForm({ customerId, name }: { customerId: string; name: string }) {
  const [state, action, pending] = useActionState(closeCustomerAccountAction, {});
  if (state.success) return <FormMessage success={state.success} />;
  return (
    <form
      action={action}
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        if (!window.confirm(`Close ${name}'s account? They are signed out and can no longer sign in.`)) event.preventDefault();
      }}
    >
      <FormMessage error={state.error} />
      <input type="hidden" name="customerId" value={customerId} />
      <TextField label="Reason (kept in the audit log)" name="reason" defaultValue={state.values?.reason} errors={state.fieldErrors?.reason} />
      <button type="submit" disabled={pending} className={buttonClass("danger")}>
        {pending ? "Closing…" : "Close the account"}
      </button>
    </form>
  );
}
