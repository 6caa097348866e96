"use client";

import Link from "next/link";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { IssuedPasswordNotice } from "@/components/issued-password";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, {});
  if (state.data) {
    return (
      <div className="space-y-4">
        <FormMessage success={state.success} />
        <IssuedPasswordNotice issued={state.data} />
        <Link href="/login" className={`${buttonClass()} w-full`}>
          Sign in
        </Link>
      </div>
    );
  }
  if (!token || state.error) {
    return (
      <div className="space-y-4">
        <FormMessage error={state.error ?? "This page needs the link from the email: open it again, or ask for a new one."} />
        <Link href="/forgot-password" className={`${buttonClass()} w-full`}>
          Ask for a new link
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-600">
        Passwords are generated, six digits. Get a new one: it is shown here once and emailed to you, and you are signed out everywhere.
      </p>
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Resetting…" : "Get a new password"}
      </button>
    </form>
  );
}
