import Link from "next/link";
import { requireUser } from "@/app/_server/auth";
import { SignOutButton } from "@/components/sign-out-button";
import { StaffNav, type NavItem } from "@/components/staff-nav";
import { staffRoles } from "@/lib/auth/session";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser(staffRoles);
  const items: NavItem[] = [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/customers", label: "Customers" },
    { href: "/imports", label: "Imports" },
    { href: "/analysis", label: "Analysis" },
    { href: "/cases", label: "Cases" },
    { href: "/fx-rates", label: "FX rates" },
    { href: "/fees", label: "Fees" },
    { href: "/integrity", label: "Integrity" },
    { href: "/tokens", label: "API tokens" },
  ];
  if (user.role === "admin") {
    items.push(
      { href: "/users", label: "Users" },
      { href: "/screening", label: "Screening rules" },
      { href: "/settings/thresholds", label: "Thresholds" },
      { href: "/audit", label: "Audit log" },
      { href: "/outbox", label: "Outbox" },
      { href: "/webhooks", label: "Webhooks" },
    );
  }
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="text-lg font-bold text-brand-900">
            Ledgerwatch
          </Link>
          <div className="order-3 w-full min-w-0 sm:order-none sm:w-auto sm:flex-1">
            <StaffNav items={items} />
          </div>
          <div className="ml-auto flex items-center gap-2 text-sm">
            <Link href="/account" className="hidden text-slate-600 hover:underline sm:inline" data-testid="signed-in-as" title="Your account">
              {user.name} · {user.role}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
