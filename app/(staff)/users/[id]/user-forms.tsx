"use client";

import { useActionState } from "react";
import { buttonClass, FormMessage, SelectField, TextField } from "@/components/form";
import type { UserRole } from "@/db/schema";
import { deleteUserAction, resetPasswordAction, updateUserAction } from "../actions";
import { IssuedPasswordNotice } from "@/components/issued-password";
import { roleOptions } from "../roles";

type EditableUser = { id: string; name: string; email: string; role: UserRole };

export function EditUserForm({ user }: { user: EditableUser }) {
  const [state, action, pending] = useActionState(updateUserAction, {});
  const values = state.values ?? user;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage error={state.error} success={state.success} />
      <input type="hidden" name="id" value={user.id} />
      <TextField label="Name" name="name" required defaultValue={values.name} errors={state.fieldErrors?.name} />
      <TextField label="Email" name="email" type="email" required defaultValue={values.email} errors={state.fieldErrors?.email} />
      <SelectField label="Role" name="role" options={roleOptions} defaultValue={values.role} errors={state.fieldErrors?.role} />
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}

export function ResetPasswordForm({ userId }: { userId: string }) {
  const [state, action, pending] = useActionState(resetPasswordAction, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage error={state.error} success={state.success} />
      {state.data && <IssuedPasswordNotice issued={state.data} />}
      <input type="hidden" name="id" value={userId} />
      <p className="text-sm text-slate-600">Generates a new password, emails it, and signs the user out everywhere.</p>
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {pending ? "Resetting…" : "Reset password"}
      </button>
    </form>
  );
}

export function DeleteUserForm({ userId, name }: { userId: string; name: string }) {
  const [state, action, pending] = useActionState(deleteUserAction, {});
  return (
    <form
      action={action}
      className="space-y-3"
      onSubmit={(event) => {
        if (!window.confirm(`Delete ${name}? They will be signed out and can no longer sign in.`)) event.preventDefault();
      }}
    >
      <FormMessage error={state.error} />
      <input type="hidden" name="id" value={userId} />
      <p className="text-sm text-slate-600">The user can no longer sign in. Their history stays in the audit log.</p>
      <button type="submit" disabled={pending} className={buttonClass("danger")}>
        {pending ? "Deleting…" : "Delete user"}
      </button>
    </form>
  );
}
