import Link from "next/link";
import type { ReactNode } from "react";

/** The frame of the pages a visitor uses before signing in: the name, a heading, a card. */
export function AuthCard({ heading, children, footer }: { heading: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <p className="text-2xl font-bold tracking-tight text-brand-900">Ledgerwatch</p>
          <h1 className="mt-2 text-lg text-slate-600">{heading}</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
        {footer ? <div className="text-center text-sm text-slate-500">{footer}</div> : null}
      </div>
    </main>
  );
}

export function BackToSignIn() {
  return (
    <Link href="/login" className="font-medium text-brand-700 hover:underline">
      Back to sign in
    </Link>
  );
}
