"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { cancelRequestAction, declineRequestAction } from "./actions";

const closings = {
  decline: { action: declineRequestAction, label: "Decline", pending: "Declining…" },
  cancel: { action: cancelRequestAction, label: "Cancel request", pending: "Cancelling…" },
};

/** Ends a pending request unpaid: the payer declines it, the requester cancels it. */
export function CloseRequestForm({ requestId, closing }: { requestId: string; closing: keyof typeof closings }) {
  const { label, pending: pendingLabel } = closings[closing];
  const [state, action, pending] = useActionState(closings[closing].action, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <FormMessage error={state.error} />
      <button type="submit" disabled={pending} className={`${buttonClass("secondary")} w-full`}>
        {pending ? pendingLabel : label}
      </button>
    </form>
  );
}
