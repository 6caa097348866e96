import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { SignOutButton } from "@/components/sign-out-button";
import { WalletNav } from "@/components/wallet/wallet-nav";
import { unreadCount } from "@/lib/notifications";
import { services } from "@/lib/services";
import { isEmailVerified } from "@/lib/users/signup";
import { NotificationBell } from "./notification-bell";
import { VerifyEmailBanner } from "./verify-email-banner";

export default async function WalletLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(["customer"]);
  const [verified, unread] = await Promise.all([isEmailVerified(services().signUp, user.id), unreadCount(services().db, user.id)]);
  return (
    <div className="mx-auto min-h-screen max-w-md">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3">
        <Link href="/wallet" className="font-bold text-brand-900">
          Ledgerwatch
        </Link>
        <div className="flex min-w-0 items-center gap-2 text-sm">
          <NotificationBell unread={unread} />
          <Link href="/wallet/account" className="truncate text-slate-600 hover:underline" data-testid="signed-in-as" title="Your account">
            {user.name}
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main className="px-4 pt-6 pb-24">
        {!verified && <VerifyEmailBanner email={user.email} />}
        {children}
      </main>
      <WalletNav />
    </div>
  );
}
