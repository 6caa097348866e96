import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Your account" };

export default async function WalletAccountPage() {
  const user = await requireUser(["customer"]);
  return (
    <>
      <PageHeader title="Your account" description={`${user.name} · ${user.email}`} />
      <section aria-labelledby="password-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="password-heading" className="mb-3 font-semibold text-slate-900">
          Password
        </h2>
        <ChangePasswordForm />
      </section>
    </>
  );
}
