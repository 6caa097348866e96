import { DomainError } from "@/lib/errors";

export type ImportErrorCode = "EMPTY_FILE" | "DATE_ALREADY_IMPORTED" | "UNSUPPORTED_FORMAT" | "TOO_LARGE" | "VALIDATION_FAILED";

/** A whole file refused, with a message written for the person who uploaded it. */
export class ImportFileError extends DomainError {
  declare readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string, details?: unknown) {
    super(code, message, undefined, details);
    this.name = "ImportFileError";
  }
}
