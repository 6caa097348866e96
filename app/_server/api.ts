import "server-only";
import type { z } from "zod";
import { isJsonBody, isUserAccess, operationErrors, rolesByAccess, type Operation, type UserAccess } from "@/lib/api/contract";
import { bearerToken, isCrossSiteCookieRequest, isProviderKey } from "@/lib/api/credentials";
import { countRequest, rateLimitedResponse, withRateLimitHeaders } from "@/lib/api/rate-limit";
import { idempotencyKey, parseJson, parseQuery } from "@/lib/api/request";
import { apiError, errorResponse } from "@/lib/api/responses";
import type { Actor } from "@/lib/audit";
import { clientIp } from "@/lib/auth/client-ip";
import type { SessionUser } from "@/lib/auth/session";
import { resolveApiToken, type ApiTokenUser } from "@/lib/auth/tokens";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { RateLimitVerdict } from "@/lib/rate-limit";
import { services, type Services } from "@/lib/services";
import { currentUser } from "./auth";
import { logged, logUser } from "./log";

export { apiError };

type ParamNames<Path> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;
type PathParams<Path> = [ParamNames<Path>] extends [never] ? Record<string, never> : { [Name in ParamNames<Path>]: string };
type Query<O> = O extends { query: infer Schema extends z.ZodType } ? z.output<Schema> : Record<string, never>;
type Body<O> = O extends { request: infer Schema extends z.ZodType } ? z.output<Schema> : undefined;

/** What a handler answers: a status its operation declares, with that status's body shape. */
export type Reply<O extends Operation> = {
  [Status in keyof O["responses"]]: O["responses"][Status] extends { body: infer Schema extends z.ZodType }
    ? { status: Status; body: z.input<Schema> }
    : never;
}[keyof O["responses"]];

type Caller<O extends Operation> = O["access"] extends UserAccess ? { user: SessionUser; actor: Actor & { id: string } } : unknown;

export type ApiContext<O extends Operation> = {
  request: Request;
  params: PathParams<O["path"]>;
  query: Query<O>;
  body: Body<O>;
  /** The Idempotency-Key header, validated, for an idempotent operation. */
  idempotencyKey: O extends { idempotent: true } ? string : undefined;
  services: Services;
} & Caller<O>;

/** A JSON answer: `reply(201, body)` keeps the status literal, for the operation's types to check it. */
export const reply = <const Status extends number, const Body>(status: Status, body: Body) => ({ status, body });

/** A JSON answer in the operation's shape, or a Response for a body of another kind (a file, none). */
type Handler<O extends Operation> = (context: ApiContext<O>) => Promise<Reply<O> | Response>;

async function requestUser(request: Request): Promise<SessionUser | ApiTokenUser | null> {
  const token = bearerToken(request);
  if (token === null) return currentUser();
  return token ? resolveApiToken(services().db, token) : null;
}

const callerBucket = (user: SessionUser | ApiTokenUser) => ("tokenId" in user ? `token:${user.tokenId}` : `user:${user.id}`);

type Admitted = { verdict: RateLimitVerdict; caller: { user: SessionUser; actor: Actor & { id: string } } | Record<string, never> };

/** A bearer token or the session cookie, its rate limits, then the role the operation's access allows. */
async function admitUser(request: Request, access: UserAccess): Promise<Admitted | Response> {
  const user = await requestUser(request);
  const verdict = await countRequest(request, user ? callerBucket(user) : undefined);
  if (!verdict.allowed) return rateLimitedResponse(verdict);
  if (!user) return apiError("UNAUTHORIZED", "Sign in or send a valid bearer token.");
  logUser(user.id);
  if (isCrossSiteCookieRequest(request)) return apiError("FORBIDDEN", "Send a bearer token, or call from this site's pages.");
  if (!rolesByAccess[access].includes(user.role)) return apiError("FORBIDDEN", "Your role can't do this.");
  return { verdict, caller: { user, actor: { id: user.id, label: user.email, ip: clientIp(request.headers) } } };
}

/**
 * Only `Authorization: Bearer <PAYMENT_PROVIDER_KEY>` opens the provider's operations. A user
 * (token or session) is refused with 403; anything else, or every call while no key is
 * configured, with 401. The provider key opens no other door: it is not a user token.
 */
async function admitProvider(request: Request): Promise<Admitted | Response> {
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
  return { verdict, caller: {} };
}

/** A public operation has no caller yet: only the client address's rate limit applies. */
async function admitAnyone(request: Request): Promise<Admitted | Response> {
  const verdict = await countRequest(request);
  return verdict.allowed ? { verdict, caller: {} } : rateLimitedResponse(verdict);
}

function admit(request: Request, operation: Operation): Promise<Admitted | Response> {
  if (isUserAccess(operation.access)) return admitUser(request, operation.access);
  return operation.access === "provider" ? admitProvider(request) : admitAnyone(request);
}

/** An error code the operation doesn't declare is still answered, and logged: its definition needs it. */
function noteUndeclared(operation: Operation, error: unknown) {
  if (error instanceof DomainError && !operationErrors(operation).includes(error.code)) {
    log().warn({ code: error.code, operation: `${operation.method} ${operation.path}` }, "an API operation answered an error code it doesn't declare");
  }
}

/**
 * The one door for route handlers, read from the operation's definition: the caller its access
 * admits (user roles, the payment provider or anyone) and the rate limits, then the
 * Idempotency-Key, query and JSON body parsed with its schemas, then the handler, whose answer is
 * typed by the declared responses. A known error maps to its status, anything else to a 500 that
 * leaks nothing.
 */
export function apiRoute<const O extends Operation>(operation: O, handler: Handler<O>) {
  return logged(async (request: Request, segment: { params: Promise<PathParams<O["path"]>> }): Promise<Response> => {
    try {
      const admitted = await admit(request, operation);
      if (admitted instanceof Response) return admitted;
      const context = {
        request,
        params: await segment.params,
        query: operation.query ? parseQuery(request, operation.query) : {},
        idempotencyKey: operation.idempotent ? idempotencyKey(request) : undefined,
        body: isJsonBody(operation.request) ? await parseJson(request, operation.request) : undefined,
        services: services(),
        ...admitted.caller,
      } as ApiContext<O>;
      const reply = await handler(context);
      const response = reply instanceof Response ? reply : Response.json(reply.body, { status: reply.status as number });
      return withRateLimitHeaders(response, admitted.verdict);
    } catch (error) {
      noteUndeclared(operation, error);
      return errorResponse(error);
    }
  });
}
