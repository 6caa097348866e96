import type { Metadata } from "next";
import { requireUser } from "@/app/_server/auth";

export const metadata: Metadata = { title: "Wallet" };

export default async function WalletPage() {
  const user = await requireUser(["customer"]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Hello, {user.name}</h1>
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="font-medium">Your account</h2>
        <p className="mt-1 text-sm text-slate-600">Signed in as {user.email}.</p>
        <p className="mt-3 text-sm text-slate-600">
          You have no wallet yet. Wallets open when your bank enables payments for your account.
        </p>
      </section>
    </div>
  );
}
