"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { setWalletFrozenAction } from "../actions";

export function FreezeForm({ walletId, accountNumber, frozen }: { walletId: string; accountNumber: string; frozen: boolean }) {
  const [state, action, pending] = useActionState(setWalletFrozenAction, {});
  return (
    <form
      action={action}
      className="space-y-2"
      onSubmit={(event) => {
        if (!frozen && !window.confirm(`Freeze wallet ${accountNumber}? It will not be able to send or withdraw money.`)) event.preventDefault();
      }}
    >
      <FormMessage error={state.error} success={state.success} />
      <input type="hidden" name="walletId" value={walletId} />
      <input type="hidden" name="frozen" value={frozen ? "false" : "true"} />
      <button type="submit" disabled={pending} className={buttonClass(frozen ? "secondary" : "danger")}>
        {pending ? "Saving…" : frozen ? "Unfreeze" : "Freeze"}
      </button>
    </form>
  );
}
