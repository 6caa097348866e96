import "server-only";
import { headers } from "next/headers";
import { log, requestLogger, withLogger, type Log } from "@/lib/log";
import { requestIdFrom, requestIdHeader } from "@/lib/log/request-id";

/** The logger for a request, under the id proxy.ts gave it (pages, actions) or the caller sent (API). */
export function loggerFor(requestHeaders: Headers): Log {
  return requestLogger(requestIdFrom(requestHeaders.get(requestIdHeader)));
}

/** For server actions: runs `work` with the current request's logger as `log()`. */
export async function withRequestLogger<T>(work: () => Promise<T>): Promise<T> {
  return withLogger(loggerFor(await headers()), work);
}

/** Adds the signed-in user to the rest of the current request's lines. */
export function logUser(userId: string) {
  log().setBindings({ userId });
}

/** A redirect's headers (Response.redirect, next-auth's) are immutable: such an answer is copied. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/**
 * Wraps a route handler: every line it logs carries the request id, and it ends with one line
 * for the request (method, path without the query, status, milliseconds, the user if any).
 */
export function logged<R extends Request, Rest extends unknown[]>(handler: (request: R, ...rest: Rest) => Promise<Response>) {
  return (request: R, ...rest: Rest): Promise<Response> => {
    const logger = loggerFor(request.headers);
    return withLogger(logger, async () => {
      const started = performance.now();
      let status = 500;
      try {
        const response = await handler(request, ...rest);
        status = response.status;
        // The API is outside proxy.ts (see its matcher): the answer names its id here.
        return withHeader(response, requestIdHeader, String(logger.bindings().requestId));
      } finally {
        const path = new URL(request.url).pathname;
        logger.info({ method: request.method, path, status, ms: Math.round(performance.now() - started) }, "api request");
      }
    });
  };
}
