import { apiError, apiRoute, reply } from "@/app/_server/api";
import { signInTokensJson } from "@/lib/api/json";
import { refreshToken } from "@/lib/api/operations";
import { refreshSignIn } from "@/lib/auth/refresh-tokens";

/** A new access and refresh token for a refresh token, once per refresh token. */
export const POST = apiRoute(refreshToken, async ({ body, services }) => {
  const renewed = await refreshSignIn(services.db, body.refreshToken, services.config.API_TOKEN_TTL_MINUTES);
  if (!renewed) return apiError("UNAUTHORIZED", "This refresh token is unknown, expired, used or revoked: sign in again.");
  return reply(201, signInTokensJson(renewed));
});
