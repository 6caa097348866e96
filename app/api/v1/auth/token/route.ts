import { apiError, apiRoute, reply } from "@/app/_server/api";
import { logSignIn } from "@/app/_server/auth";
import { signInTokensJson } from "@/lib/api/json";
import { issueToken } from "@/lib/api/operations";
import { authenticate, refusalMessage } from "@/lib/auth/authenticate";
import { clientIp } from "@/lib/auth/client-ip";
import { deviceTokenFrom } from "@/lib/auth/devices";
import { issueSignInTokens } from "@/lib/auth/refresh-tokens";
import { log } from "@/lib/log";
import { defaultTimeZone } from "@/lib/time";

/** Exchanges a login and password for a short-lived bearer token and a refresh token, under the sign-in page's lockout rules. */
export const POST = apiRoute(issueToken, async ({ request, body: credentials, services }) => {
  const { db, lockout, config } = services;
  // A browser's `lw_device` cookie counts here too; the API never issues one.
  const deviceToken = deviceTokenFrom(request.headers.get("cookie"));
  const result = await authenticate(db, lockout, { ...credentials, ip: clientIp(request.headers), deviceToken });
  logSignIn(log(), credentials.login, result);
  if (!result.ok) {
    // An API caller has no browser to say its zone: the message says the time in the default one, and lockedUntil in ISO 8601.
    const message = refusalMessage(result, defaultTimeZone);
    if (result.reason === "locked") return apiError("ACCOUNT_LOCKED", message, { details: { lockedUntil: result.lockedUntil } });
    if (result.reason === "ip_limited") {
      const seconds = Math.ceil((result.retryAfter.getTime() - Date.now()) / 1000);
      return apiError("TOO_MANY_ATTEMPTS", message, { headers: { "Retry-After": String(Math.max(seconds, 1)) } });
    }
    return apiError("UNAUTHORIZED", message);
  }
  return reply(201, signInTokensJson(await issueSignInTokens(db, result.user.id, config.API_TOKEN_TTL_MINUTES)));
});
