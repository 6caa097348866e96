"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { credentialsSchema, SignInRefused, signIn } from "@/app/_server/auth";
import type { ActionState } from "@/app/_server/action";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const values = { login: String(formData.get("login") ?? "") };
  const parsed = credentialsSchema.safeParse({ login: formData.get("login"), password: formData.get("password") });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof SignInRefused) return { error: error.userMessage, values };
    if (error instanceof AuthError) return { error: "Sign-in failed. Try again.", values };
    throw error; // the redirect after a successful sign-in
  }
}
