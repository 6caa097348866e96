"use client";

import Link from "next/link";
import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { verifyEmailAction } from "./actions";

export function VerifyEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(verifyEmailAction, {});
  if (state.success) {
    return (
      <div className="space-y-4">
        <FormMessage success={state.success} />
        <Link href="/wallet" className={`${buttonClass()} w-full`}>
          Open my wallet
        </Link>
      </div>
    );
  }
  if (!token || state.error) {
    return (
      <div className="space-y-4">
        <FormMessage error={state.error ?? "This page needs the link from the email: open it again."} />
        <p className="text-sm text-slate-600">Sign in: your wallet has a button that sends a new link.</p>
        <Link href="/wallet" className={`${buttonClass()} w-full`}>
          Go to my wallet
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm text-slate-600">Confirm that this email address is yours, to start sending and withdrawing money.</p>
      <button type="submit" disabled={pending} className={`${buttonClass()} w-full`}>
        {pending ? "Confirming…" : "Confirm my email"}
      </button>
    </form>
  );
}
