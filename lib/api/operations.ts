import { z } from "zod";
import { userRole } from "@/db/schema";
import { importSortKeys } from "@/lib/imports/queries";
import type { ErrorCode } from "@/lib/errors";
import { userSortKeys } from "@/lib/users";
import { transactionsQuerySchema, type SchemaId } from "./schemas";

/** Who may call an operation. */
export type Access = "public" | "credentials" | "signed-in" | "customer" | "staff" | "admin" | "provider";

export const accessText: Record<Access, string> = {
  public: "Public: no credentials.",
  credentials: "Public: send a login and password.",
  "signed-in": "Any signed-in user: a bearer token (or the session cookie).",
  customer: "Customers: a customer's bearer token (or session cookie). Staff get 403.",
  staff: "Staff (admins and analysts): a bearer token (or session cookie).",
  admin: "Admins: a bearer token (or session cookie).",
  provider: "The payment provider: its key (PAYMENT_PROVIDER_KEY) as the bearer token. User tokens get 403.",
};

/** A JSON body of a named schema, or a body of another kind (a file). */
export type Body = { schema: SchemaId } | { contentType: string };

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
  request?: Body;
  responses: Record<number, { description: string; body?: Body }>;
  /** The error codes the operation answers with, besides those its access implies. */
  errors: ErrorCode[];
};

const page = {
  page: z.int().min(1).optional().describe("The page, from 1."),
  size: z.union([z.literal(10), z.literal(25), z.literal(50), z.literal(100)]).optional().describe("Rows per page (default 25)."),
};
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).describe("YYYY-MM, for example 2022-01.");

export const operations: Operation[] = [
  {
    method: "post",
    path: "/api/v1/auth/token",
    tag: "Authentication",
    summary: "Exchange a login and password for a bearer token",
    description: "The token expires (see expiresAt). Wrong passwords count towards the same lockout as the sign-in page.",
    access: "credentials",
    request: { schema: "TokenRequest" },
    responses: { 201: { description: "A bearer token.", body: { schema: "TokenResponse" } } },
    errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "ACCOUNT_LOCKED", "TOO_MANY_ATTEMPTS"],
  },
  {
    method: "get",
    path: "/api/v1/wallets",
    tag: "Wallets",
    summary: "List your wallets",
    description: "Every customer has a BRL wallet from the start.",
    access: "customer",
    responses: { 200: { description: "Your wallets.", body: { schema: "WalletList" } } },
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/wallets",
    tag: "Wallets",
    summary: "Open a wallet in another currency",
    description: "Asking for a currency you already hold answers that wallet with 200.",
    access: "customer",
    request: { schema: "OpenWalletRequest" },
    responses: { 201: { description: "The wallet opened.", body: { schema: "Wallet" } }, 200: { description: "You already had a wallet in this currency.", body: { schema: "Wallet" } } },
    errors: ["VALIDATION_FAILED"],
  },
  {
    method: "get",
    path: "/api/v1/wallets/{id}/transactions",
    tag: "Wallets",
    summary: "A wallet's transactions, newest first",
    description: "Cursor paging: pass the nextCursor of a page as cursor to get the next one; it is null on the last page.",
    access: "customer",
    pathParams: { id: "The wallet's id." },
    query: transactionsQuerySchema,
    responses: { 200: { description: "A page of lines.", body: { schema: "WalletLines" } } },
    errors: ["NOT_FOUND", "VALIDATION_FAILED"],
  },
  {
    method: "post",
    path: "/api/v1/transfers",
    tag: "Transfers",
    summary: "Send money",
    description:
      "From one of your wallets to an account number or a customer's email, the amount in the sending wallet's currency. " +
      "Sending to another currency uses the current rate. The same Idempotency-Key and body again answers the same transfer, moving nothing.",
    access: "customer",
    idempotent: true,
    request: { schema: "TransferRequest" },
    responses: { 201: { description: "The transfer made.", body: { schema: "TransferResult" } } },
    errors: ["VALIDATION_FAILED", "NOT_FOUND", "INVALID_AMOUNT", "INSUFFICIENT_FUNDS", "WALLET_FROZEN", "UNKNOWN_RECIPIENT", "RATE_NOT_AVAILABLE", "IDEMPOTENCY_CONFLICT"],
  },
  {
    method: "post",
    path: "/api/v1/transfers/batch",
    tag: "Transfers",
    summary: "Send up to 1,000 transfers at once",
    description:
      "Applied in one database transaction, each under its own idempotencyKey. The answer has one result per transfer, in order: " +
      "a refused transfer (with the same error codes as a single one) moves nothing, and the others still go.",
    access: "customer",
    request: { schema: "BatchRequest" },
    responses: { 200: { description: "One result per transfer, in the order sent.", body: { schema: "BatchResult" } } },
    errors: ["VALIDATION_FAILED"],
  },
  {
    method: "post",
    path: "/api/v1/withdrawals",
    tag: "Withdrawals",
    summary: "Withdraw money",
    description: "The amount is held (no longer available) until the payment provider settles or cancels the withdrawal.",
    access: "customer",
    idempotent: true,
    request: { schema: "WithdrawalRequest" },
    responses: { 201: { description: "The pending withdrawal.", body: { schema: "Withdrawal" } } },
    errors: ["VALIDATION_FAILED", "NOT_FOUND", "INVALID_AMOUNT", "INSUFFICIENT_FUNDS", "WALLET_FROZEN", "IDEMPOTENCY_CONFLICT"],
  },
  {
    method: "get",
    path: "/api/v1/fx-rates",
    tag: "Exchange rates",
    summary: "The current exchange rates",
    access: "signed-in",
    responses: { 200: { description: "The newest rate of every pair.", body: { schema: "RateList" } } },
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/fx-rates",
    tag: "Exchange rates",
    summary: "Set an exchange rate",
    description: "Transfers from then on use it; a rate for base→quote also prices quote→base.",
    access: "admin",
    request: { schema: "RateRequest" },
    responses: { 201: { description: "The rate set.", body: { schema: "Rate" } } },
    errors: ["VALIDATION_FAILED"],
  },
  {
    method: "post",
    path: "/api/v1/provider/deposits",
    tag: "Payment provider",
    summary: "Credit money received for a wallet",
    access: "provider",
    idempotent: true,
    request: { schema: "DepositRequest" },
    responses: { 201: { description: "The deposit booked.", body: { schema: "Deposit" } } },
    errors: ["VALIDATION_FAILED", "INVALID_AMOUNT", "UNKNOWN_RECIPIENT", "IDEMPOTENCY_CONFLICT"],
  },
  {
    method: "post",
    path: "/api/v1/provider/withdrawals/{id}/settle",
    tag: "Payment provider",
    summary: "Settle a withdrawal that was paid out",
    description: "Settling a settled withdrawal again answers the same.",
    access: "provider",
    pathParams: { id: "The withdrawal's id." },
    responses: { 200: { description: "The settled withdrawal.", body: { schema: "Withdrawal" } } },
    errors: ["NOT_FOUND", "INVALID_STATE"],
  },
  {
    method: "post",
    path: "/api/v1/provider/withdrawals/{id}/cancel",
    tag: "Payment provider",
    summary: "Cancel a withdrawal that could not be paid out",
    description: "The held money is available again. Cancelling a cancelled withdrawal again answers the same.",
    access: "provider",
    pathParams: { id: "The withdrawal's id." },
    responses: { 200: { description: "The cancelled withdrawal.", body: { schema: "Withdrawal" } } },
    errors: ["NOT_FOUND", "INVALID_STATE"],
  },
  {
    method: "get",
    path: "/api/v1/users",
    tag: "Users",
    summary: "List users",
    access: "admin",
    query: z.object({
      search: z.string().max(200).optional().describe("Part of a name or email."),
      role: z.enum(userRole.enumValues).optional(),
      sort: z.enum(userSortKeys).optional(),
      order: z.enum(["asc", "desc"]).optional(),
      ...page,
    }),
    responses: { 200: { description: "A page of users.", body: { schema: "UserList" } } },
    errors: [],
  },
  {
    method: "post",
    path: "/api/v1/users",
    tag: "Users",
    summary: "Create a user",
    description: "The generated password is in this answer only (and emailed to the user). A customer gets a BRL wallet.",
    access: "admin",
    request: { schema: "UserRequest" },
    responses: { 201: { description: "The user and their password.", body: { schema: "UserIssued" } } },
    errors: ["VALIDATION_FAILED", "EMAIL_TAKEN"],
  },
  {
    method: "get",
    path: "/api/v1/users/{id}",
    tag: "Users",
    summary: "Read a user",
    access: "admin",
    pathParams: { id: "The user's id." },
    responses: { 200: { description: "The user.", body: { schema: "UserEnvelope" } } },
    errors: ["NOT_FOUND"],
  },
  {
    method: "patch",
    path: "/api/v1/users/{id}",
    tag: "Users",
    summary: "Change a user's name, email or role",
    access: "admin",
    pathParams: { id: "The user's id." },
    request: { schema: "UserUpdate" },
    responses: { 200: { description: "The user as changed.", body: { schema: "UserEnvelope" } } },
    errors: ["NOT_FOUND", "VALIDATION_FAILED", "EMAIL_TAKEN"],
  },
  {
    method: "delete",
    path: "/api/v1/users/{id}",
    tag: "Users",
    summary: "Delete a user",
    description: "Their sessions and tokens stop working at once.",
    access: "admin",
    pathParams: { id: "The user's id." },
    responses: { 204: { description: "Deleted." } },
    errors: ["NOT_FOUND"],
  },
  {
    method: "post",
    path: "/api/v1/imports",
    tag: "Imports",
    summary: "Import a day's bank transactions file",
    description: "The body is the file itself, streamed, as text/csv or application/xml; all of it imports or none.",
    access: "staff",
    query: z.object({ filename: z.string().optional().describe("The file's name (or send Content-Disposition).") }),
    request: { contentType: "text/csv" },
    responses: { 201: { description: "What was imported and which lines were ignored.", body: { contentType: "application/json" } } },
    errors: ["VALIDATION_FAILED", "EMPTY_FILE", "TOO_LARGE", "UNSUPPORTED_FORMAT", "DATE_ALREADY_IMPORTED", "REQUEST_TIMEOUT", "IMPORTS_BUSY"],
  },
  {
    method: "get",
    path: "/api/v1/imports",
    tag: "Imports",
    summary: "List imports",
    access: "staff",
    query: z.object({ sort: z.enum(importSortKeys).optional(), order: z.enum(["asc", "desc"]).optional(), ...page }),
    responses: { 200: { description: "A page of imports.", body: { contentType: "application/json" } } },
    errors: [],
  },
  {
    method: "get",
    path: "/api/v1/imports/{id}",
    tag: "Imports",
    summary: "Read an import with a page of its transactions and ignored lines",
    access: "staff",
    pathParams: { id: "The import's id." },
    query: z.object(page),
    responses: { 200: { description: "The import.", body: { contentType: "application/json" } } },
    errors: ["NOT_FOUND"],
  },
  {
    method: "get",
    path: "/api/v1/analysis",
    tag: "Analysis",
    summary: "A month's suspicious transactions, accounts and branches",
    access: "staff",
    query: z.object({ month }),
    responses: { 200: { description: "The report, with the thresholds used.", body: { contentType: "application/json" } } },
    errors: ["VALIDATION_FAILED"],
  },
  {
    method: "get",
    path: "/api/v1/analysis/export",
    tag: "Analysis",
    summary: "A section of a month's analysis as CSV",
    access: "staff",
    query: z.object({
      month,
      section: z.enum(["transactions", "accounts", "branches"]),
      q: z.string().max(100).optional().describe("Search."),
      direction: z.enum(["in", "out"]).optional(),
    }),
    responses: { 200: { description: "The CSV file.", body: { contentType: "text/csv" } } },
    errors: ["VALIDATION_FAILED"],
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Documentation",
    summary: "This OpenAPI 3.1 document",
    access: "public",
    responses: { 200: { description: "The document.", body: { contentType: "application/json" } } },
    errors: [],
  },
];
