import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { UserRole } from "@/db/schema";
import { readBodyText } from "@/lib/api/body";
import { statusByCode } from "@/lib/api/errors";
import type { Actor } from "@/lib/audit";
import { clientIp } from "@/lib/auth/client-ip";
import type { SessionUser } from "@/lib/auth/session";
import { resolveApiToken, type ApiTokenUser } from "@/lib/auth/tokens";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { idempotencyKeySchema } from "@/lib/ledger/idempotency";
import { log } from "@/lib/log";
import type { RateLimit, RateLimitVerdict } from "@/lib/rate-limit";
import { services, type Services } from "@/lib/services";
import { currentUser } from "./auth";
import { logged, logUser } from "./log";

export function apiError(code: ErrorCode, message: string, init: { details?: unknown; headers?: HeadersInit } = {}) {
  const body = { error: { code, message, ...(init.details ? { details: init.details } : {}) } };
  return Response.json(body, { status: statusByCode[code], headers: init.headers });
}

export type ApiContext<Params> = {
  request: Request;
  user: SessionUser;
  actor: Actor & { id: string };
  params: Params;
  services: Services;
};

/** Reads and validates a JSON body; an oversized one is a 413, a malformed or invalid one a 422 with the field problems. */
export async function parseJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiValidationError("The request body must be valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiValidationError("The request body is invalid.", z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}

/** Reads and validates the query string; an invalid one becomes a 422 with the parameter problems. */
export function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new ApiValidationError("The query parameters are invalid.", z.flattenError(parsed.error).fieldErrors);
  return parsed.data;
}

/** The request's Idempotency-Key header, which every request that moves money must carry. */
export function idempotencyKey(request: Request): string {
  const parsed = idempotencyKeySchema.safeParse(request.headers.get("idempotency-key") ?? "");
  if (!parsed.success) throw new ApiValidationError(parsed.error.issues[0].message, { "Idempotency-Key": parsed.error.issues.map((issue) => issue.message) });
  return parsed.data;
}

class ApiValidationError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** The bearer token sent, "" for an Authorization header of another kind, null for none. */
function bearerToken(request: Request): string | null {
  const authorization = request.headers.get("authorization");
  if (authorization === null) return null;
  const [scheme, token] = authorization.split(" ");
  return scheme?.toLowerCase() === "bearer" && token ? token : "";
}

async function requestUser(request: Request): Promise<SessionUser | ApiTokenUser | null> {
  const token = bearerToken(request);
  if (token === null) return currentUser();
  return token ? resolveApiToken(services().db, token) : null;
}

/**
 * A session cookie travels with every request the browser makes, another site's form posting
 * here included: an unsafe method signed in by cookie must come from this site, as Next checks
 * for server actions. Bearer tokens are never sent by a browser on its own.
 */
function isCrossSiteCookieRequest(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD" || bearerToken(request) !== null) return false;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return true;
  return URL.canParse(origin) ? new URL(origin).host !== host : true;
}

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

const callerBucket = (user: SessionUser | ApiTokenUser) => ("tokenId" in user ? `token:${user.tokenId}` : `user:${user.id}`);

function rateLimitHeaders(verdict: RateLimitVerdict): Record<string, string> {
  return { "RateLimit-Limit": String(verdict.limit), "RateLimit-Remaining": String(verdict.remaining), "RateLimit-Reset": String(verdict.resetSeconds) };
}

export function rateLimitedResponse(verdict: RateLimitVerdict): Response {
  return apiError("RATE_LIMITED", `Too many requests: at most ${verdict.limit} a minute. Try again in ${verdict.resetSeconds} s.`, {
    headers: { "Retry-After": String(verdict.resetSeconds), ...rateLimitHeaders(verdict) },
  });
}

function withRateLimitHeaders(response: Response, verdict: RateLimitVerdict): Response {
  for (const [name, value] of Object.entries(rateLimitHeaders(verdict))) response.headers.set(name, value);
  return response;
}

/**
 * The one door for route handlers: a bearer token or the session cookie, the rate limits, the
 * role, then the handler; a known domain error maps to its status, anything else to a 500 that
 * leaks nothing.
 */
export function apiRoute<Params = Record<string, never>>(
  roles: readonly UserRole[],
  handler: (context: ApiContext<Params>) => Promise<Response>,
) {
  return logged(async (request: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await requestUser(request);
      const verdict = await countRequest(request, user ? callerBucket(user) : undefined);
      if (!verdict.allowed) return rateLimitedResponse(verdict);
      if (!user) return apiError("UNAUTHORIZED", "Sign in or send a valid bearer token.");
      logUser(user.id);
      if (isCrossSiteCookieRequest(request)) return apiError("FORBIDDEN", "Send a bearer token, or call from this site's pages.");
      if (!roles.includes(user.role)) return apiError("FORBIDDEN", "Your role can't do this.");
      const actor = { id: user.id, label: user.email, ip: clientIp(request.headers) };
      const response = await handler({ request, user, actor, params: await segment.params, services: services() });
      return withRateLimitHeaders(response, verdict);
    } catch (error) {
      return errorResponse(error);
    }
  });
}

export type ProviderContext<Params> = { request: Request; params: Params; services: Services };

const digest = (secret: string) => createHash("sha256").update(secret).digest();

/** Compares hashes, so the time taken says nothing about the key, nor about its length. */
function isProviderKey(candidate: string, key: string): boolean {
  return timingSafeEqual(digest(candidate), digest(key));
}

/**
 * The door for the payment provider's endpoints: only `Authorization: Bearer <PAYMENT_PROVIDER_KEY>`
 * opens it. A user (token or session) is refused with 403; anything else, or every call while no
 * key is configured, with 401. The provider key opens no other door: it is not a user token.
 */
export function providerRoute<Params = Record<string, never>>(handler: (context: ProviderContext<Params>) => Promise<Response>) {
  return logged(async (request: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const key = services().config.PAYMENT_PROVIDER_KEY;
      const unauthorized = () => apiError("UNAUTHORIZED", "Send the payment provider's key as a bearer token.");
      const token = bearerToken(request);
      const isProvider = Boolean(key && token && isProviderKey(token, key));
      const verdict = await countRequest(request, isProvider ? "provider" : undefined);
      if (!verdict.allowed) return rateLimitedResponse(verdict);
      if (!key) return unauthorized();
      if (!isProvider) {
        if (await requestUser(request)) return apiError("FORBIDDEN", "Only the payment provider can call this endpoint.");
        return unauthorized();
      }
      const response = await handler({ request, params: await segment.params, services: services() });
      return withRateLimitHeaders(response, verdict);
    } catch (error) {
      return errorResponse(error);
    }
  });
}

/** PostgreSQL refuses text holding a NUL character (drizzle wraps its error): the client's input is at fault. */
function isUnstorableText(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown } | null)?.cause].map((candidate) => (candidate as { code?: unknown } | null)?.code);
  return codes.includes("22021") || codes.includes("22P05");
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiValidationError) return apiError("VALIDATION_FAILED", error.message, { details: error.details });
  if (error instanceof DomainError) return apiError(error.code, error.message, error.details ? { details: error.details } : {});
  if (isUnstorableText(error)) return apiError("VALIDATION_FAILED", "The request holds a NUL character, which text can't contain.");
  log().error({ err: error }, "unhandled API error");
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong." } }, { status: 500 });
}

export { ApiValidationError };
