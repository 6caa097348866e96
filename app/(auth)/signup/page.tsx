import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser, homePath } from "@/app/_server/auth";
import { AuthCard, BackToSignIn } from "../auth-card";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Open an account" };

export default async function SignUpPage() {
  const user = await currentUser();
  if (user) redirect(homePath(user));
  return (
    <AuthCard heading="Open your Ledgerwatch wallet" footer={<BackToSignIn />}>
      <SignUpForm />
    </AuthCard>
  );
}
