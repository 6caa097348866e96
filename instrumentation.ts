import type { Instrumentation } from "next";

/** Once per server process: the outbox worker, which sends the email requests have queued, and the webhook sender. */
export async function register() {
  // Not while `next build` loads the app to prerender: no database there.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startMailWorker, startWebhookWorker } = await import("@/lib/services");
  startMailWorker();
  startWebhookWorker();
}

/** A page's or an action's unexpected error, as a JSON line under its request id (Next prints its own plain text too). */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ requestLogger }, { requestIdFrom, requestIdHeader }] = await Promise.all([import("@/lib/log"), import("@/lib/log/request-id")]);
  const incoming = request.headers[requestIdHeader];
  const logger = requestLogger(requestIdFrom(typeof incoming === "string" ? incoming : undefined));
  // The path without its query, which may carry what a user typed.
  const path = request.path.split("?")[0];
  logger.error({ err: error, method: request.method, path, route: context.routePath, kind: context.routeType }, "unhandled request error");
};
