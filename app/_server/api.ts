import "server-only";
import { z } from "zod";
import type { UserRole } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { clientIp } from "@/lib/auth/client-ip";
import type { SessionUser } from "@/lib/auth/session";
import { resolveApiToken } from "@/lib/auth/tokens";
import { DomainError, type ErrorCode } from "@/lib/errors";
import { services, type Services } from "@/lib/services";
import { currentUser } from "./auth";

const statusByCode: Record<ErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_ATTEMPTS: 429,
  VALIDATION_FAILED: 422,
  EMPTY_FILE: 422,
  DATE_ALREADY_IMPORTED: 409,
  UNSUPPORTED_FORMAT: 415,
  TOO_LARGE: 413,
  INVALID_AMOUNT: 422,
  INSUFFICIENT_FUNDS: 422,
  WALLET_FROZEN: 423,
  UNKNOWN_RECIPIENT: 422,
  RATE_NOT_AVAILABLE: 422,
  IDEMPOTENCY_CONFLICT: 409,
  INVALID_STATE: 409,
};

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

class ApiValidationError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function requestUser(request: Request): Promise<SessionUser | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme, token] = authorization.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) return null;
    return resolveApiToken(services().db, token);
  }
  return currentUser();
}

/**
 * The one door for route handlers: a bearer token or the session cookie, the role, then the
 * handler; a known domain error maps to its status, anything else to a 500 that leaks nothing.
 */
export function apiRoute<Params = Record<string, never>>(
  roles: readonly UserRole[],
  handler: (context: ApiContext<Params>) => Promise<Response>,
) {
  return async (request: Request, segment: { params: Promise<Params> }): Promise<Response> => {
    try {
      const user = await requestUser(request);
      if (!user) return apiError("UNAUTHORIZED", "Sign in or send a valid bearer token.");
      if (!roles.includes(user.role)) return apiError("FORBIDDEN", "Your role can't do this.");
      const actor = { id: user.id, label: user.email, ip: clientIp(request.headers) };
      return await handler({ request, user, actor, params: await segment.params, services: services() });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiValidationError) return apiError("VALIDATION_FAILED", error.message, { details: error.details });
  if (error instanceof DomainError) return apiError(error.code, error.message, error.details ? { details: error.details } : {});
  console.error("Unhandled API error:", error);
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong." } }, { status: 500 });
}

export { ApiValidationError };
