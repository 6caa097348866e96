import type { z } from "zod";
import type { UserRole } from "@/db/schema";
import type { ErrorCode } from "@/lib/errors";

/** Who may call an operation. */
export type Access = "public" | "credentials" | "signed-in" | "customer" | "staff" | "admin" | "provider";
/** The accesses a signed-in user opens, by role. */
export type UserAccess = Extract<Access, "signed-in" | "customer" | "staff" | "admin">;

/** The one permissions map: the route wrapper checks it, the document and the docs page describe it. */
export const rolesByAccess: Record<UserAccess, readonly UserRole[]> = {
  "signed-in": ["admin", "analyst", "customer"],
  customer: ["customer"],
  staff: ["admin", "analyst"],
  admin: ["admin"],
};

export const isUserAccess = (access: Access): access is UserAccess => access in rolesByAccess;

export const accessText: Record<Access, string> = {
  public: "Public: no credentials.",
  credentials: "Public: send a login and password.",
  "signed-in": "Any signed-in user: a bearer token (or the session cookie).",
  customer: "Customers: a customer's bearer token (or session cookie). Staff get 403.",
  staff: "Staff (admins and analysts): a bearer token (or session cookie).",
  admin: "Admins: a bearer token (or session cookie).",
  provider: "The payment provider: its key (PAYMENT_PROVIDER_KEY) as the bearer token. User tokens get 403.",
};

/** The errors an access implies, before the operation's own. */
export const accessErrors: Record<Access, ErrorCode[]> = {
  public: [],
  credentials: [],
  "signed-in": ["UNAUTHORIZED"],
  customer: ["UNAUTHORIZED", "FORBIDDEN"],
  staff: ["UNAUTHORIZED", "FORBIDDEN"],
  admin: ["UNAUTHORIZED", "FORBIDDEN"],
  provider: ["UNAUTHORIZED", "FORBIDDEN"],
};

/** A body that isn't JSON: a file in, a CSV or PDF out, in one of these media types. */
export type OtherBody = { contentTypes: readonly string[] };

export type Answer = { description: string; body?: z.ZodType | OtherBody };

/**
 * One operation of the API, defined once: the route wrapper checks its access, parses its query
 * and body with its schemas and answers in its response shapes; the OpenAPI document and the docs
 * page are generated from it, and e2e/contract.spec.ts holds every answer to it.
 */
export type Operation = {
  method: "get" | "post" | "patch" | "delete";
  /** In OpenAPI form: `/api/v1/wallets/{id}/transactions`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Whether the request must carry an Idempotency-Key header. */
  idempotent?: boolean;
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  request?: z.ZodType | OtherBody;
  responses: Record<number, Answer>;
  /** The error codes the operation answers with, besides those its access implies. */
  errors: ErrorCode[];
};

/** Keeps the literal types of a definition, which the wrapper reads for the handler's types. */
export const defineOperation = <const O extends Operation>(operation: O): O => operation;

export const isJsonBody = (body: Answer["body"] | Operation["request"]): body is z.ZodType => body !== undefined && !("contentTypes" in body);

/** Every error code an operation can answer with, its access's first; every call is rate limited, every JSON body capped. */
export function operationErrors(operation: Operation): ErrorCode[] {
  const bodyErrors: ErrorCode[] = isJsonBody(operation.request) ? ["PAYLOAD_TOO_LARGE"] : [];
  const queryErrors: ErrorCode[] = operation.query || operation.idempotent ? ["VALIDATION_FAILED"] : [];
  return [...new Set([...accessErrors[operation.access], ...operation.errors, ...queryErrors, ...bodyErrors, "RATE_LIMITED" as const])];
}
