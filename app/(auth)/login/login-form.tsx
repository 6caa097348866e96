"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { signInAction } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Email or username"
        name="login"
        autoComplete="username"
        autoCapitalize="none"
        required
        defaultValue={state.values?.login}
        errors={state.fieldErrors?.login}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        inputMode="numeric"
        required
        errors={state.fieldErrors?.password}
      />
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
