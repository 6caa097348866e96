import type { Metadata } from "next";
import { AuthCard, BackToSignIn } from "../auth-card";
import { VerifyEmailForm } from "./verify-email-form";

export const metadata: Metadata = { title: "Confirm your email" };

/** Opening the link changes nothing (mail scanners open links too): the button spends it. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  return (
    <AuthCard heading="Confirm your email" footer={<BackToSignIn />}>
      <VerifyEmailForm token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
