import { apiError, apiRoute, reply } from "@/app/_server/api";
import { signUp } from "@/lib/api/operations";
import { clientIp } from "@/lib/auth/client-ip";
import { signUp as openAccount, verificationLinkHours } from "@/lib/users/signup";

/** Sign-ups a minute per client address, as on the sign-up page. */
const signUpsPerMinute = 5;

/** Opens an unverified customer account; a taken email or CPF is answered the same. */
export const POST = apiRoute(signUp, async ({ request, body, services }) => {
  const ip = clientIp(request.headers);
  const verdict = await services.rateLimiter.hit([{ bucket: `signup:${ip}`, limit: signUpsPerMinute }]);
  if (!verdict.allowed) return apiError("RATE_LIMITED", `Too many sign-ups from your network. Try again in ${verdict.resetSeconds} s.`);
  await openAccount(services.signUp, body, ip);
  return reply(202, { status: "check_email", message: `A link to confirm the email is on its way to ${body.email}; it works within ${verificationLinkHours} hours.` });
});
