import { CopyButton } from "@/components/copy-button";

export type IssuedPassword = { email: string; password: string; emailed: boolean };

/** The generated password, shown this once. */
export function IssuedPasswordNotice({ issued }: { issued: IssuedPassword }) {
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-semibold text-amber-900">Password for {issued.email}</p>
      <div className="flex flex-wrap items-center gap-3">
        <code data-testid="generated-password" className="rounded bg-white px-3 py-1.5 font-mono text-2xl tracking-widest text-slate-900">
          {issued.password}
        </code>
        <CopyButton text={issued.password} label="Copy password" />
      </div>
      <p className="text-amber-900">
        {issued.emailed
          ? `It was also emailed to ${issued.email}. It won't be shown again.`
          : `The email to ${issued.email} could not be sent: note the password now. It won't be shown again.`}
      </p>
    </div>
  );
}
