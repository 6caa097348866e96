export type ErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "ACCOUNT_LOCKED"
  | "TOO_MANY_ATTEMPTS"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "EMAIL_TAKEN"
  | "VALIDATION_FAILED"
  | "NOT_FOUND"
  | "EMPTY_FILE"
  | "DATE_ALREADY_IMPORTED"
  | "UNSUPPORTED_FORMAT"
  | "TOO_LARGE"
  | "INVALID_AMOUNT"
  | "INSUFFICIENT_FUNDS"
  | "WALLET_FROZEN"
  | "EMAIL_NOT_VERIFIED"
  | "UNKNOWN_RECIPIENT"
  | "RATE_NOT_AVAILABLE"
  | "IDEMPOTENCY_CONFLICT"
  | "INVALID_STATE"
  | "REQUEST_TIMEOUT"
  | "IMPORTS_BUSY"
  | "TRANSFER_BLOCKED";

/** An expected failure with a stable code that callers map to a message or an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Extra machine-readable facts for API clients. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
