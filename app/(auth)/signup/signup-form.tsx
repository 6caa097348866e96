"use client";

import Link from "next/link";
import { useActionState } from "react";
import { buttonClass, FormMessage, TextField } from "@/components/form";
import { minChosenPasswordLength } from "@/lib/auth/password-rules";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, {});
  if (state.success) {
    return (
      <div className="space-y-4">
        <FormMessage success={state.success} />
        <Link href="/login" className={`${buttonClass()} w-full`}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage error={state.error} />
      <TextField label="Full name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
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
      <TextField
        label="CPF"
        name="cpf"
        inputMode="numeric"
        autoComplete="off"
        placeholder="000.000.000-00"
        required
        defaultValue={state.values?.cpf}
        errors={state.fieldErrors?.cpf}
      />
      <TextField
        label={`Password (at least ${minChosenPasswordLength} characters)`}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minChosenPasswordLength}
        errors={state.fieldErrors?.password}
      />
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Opening your account…" : "Open my account"}
      </button>
    </form>
  );
}
