import { requireUser } from "@/app/_server/auth";
import { SignOutButton } from "@/components/sign-out-button";

export default async function WalletLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(["customer"]);
  return (
    <div className="mx-auto min-h-screen max-w-md">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3">
        <span className="font-bold text-brand-900">Ledgerwatch</span>
        <div className="flex items-center gap-2 text-sm">
          <span className="text-slate-600" data-testid="signed-in-as">
            {user.name}
          </span>
          <SignOutButton />
        </div>
      </header>
      <main className="px-4 py-6">{children}</main>
    </div>
  );
}
