import type { ErrorCode } from "@/lib/errors";

/** The HTTP status each error code answers with: the handlers and the OpenAPI document both read it. */
export const statusByCode: Record<ErrorCode, number> = {
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
