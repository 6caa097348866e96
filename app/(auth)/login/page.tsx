import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser, homePath } from "@/app/_server/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { AuthCard } from "../auth-card";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const user = await currentUser();
  if (user) redirect(homePath(user));
  const { callbackUrl } = await searchParams;
  return (
    <AuthCard
      heading="Sign in to your account"
      footer={
        <div className="flex flex-col gap-2">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Forgot your password?
          </Link>
          <span>
            New here?{" "}
            <Link href="/signup" className="font-medium text-brand-700 hover:underline">
              Open an account
            </Link>
          </span>
        </div>
      }
    >
      <LoginForm callbackUrl={safeCallbackUrl(callbackUrl)} />
    </AuthCard>
  );
}
