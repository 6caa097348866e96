"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const items = [
  { href: "/wallet", label: "Wallet", exact: true },
  { href: "/wallet/send", label: "Send" },
  { href: "/wallet/history", label: "History" },
  { href: "/wallet/tokens", label: "API tokens" },
];

/** The phone's tab bar, fixed at the bottom within thumb reach. */
export function WalletNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Wallet" className="fixed inset-x-0 bottom-0 z-10 border-t border-slate-200 bg-white">
      <ul className="mx-auto grid max-w-md grid-cols-4">
        {items.map((item) => {
          const current = item.exact ? pathname === item.href : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block px-1 py-3 text-center text-sm font-medium ${current ? "text-brand-700" : "text-slate-600 hover:text-slate-900"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
