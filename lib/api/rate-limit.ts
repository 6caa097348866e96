import { clientIp } from "@/lib/auth/client-ip";
import type { RateLimit, RateLimitVerdict } from "@/lib/rate-limit";
import { services } from "@/lib/services";
import { apiError } from "./responses";

/**
 * Counts the request against its client address's limit and, once known, its caller's: a bearer
 * token, a session user or the payment provider. A request refused by one limit still counts against the others.
 */
export async function countRequest(request: Request, caller?: string): Promise<RateLimitVerdict> {
  const { config, rateLimiter } = services();
  const limits: RateLimit[] = [{ bucket: `ip:${clientIp(request.headers)}`, limit: config.RATE_LIMIT_IP_PER_MINUTE }];
  if (caller) limits.push({ bucket: caller, limit: config.RATE_LIMIT_TOKEN_PER_MINUTE });
  return rateLimiter.hit(limits);
}

function rateLimitHeaders(verdict: RateLimitVerdict): Record<string, string> {
  return { "RateLimit-Limit": String(verdict.limit), "RateLimit-Remaining": String(verdict.remaining), "RateLimit-Reset": String(verdict.resetSeconds) };
}

export function rateLimitedResponse(verdict: RateLimitVerdict): Response {
  return apiError("RATE_LIMITED", `Too many requests: at most ${verdict.limit} a minute. Try again in ${verdict.resetSeconds} s.`, {
    headers: { "Retry-After": String(verdict.resetSeconds), ...rateLimitHeaders(verdict) },
  });
}

export function withRateLimitHeaders(response: Response, verdict: RateLimitVerdict): Response {
  for (const [name, value] of Object.entries(rateLimitHeaders(verdict))) response.headers.set(name, value);
  return response;
}
