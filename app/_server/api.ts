import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { UserRole } from "@/db/schema";
import { statusByCode } from "@/lib/api/errors";
import type { Actor } from "@/lib/audit";
import { clientIp } from "@/lib/auth/client-ip";
import type { SessionUser } from "@/lib/auth/session";
import { resolveApiToken } from "@/lib/auth/tokens";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { idempotencyKeySchema } from "@/lib/ledger/idempotency";
import { log } from "@/lib/log";
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

/** Reads and validates a JSON body; a malformed or invalid one becomes a 422 with the field problems. */
export async function parseJson<Schema extends z.ZodType>(request: Request, schema: Schema): Promise<z.infer<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
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

async function requestUser(request: Request): Promise<SessionUser | null> {
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
 * The one door for route handlers: a bearer token or the session cookie, the role, then the
 * handler; a known domain error maps to its status, anything else to a 500 that leaks nothing.
 */
export function apiRoute<Params = Record<string, never>>(
  roles: readonly UserRole[],
  handler: (context: ApiContext<Params>) => Promise<Response>,
) {
  return logged(async (request: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await requestUser(request);
      if (!user) return apiError("UNAUTHORIZED", "Sign in or send a valid bearer token.");
      logUser(user.id);
      if (isCrossSiteCookieRequest(request)) return apiError("FORBIDDEN", "Send a bearer token, or call from this site's pages.");
      if (!roles.includes(user.role)) return apiError("FORBIDDEN", "Your role can't do this.");
      const actor = { id: user.id, label: user.email, ip: clientIp(request.headers) };
      return await handler({ request, user, actor, params: await segment.params, services: services() });
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
      if (!key) return unauthorized();
      const token = bearerToken(request);
      if (!token || !isProviderKey(token, key)) {
        if (await requestUser(request)) return apiError("FORBIDDEN", "Only the payment provider can call this endpoint.");
        return unauthorized();
      }
      return await handler({ request, params: await segment.params, services: services() });
    } catch (error) {
      return errorResponse(error);
    }
  });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiValidationError) return apiError("VALIDATION_FAILED", error.message, { details: error.details });
  if (error instanceof DomainError) return apiError(error.code, error.message, error.details ? { details: error.details } : {});
  log().error({ err: error }, "unhandled API error");
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong." } }, { status: 500 });
}

export { ApiValidationError };
