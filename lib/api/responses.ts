import { DomainError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log";
import { statusByCode } from "./errors";
import { ApiValidationError } from "./request";

export function apiError(code: ErrorCode, message: string, init: { details?: unknown; headers?: HeadersInit } = {}) {
  const body = { error: { code, message, ...(init.details ? { details: init.details } : {}) } };
  return Response.json(body, { status: statusByCode[code], headers: init.headers });
}

/** PostgreSQL refuses text holding a NUL character (drizzle wraps its error): the client's input is at fault. */
function isUnstorableText(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown } | null)?.cause].map((candidate) => (candidate as { code?: unknown } | null)?.code);
  return codes.includes("22021") || codes.includes("22P05");
}

/** A known failure answers with its code's status; anything else is logged and answers a 500 that leaks nothing. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiValidationError) return apiError("VALIDATION_FAILED", error.message, { details: error.details });
  if (error instanceof DomainError) return apiError(error.code, error.message, error.details ? { details: error.details } : {});
  if (isUnstorableText(error)) return apiError("VALIDATION_FAILED", "The request holds a NUL character, which text can't contain.");
  log().error({ err: error }, "unhandled API error");
  return Response.json({ error: { code: "INTERNAL", message: "Something went wrong." } }, { status: 500 });
}
