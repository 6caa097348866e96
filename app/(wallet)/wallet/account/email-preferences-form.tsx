"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage } from "@/components/form";
import { notificationKindLabels, type NotificationKind } from "@/lib/notifications/kinds";
import { saveEmailPreferencesAction } from "./actions";

export function EmailPreferencesForm({ optOuts }: { optOuts: NotificationKind[] }) {
  const [state, action, pending] = useActionState(saveEmailPreferencesAction, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage success={state.success} error={state.error} />
      <fieldset className="space-y-2">
        <legend className="text-sm text-slate-600">Email me when…</legend>
        {(Object.entries(notificationKindLabels) as Array<[NotificationKind, string]>).map(([kind, label]) => (
          <label key={kind} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={kind} defaultChecked={!optOuts.includes(kind)} className="h-4 w-4" />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="text-xs text-slate-500">Every notification still shows under the bell.</p>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Save my email choices"}
      </button>
    </form>
  );
}
