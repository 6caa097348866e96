export type ErrorCode =
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "ACCOUNT_LOCKED"
  | "TOO_MANY_ATTEMPTS"
  | "EMAIL_TAKEN"
  | "VALIDATION_FAILED"
  | "NOT_FOUND";

/** An expected failure with a stable code that callers map to a message or an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
