import type { Metadata } from "next";
import { AuthCard, BackToSignIn } from "../auth-card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard heading="Reset your password" footer={<BackToSignIn />}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
