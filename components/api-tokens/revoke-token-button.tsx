"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/form";
import { revokeTokenAction } from "@/app/_actions/api-tokens";

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, {});
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (!confirm(`Revoke “${name}”? Anything using it stops working at once.`)) event.preventDefault();
      }}
      className="flex flex-col items-end gap-1"
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Revoke ${name}`} className={buttonClass("danger")}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
