import type { Metadata } from "next";
import { AuthCard, BackToSignIn } from "../auth-card";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Reset your password" };

/**
 * Opening the link changes nothing: mail scanners open links too. The button posts the token,
 * and only then is the link spent.
 */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <AuthCard heading="Reset your password" footer={<BackToSignIn />}>
      <ResetPasswordForm token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
