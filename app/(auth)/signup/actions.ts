"use server";

import { publicAction } from "@/app/_server/action";
import { signUp, signUpInputSchema, verificationLinkHours } from "@/lib/users/signup";

/** Sign-ups a minute per client address: enough for a family on one network, too few to fill a list. */
const signUpsPerMinute = 5;

export const signUpAction = publicAction(signUpInputSchema, async (input, { ip, services }) => {
  const verdict = await services.rateLimiter.hit([{ bucket: `signup:${ip}`, limit: signUpsPerMinute }]);
  if (!verdict.allowed) return { error: `Too many sign-ups from your network. Try again in ${verdict.resetSeconds} s.`, values: { name: input.name, email: input.email } };
  await signUp(services.signUp, input, ip);
  // The same answer whether the email (or the CPF) was taken or not: the email says which.
  return {
    success: `Almost there: we sent a link to ${input.email}. Open it within ${verificationLinkHours} hours to confirm your email. You can sign in now; sending and withdrawing money wait for the confirmation.`,
  };
});
