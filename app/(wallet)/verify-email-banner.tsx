"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "./wallet/actions";
import { FormMessage } from "@/components/form";

/** Until the customer confirms their email: why sending and withdrawing are refused, and a new link. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [state, action, pending] = useActionState(resendVerificationAction, {});
  return (
    <section aria-label="Confirm your email" className="mb-4 space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
      <p>
        <strong>Confirm your email</strong> to send and withdraw money: open the link we sent to {email}. You can receive money already.
      </p>
      {state.success || state.error ? (
        <FormMessage success={state.success} error={state.error} />
      ) : (
        <form action={action}>
          <button type="submit" disabled={pending} className="font-medium text-amber-900 underline">
            {pending ? "Sending…" : "Send me a new link"}
          </button>
        </form>
      )}
    </section>
  );
}
