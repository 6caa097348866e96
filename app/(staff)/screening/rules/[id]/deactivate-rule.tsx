"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { deactivateRuleAction } from "../../actions";

export function DeactivateRule({ ruleId }: { ruleId: string }) {
  const [state, action, pending] = useActionState(deactivateRuleAction, {});
  return (
    <form action={action} className="space-y-2">
      <FormMessage error={state.error} success={state.success} />
      <input type="hidden" name="ruleId" value={ruleId} />
      <button type="submit" disabled={pending} className={buttonClass("danger")}>
        {pending ? "Deactivating…" : "Deactivate rule"}
      </button>
    </form>
  );
}
