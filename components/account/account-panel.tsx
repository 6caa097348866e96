import { ChangePasswordForm } from "./change-password-form";
import { PageHeader } from "@/components/page-header";

/** The account page, staff's and customers' alike: who is signed in, and their password. */
export function AccountPanel({ description }: { description: string }) {
  return (
    <>
      <PageHeader title="Your account" description={description} />
      <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="password-heading" className="mb-3 font-semibold text-slate-900">
          Password
        </h2>
        <ChangePasswordForm />
      </section>
    </>
  );
}
