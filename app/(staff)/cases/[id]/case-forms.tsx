"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, SelectField } from "@/components/form";
import { addCaseNoteAction, assignCaseAction, closeCaseAction, decideCaseAction } from "../actions";

function NoteField({ id, label, name, errors, defaultValue }: { id: string; label: string; name: string; errors?: string[]; defaultValue?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={3}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none aria-invalid:border-red-500 sm:text-sm"
      />
      {errors?.map((error) => (
        <p key={error} id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ))}
    </div>
  );
}

export function AssignForm({ caseId, viewerId, assigneeId, staff }: { caseId: string; viewerId: string; assigneeId: string | null; staff: { id: string; name: string; role: string }[] }) {
  const [state, action, pending] = useActionState(assignCaseAction, {});
  return (
    <div className="space-y-3">
      <FormMessage error={state.error} success={state.success} />
      {assigneeId !== viewerId && (
        <form action={action}>
          <input type="hidden" name="caseId" value={caseId} />
          <input type="hidden" name="assigneeId" value={viewerId} />
          <button type="submit" disabled={pending} className={buttonClass()}>
            Assign to me
          </button>
        </form>
      )}
      <form action={action} className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="caseId" value={caseId} />
        <SelectField
          label="Assignee"
          name="assigneeId"
          defaultValue={assigneeId ?? ""}
          errors={state.fieldErrors?.assigneeId}
          options={[{ value: "", label: "Nobody" }, ...staff.map((member) => ({ value: member.id, label: `${member.name} (${member.role})` }))]}
        />
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>
          {pending ? "Saving…" : "Assign"}
        </button>
      </form>
    </div>
  );
}

export function NoteForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(addCaseNoteAction, {});
  return (
    // A new key after each note empties the field for the next one.
    <form key={state.data ?? "note"} action={action} className="space-y-2" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <input type="hidden" name="caseId" value={caseId} />
      <NoteField id="note-body" label="Note" name="body" errors={state.fieldErrors?.body} defaultValue={state.error ? state.values?.body : undefined} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Adding…" : "Add the note"}
      </button>
    </form>
  );
}

export function DecisionForm({ caseId, decision }: { caseId: string; decision: "release" | "reject" }) {
  const [state, action, pending] = useActionState(decideCaseAction, {});
  if (state.success) return <FormMessage success={state.success} />;
  const release = decision === "release";
  return (
    <form action={action} className="space-y-2" noValidate>
      <FormMessage error={state.error} />
      <input type="hidden" name="caseId" value={caseId} />
      <input type="hidden" name="decision" value={decision} />
      <NoteField
        id={`${decision}-note`}
        label={release ? "Note on the release (optional)" : "Why it is rejected"}
        name="note"
        errors={state.fieldErrors?.note}
        defaultValue={state.values?.note}
      />
      <button type="submit" disabled={pending} className={buttonClass(release ? "primary" : "danger")}>
        {pending ? "Saving…" : release ? "Release" : "Reject"}
      </button>
    </form>
  );
}

export function CloseForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(closeCaseAction, {});
  if (state.success) return <FormMessage success={state.success} />;
  return (
    <form action={action} className="space-y-2" noValidate>
      <FormMessage error={state.error} />
      <input type="hidden" name="caseId" value={caseId} />
      <NoteField id="close-note" label="What was found" name="note" errors={state.fieldErrors?.note} defaultValue={state.values?.note} />
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Closing…" : "Close the case"}
      </button>
    </form>
  );
}
