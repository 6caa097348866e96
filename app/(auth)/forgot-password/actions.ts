"use server";

import { z } from "zod";
import { publicAction } from "@/app/_server/action";
import { resetLinkMinutes, requestPasswordReset } from "@/lib/users/password-reset";

const forgotPasswordSchema = z.object({ email: z.email("Enter the email you sign in with.").max(320) });

/** Requests a minute per client address: enough for a person, too few to mail a list of addresses. */
const requestsPerMinute = 5;

export const requestPasswordResetAction = publicAction(forgotPasswordSchema, async ({ email }, { ip, services }) => {
  const verdict = await services.rateLimiter.hit([{ bucket: `password-reset:${ip}`, limit: requestsPerMinute }]);
  if (!verdict.allowed) return { error: `Too many requests from your network. Try again in ${verdict.resetSeconds} s.`, values: { email } };
  await requestPasswordReset(services.users, email, ip);
  // The same answer whether the email has an account or not.
  return { success: `If ${email} has an account, a link to reset its password is on its way. It works once, within ${resetLinkMinutes} minutes.` };
});
