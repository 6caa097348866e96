import { apiRoute, reply } from "@/app/_server/api";
import { verifyEmail } from "@/lib/api/operations";
import { clientIp } from "@/lib/auth/client-ip";
import { verifyEmail as spendLink } from "@/lib/users/signup";

/** Spends an emailed verification link's token: the customer may send and withdraw from then on. */
export const POST = apiRoute(verifyEmail, async ({ request, body, services }) => {
  await spendLink(services.signUp, body.token, clientIp(request.headers));
  return reply(200, { status: "verified" });
});
