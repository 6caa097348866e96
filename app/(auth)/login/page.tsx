import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser, homePath } from "@/app/_server/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const user = await currentUser();
  if (user) redirect(homePath(user));
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <p className="text-2xl font-bold tracking-tight text-brand-900">Ledgerwatch</p>
          <h1 className="mt-2 text-lg text-slate-600">Sign in to your account</h1>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={safeCallbackUrl(callbackUrl)} />
        </div>
        <p className="text-center text-sm text-slate-500">Forgot your password? Ask your administrator to reset it.</p>
      </div>
    </main>
  );
}
