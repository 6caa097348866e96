"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/form";
import { openAnalysisCaseAction } from "../cases/actions";

/** Turns a suspicious account or branch into a case in the review queue, and goes to it. */
export function OpenCaseButton({ fields, label }: { fields: Record<string, string>; label: string }) {
  const [state, action, pending] = useActionState(openAnalysisCaseAction, {});
  return (
    <form action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" disabled={pending} aria-label={`Open a case on ${label}`} className="text-sm whitespace-nowrap text-brand-700 hover:underline disabled:opacity-60">
        {pending ? "Opening…" : "Open case"}
      </button>
      <FormMessage error={state.error} />
    </form>
  );
}
