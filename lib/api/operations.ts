import { paymentRequestInputSchema, payRequestInputSchema } from "@/lib/ledger/payment-requests";
import { depositInputSchema, withdrawalInputSchema } from "@/lib/ledger/provider";
import { rateInputSchema } from "@/lib/ledger/rates";
import { transferInputSchema } from "@/lib/ledger/transfers";
import { userInputSchema } from "@/lib/users";
import { signUpInputSchema } from "@/lib/users/signup";
import { defineOperation, type Operation } from "./contract";
import * as s from "./schemas";

// Every operation of the API, each defined once: its route handler serves it through apiRoute,
// and the OpenAPI document and the docs page are generated from the list at the end.

export const issueToken = defineOperation({
  method: "post",
  path: "/api/v1/auth/token",
  tag: "Authentication",
  summary: "Exchange a login and password for a bearer token",
  description:
    "The access token lives briefly (see expiresAt); the refresh token renews it without the password. Wrong passwords count towards the same lockout as the sign-in page.",
  access: "credentials",
  request: s.tokenRequestSchema,
  responses: { 201: { description: "A bearer token.", body: s.tokenResponseSchema } },
  errors: ["VALIDATION_FAILED", "UNAUTHORIZED", "ACCOUNT_LOCKED", "TOO_MANY_ATTEMPTS"],
});

export const refreshToken = defineOperation({
  method: "post",
  path: "/api/v1/auth/refresh",
  tag: "Authentication",
  summary: "Trade a refresh token for a new access and refresh token",
  description:
    "Each refresh token works once. One used before, shown again, revokes its whole sign-in (every access and refresh token it issued); so does a password change, reset or new role.",
  access: "public",
  request: s.refreshRequestSchema,
  responses: { 201: { description: "A new bearer token and refresh token.", body: s.tokenResponseSchema } },
  errors: ["VALIDATION_FAILED", "UNAUTHORIZED"],
});

export const signUp = defineOperation({
  method: "post",
  path: "/api/v1/signup",
  tag: "Sign-up",
  summary: "Open a customer account",
  description:
    "Name, email, CPF (check digits verified; stored as digits) and a chosen password (at least 8 characters, not a common one). The account starts unverified: it can sign in and receive money, and sends or withdraws once the emailed link is used. A taken email or CPF is answered the same, and its owner is emailed instead. Five a minute per client address.",
  access: "public",
  request: signUpInputSchema,
  responses: { 202: { description: "Accepted: a link is on its way to the email.", body: s.signUpAcceptedSchema } },
  errors: ["VALIDATION_FAILED", "RATE_LIMITED"],
});

export const verifyEmail = defineOperation({
  method: "post",
  path: "/api/v1/signup/verify",
  tag: "Sign-up",
  summary: "Confirm an email with the emailed link's token",
  description: "The token is the `token` parameter of the link. It works once, within 24 hours; using one spends the user's other links.",
  access: "public",
  request: s.verifyEmailRequestSchema,
  responses: { 200: { description: "The email is confirmed.", body: s.emailVerifiedSchema } },
  errors: ["VALIDATION_FAILED", "NOT_FOUND"],
});

export const resendVerification = defineOperation({
  method: "post",
  path: "/api/v1/signup/verification-link",
  tag: "Sign-up",
  summary: "Email a new verification link",
  description: "For a customer not yet verified; at most five links a day.",
  access: "customer",
  responses: { 202: { description: "A new link is on its way.", body: s.verificationLinkSentSchema } },
  errors: ["INVALID_STATE", "RATE_LIMITED"],
});

export const listWallets = defineOperation({
  method: "get",
  path: "/api/v1/wallets",
  tag: "Wallets",
  summary: "List your wallets",
  description: "Every customer has a BRL wallet from the start.",
  access: "customer",
  query: s.pageQuerySchema,
  responses: { 200: { description: "A page of your wallets.", body: s.walletListSchema } },
  errors: [],
});

export const openWallet = defineOperation({
  method: "post",
  path: "/api/v1/wallets",
  tag: "Wallets",
  summary: "Open a wallet in another currency",
  description: "Asking for a currency you already hold answers that wallet with 200.",
  access: "customer",
  request: s.openWalletInputSchema,
  responses: {
    201: { description: "The wallet opened.", body: s.walletSchema },
    200: { description: "You already had a wallet in this currency.", body: s.walletSchema },
  },
  errors: ["VALIDATION_FAILED"],
});

export const listWalletLines = defineOperation({
  method: "get",
  path: "/api/v1/wallets/{id}/transactions",
  tag: "Wallets",
  summary: "A wallet's transactions, newest first",
  access: "customer",
  pathParams: { id: "The wallet's id." },
  query: s.pageQuerySchema,
  responses: { 200: { description: "A page of lines.", body: s.walletLinesSchema } },
  errors: ["NOT_FOUND"],
});

export const readWalletStatement = defineOperation({
  method: "get",
  path: "/api/v1/wallets/{id}/statement",
  tag: "Wallets",
  summary: "A wallet's statement for a month, as CSV or PDF",
  description:
    "The opening balance (at the month's first midnight), every line of the month with the balance after it, the fees, the month's totals and the closing balance. " +
    "Amounts are decimals in the wallet's currency; times are in the time zone asked for.",
  access: "customer",
  pathParams: { id: "The wallet's id." },
  query: s.statementQuerySchema,
  responses: { 200: { description: "The statement, as a file to download.", body: { contentTypes: ["text/csv", "application/pdf"] } } },
  errors: ["NOT_FOUND", "VALIDATION_FAILED"],
});

export const sendTransfer = defineOperation({
  method: "post",
  path: "/api/v1/transfers",
  tag: "Transfers",
  summary: "Send money",
  description:
    "From one of your wallets to an account number or a customer's email, the amount in the sending wallet's currency. " +
    "Sending to another currency uses the current rate. The same Idempotency-Key and body again answers the same transfer, moving nothing, with its current status. " +
    "Screening may hold it for review (202, pending_review) or refuse it (TRANSFER_BLOCKED, with a support reference in details.reference).",
  access: "customer",
  idempotent: true,
  request: transferInputSchema,
  responses: {
    201: { description: "The transfer made.", body: s.transferResultSchema },
    202: { description: "Held for review by screening (status pending_review): the money is set aside until staff release or reject it.", body: s.transferResultSchema },
  },
  errors: [
    "VALIDATION_FAILED",
    "NOT_FOUND",
    "INVALID_AMOUNT",
    "INSUFFICIENT_FUNDS",
    "WALLET_FROZEN",
    "EMAIL_NOT_VERIFIED",
    "UNKNOWN_RECIPIENT",
    "RATE_NOT_AVAILABLE",
    "IDEMPOTENCY_CONFLICT",
    "TRANSFER_BLOCKED",
  ],
});

export const sendBatch = defineOperation({
  method: "post",
  path: "/api/v1/transfers/batch",
  tag: "Transfers",
  summary: "Send up to 1,000 transfers at once",
  description:
    "Applied in one database transaction, each under its own idempotencyKey. The answer has one result per transfer, in order: " +
    "a refused transfer (with the same error codes as a single one) moves nothing, and the others still go.",
  access: "customer",
  request: s.batchInputSchema,
  responses: { 200: { description: "One result per transfer, in the order sent.", body: s.batchResultSchema } },
  errors: ["VALIDATION_FAILED"],
});

export const createPaymentRequest = defineOperation({
  method: "post",
  path: "/api/v1/payment-requests",
  tag: "Payment requests",
  summary: "Ask another customer for money",
  description:
    "The payer is a customer's email or account number; the amount is in the currency of one of your wallets, which the payment credits. " +
    "A note of up to 140 characters goes with it. The payer can pay or decline it for 7 days; you can cancel it until then.",
  access: "customer",
  request: paymentRequestInputSchema,
  responses: { 201: { description: "The request made.", body: s.paymentRequestSchema } },
  errors: ["VALIDATION_FAILED", "INVALID_AMOUNT", "UNKNOWN_RECIPIENT"],
});

export const listPaymentRequests = defineOperation({
  method: "get",
  path: "/api/v1/payment-requests",
  tag: "Payment requests",
  summary: "The payment requests asked of you and made by you, newest first",
  access: "customer",
  query: s.paymentRequestListQuerySchema,
  responses: { 200: { description: "A page of requests.", body: s.paymentRequestListSchema } },
  errors: [],
});

export const payPaymentRequest = defineOperation({
  method: "post",
  path: "/api/v1/payment-requests/{id}/pay",
  tag: "Payment requests",
  summary: "Pay a request asked of you",
  description:
    "From one of your wallets, in any currency: a transfer that credits the requester the amount asked, at the current rate across currencies " +
    "(you send the least that converts to it; where a unit of your currency is worth more than one of theirs they may get a little more), plus your wallet's fee. " +
    "A request already paid, declined, cancelled or expired answers INVALID_STATE; the same Idempotency-Key and body again answers the same payment, moving nothing.",
  access: "customer",
  idempotent: true,
  pathParams: { id: "The payment request's id." },
  request: payRequestInputSchema,
  responses: { 200: { description: "The request, paid, and the transfer that paid it.", body: s.paidRequestSchema } },
  errors: ["NOT_FOUND", "VALIDATION_FAILED", "INVALID_STATE", "INVALID_AMOUNT", "INSUFFICIENT_FUNDS", "WALLET_FROZEN", "EMAIL_NOT_VERIFIED", "UNKNOWN_RECIPIENT", "RATE_NOT_AVAILABLE", "IDEMPOTENCY_CONFLICT"],
});

export const declinePaymentRequest = defineOperation({
  method: "post",
  path: "/api/v1/payment-requests/{id}/decline",
  tag: "Payment requests",
  summary: "Decline a request asked of you",
  description: "Only the payer can decline, and only a pending request; the requester gets 403.",
  access: "customer",
  pathParams: { id: "The payment request's id." },
  responses: { 200: { description: "The request, declined.", body: s.paymentRequestSchema } },
  errors: ["NOT_FOUND", "INVALID_STATE"],
});

export const cancelPaymentRequest = defineOperation({
  method: "post",
  path: "/api/v1/payment-requests/{id}/cancel",
  tag: "Payment requests",
  summary: "Cancel a request you made",
  description: "Only the requester can cancel, and only a pending request; the payer gets 403.",
  access: "customer",
  pathParams: { id: "The payment request's id." },
  responses: { 200: { description: "The request, cancelled.", body: s.paymentRequestSchema } },
  errors: ["NOT_FOUND", "INVALID_STATE"],
});

export const requestWithdrawal = defineOperation({
  method: "post",
  path: "/api/v1/withdrawals",
  tag: "Withdrawals",
  summary: "Withdraw money",
  description: "The amount is held (no longer available) until the payment provider settles or cancels the withdrawal.",
  access: "customer",
  idempotent: true,
  request: withdrawalInputSchema,
  responses: {
    201: { description: "The pending withdrawal.", body: s.withdrawalSchema },
    202: { description: "Held for review by screening (status pending_review) until staff release it (then pending) or reject it.", body: s.withdrawalSchema },
  },
  errors: ["VALIDATION_FAILED", "NOT_FOUND", "INVALID_AMOUNT", "INSUFFICIENT_FUNDS", "WALLET_FROZEN", "EMAIL_NOT_VERIFIED", "IDEMPOTENCY_CONFLICT", "TRANSFER_BLOCKED"],
});

export const listRates = defineOperation({
  method: "get",
  path: "/api/v1/fx-rates",
  tag: "Exchange rates",
  summary: "The current exchange rates",
  access: "signed-in",
  query: s.pageQuerySchema,
  responses: { 200: { description: "A page of the newest rate of every pair.", body: s.rateListSchema } },
  errors: [],
});

export const setRate = defineOperation({
  method: "post",
  path: "/api/v1/fx-rates",
  tag: "Exchange rates",
  summary: "Set an exchange rate",
  description: "Transfers from then on use it; a rate for base→quote also prices quote→base.",
  access: "admin",
  request: rateInputSchema,
  responses: { 201: { description: "The rate set.", body: s.rateSchema } },
  errors: ["VALIDATION_FAILED"],
});

export const bookDeposit = defineOperation({
  method: "post",
  path: "/api/v1/provider/deposits",
  tag: "Payment provider",
  summary: "Credit money received for a wallet",
  access: "provider",
  idempotent: true,
  request: depositInputSchema,
  responses: { 201: { description: "The deposit booked.", body: s.depositResultSchema } },
  errors: ["VALIDATION_FAILED", "INVALID_AMOUNT", "UNKNOWN_RECIPIENT", "IDEMPOTENCY_CONFLICT"],
});

export const settleWithdrawal = defineOperation({
  method: "post",
  path: "/api/v1/provider/withdrawals/{id}/settle",
  tag: "Payment provider",
  summary: "Settle a withdrawal that was paid out",
  description: "Settling a settled withdrawal again answers the same.",
  access: "provider",
  pathParams: { id: "The withdrawal's id." },
  responses: { 200: { description: "The settled withdrawal.", body: s.withdrawalSchema } },
  errors: ["NOT_FOUND", "INVALID_STATE"],
});

export const cancelWithdrawal = defineOperation({
  method: "post",
  path: "/api/v1/provider/withdrawals/{id}/cancel",
  tag: "Payment provider",
  summary: "Cancel a withdrawal that could not be paid out",
  description: "The held money is available again. Cancelling a cancelled withdrawal again answers the same.",
  access: "provider",
  pathParams: { id: "The withdrawal's id." },
  responses: { 200: { description: "The cancelled withdrawal.", body: s.withdrawalSchema } },
  errors: ["NOT_FOUND", "INVALID_STATE"],
});

export const listUsers = defineOperation({
  method: "get",
  path: "/api/v1/users",
  tag: "Users",
  summary: "List users",
  access: "admin",
  query: s.userListQuerySchema,
  responses: { 200: { description: "A page of users.", body: s.userListSchema } },
  errors: [],
});

export const createUser = defineOperation({
  method: "post",
  path: "/api/v1/users",
  tag: "Users",
  summary: "Create a user",
  description: "The generated password is in this answer only (and emailed to the user). A customer gets a BRL wallet.",
  access: "admin",
  request: userInputSchema,
  responses: { 201: { description: "The user and their password.", body: s.userIssuedSchema } },
  errors: ["VALIDATION_FAILED", "EMAIL_TAKEN"],
});

export const readUser = defineOperation({
  method: "get",
  path: "/api/v1/users/{id}",
  tag: "Users",
  summary: "Read a user",
  access: "admin",
  pathParams: { id: "The user's id." },
  responses: { 200: { description: "The user.", body: s.userEnvelopeSchema } },
  errors: ["NOT_FOUND"],
});

export const updateUser = defineOperation({
  method: "patch",
  path: "/api/v1/users/{id}",
  tag: "Users",
  summary: "Change a user's name, email or role",
  access: "admin",
  pathParams: { id: "The user's id." },
  request: s.userUpdateSchema,
  responses: { 200: { description: "The user as changed.", body: s.userEnvelopeSchema } },
  errors: ["NOT_FOUND", "VALIDATION_FAILED", "EMAIL_TAKEN"],
});

export const deleteUser = defineOperation({
  method: "delete",
  path: "/api/v1/users/{id}",
  tag: "Users",
  summary: "Delete a user",
  description: "Their sessions and tokens stop working at once. A customer with money in a wallet, a pending withdrawal or a pending payment request can't be deleted (INVALID_STATE).",
  access: "admin",
  pathParams: { id: "The user's id." },
  responses: { 204: { description: "Deleted." } },
  errors: ["NOT_FOUND", "INVALID_STATE"],
});

export const importFile = defineOperation({
  method: "post",
  path: "/api/v1/imports",
  tag: "Imports",
  summary: "Import a day's bank transactions file",
  description: "The body is the file itself, streamed, as text/csv or application/xml; all of it imports or none.",
  access: "staff",
  query: s.importUploadQuerySchema,
  request: { contentTypes: ["text/csv"] },
  responses: { 201: { description: "What was imported and which lines were ignored.", body: s.importSummarySchema } },
  errors: ["VALIDATION_FAILED", "EMPTY_FILE", "TOO_LARGE", "UNSUPPORTED_FORMAT", "DATE_ALREADY_IMPORTED", "REQUEST_TIMEOUT", "IMPORTS_BUSY"],
});

export const listImports = defineOperation({
  method: "get",
  path: "/api/v1/imports",
  tag: "Imports",
  summary: "List imports",
  access: "staff",
  query: s.importListQuerySchema,
  responses: { 200: { description: "A page of imports.", body: s.importListSchema } },
  errors: [],
});

export const readImport = defineOperation({
  method: "get",
  path: "/api/v1/imports/{id}",
  tag: "Imports",
  summary: "Read an import with a page of its transactions and ignored lines",
  access: "staff",
  pathParams: { id: "The import's id." },
  query: s.importDetailQuerySchema,
  responses: { 200: { description: "The import.", body: s.importDetailSchema } },
  errors: ["NOT_FOUND"],
});

export const analysis = defineOperation({
  method: "get",
  path: "/api/v1/analysis",
  tag: "Analysis",
  summary: "A month's suspicious transactions, accounts and branches",
  access: "staff",
  query: s.analysisQuerySchema,
  responses: { 200: { description: "The report, with the thresholds used.", body: s.analysisReportSchema } },
  errors: ["VALIDATION_FAILED"],
});

export const exportAnalysis = defineOperation({
  method: "get",
  path: "/api/v1/analysis/export",
  tag: "Analysis",
  summary: "A section of a month's analysis as CSV",
  access: "staff",
  query: s.analysisExportQuerySchema,
  responses: { 200: { description: "The CSV file.", body: { contentTypes: ["text/csv"] } } },
  errors: ["VALIDATION_FAILED"],
});

export const openApi = defineOperation({
  method: "get",
  path: "/api/v1/openapi.json",
  tag: "Documentation",
  summary: "This OpenAPI 3.1 document",
  access: "public",
  responses: { 200: { description: "The document.", body: s.openApiDocumentSchema } },
  errors: [],
});

// ---- Cases: the review queue (lib/screening/cases.ts)

export const listCases = defineOperation({
  method: "get",
  path: "/api/v1/cases",
  tag: "Cases",
  summary: "The review queue",
  description:
    "Each movement screening held opens a case; analysts open cases from a month's analysis too. Open cases come first, the longest waiting on top, then decided ones, newest first. " +
    "An open case escalates once older than the review time (REVIEW_HOURS).",
  access: "staff",
  query: s.caseListQuerySchema,
  responses: { 200: { description: "A page of cases.", body: s.caseListSchema } },
  errors: ["VALIDATION_FAILED"],
});

export const getCase = defineOperation({
  method: "get",
  path: "/api/v1/cases/{id}",
  tag: "Cases",
  summary: "Read a case",
  description: "The held movement as quoted, the sender's and recipient's profiles, the sender's last movements, the rules matched with their figures, the notes and the audit trail.",
  access: "staff",
  pathParams: { id: "The case's id." },
  responses: { 200: { description: "The case.", body: s.caseDetailSchema } },
  errors: ["NOT_FOUND"],
});

export const releaseCase = defineOperation({
  method: "post",
  path: "/api/v1/cases/{id}/release",
  tag: "Cases",
  summary: "Release a held movement",
  description:
    "A transfer completes at the rate and fee it was quoted, recorded now; a withdrawal goes on to the payment provider. Of two decisions at once, one is made and the other answers INVALID_STATE.",
  access: "staff",
  pathParams: { id: "The case's id." },
  request: s.releaseCaseInputSchema,
  responses: { 200: { description: "The case, released.", body: s.caseDetailSchema } },
  errors: ["NOT_FOUND", "VALIDATION_FAILED", "INVALID_STATE"],
});

export const rejectCase = defineOperation({
  method: "post",
  path: "/api/v1/cases/{id}/reject",
  tag: "Cases",
  summary: "Reject a held movement",
  description: "Nothing moves: the hold is released back to the sender's available balance. The note saying why is required.",
  access: "staff",
  pathParams: { id: "The case's id." },
  request: s.rejectCaseInputSchema,
  responses: { 200: { description: "The case, rejected.", body: s.caseDetailSchema } },
  errors: ["NOT_FOUND", "VALIDATION_FAILED", "INVALID_STATE"],
});

// ---- Screening rules and lists (lib/screening/rules.ts)

export const listScreeningRules = defineOperation({
  method: "get",
  path: "/api/v1/rules",
  tag: "Screening",
  summary: "List the screening rules, each with its live version",
  description: "Every rule, active or not, with its version in the live rule set (null when inactive) and its newest version, and the id of the rule set in force.",
  access: "staff",
  responses: { 200: { description: "The rules and the live rule set's id.", body: s.screeningRuleListSchema } },
  errors: [],
});

export const createScreeningRule = defineOperation({
  method: "post",
  path: "/api/v1/rules",
  tag: "Screening",
  summary: "Create a screening rule with its first version",
  description:
    "The rule matches a transfer or withdrawal when all its conditions hold, and its outcome (allow, review or block) applies. It stays inactive unless `activate` is true: the staff pages backtest a version on the last 30 days before putting it live. Audited.",
  access: "admin",
  request: s.screeningRuleInputSchema,
  responses: { 201: { description: "The rule, and the rule set in force after it.", body: s.screeningRuleCreatedSchema } },
  errors: ["VALIDATION_FAILED"],
});

// Last, as it names every definition above.
export const operations: Operation[] = [
  issueToken,
  refreshToken,
  signUp,
  verifyEmail,
  resendVerification,
  listWallets,
  openWallet,
  listWalletLines,
  readWalletStatement,
  sendTransfer,
  sendBatch,
  createPaymentRequest,
  listPaymentRequests,
  payPaymentRequest,
  declinePaymentRequest,
  cancelPaymentRequest,
  requestWithdrawal,
  listRates,
  setRate,
  bookDeposit,
  settleWithdrawal,
  cancelWithdrawal,
  listUsers,
  createUser,
  readUser,
  updateUser,
  deleteUser,
  importFile,
  listImports,
  readImport,
  analysis,
  exportAnalysis,
  listCases,
  getCase,
  releaseCase,
  rejectCase,
  listScreeningRules,
  createScreeningRule,
  openApi,
];
