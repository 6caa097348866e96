"use client";

import Link from "next/link";
import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { IssuedPasswordNotice } from "@/components/issued-password";
import { changePasswordAction } from "@/app/_actions/account";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, {});
  if (state.data) {
    return (
      <div className="space-y-4">
        <FormMessage success={state.success} />
        <IssuedPasswordNotice issued={state.data} />
        <Link href="/login" className={buttonClass()}>
          Sign in again
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="max-w-sm space-y-3" noValidate>
      <FormMessage error={state.error} />
      <p className="text-sm text-slate-600">
        Passwords are generated, six digits. Confirm your current one and you get a new one, shown here once and emailed to you. You are then signed out everywhere.
      </p>
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        inputMode="numeric"
        required
        errors={state.fieldErrors?.currentPassword}
      />
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
