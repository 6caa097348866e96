import { apiRoute, reply } from "@/app/_server/api";
import { resendVerification } from "@/lib/api/operations";
import { resendVerificationLink } from "@/lib/users/signup";

/** Emails the signed-in customer a new verification link. */
export const POST = apiRoute(resendVerification, async ({ user, services }) => {
  await resendVerificationLink(services.signUp, user.id);
  return reply(202, { status: "sent", email: user.email });
});
