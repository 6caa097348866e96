import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";
import { AccountPanel } from "@/components/account/account-panel";
import { emailOptOuts } from "@/lib/notifications";
import { services } from "@/lib/services";
import { CloseAccountForm } from "./close-account-form";
import { EmailPreferencesForm } from "./email-preferences-form";

export const metadata: Metadata = { title: "Your account" };

export default async function WalletAccountPage() {
  const user = await requireUser(["customer"]);
  const optOuts = await emailOptOuts(services().db, user.id);
  return (
    <div className="space-y-4">
      <AccountPanel description={`${user.name} · ${user.email}`} />
      <section aria-labelledby="emails-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="emails-heading" className="mb-3 font-semibold text-slate-900">
          Emails
        </h2>
        <EmailPreferencesForm optOuts={optOuts} />
      </section>
      <section aria-labelledby="close-heading" className="rounded-lg border border-red-200 bg-white p-4">
        <h2 id="close-heading" className="mb-3 font-semibold text-slate-900">
          Close your account
        </h2>
        <CloseAccountForm />
      </section>
    </div>
  );
}
