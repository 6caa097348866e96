import { z } from "zod";
import { caseSource, caseStatus, flowDirection, importFormat, ledgerTransferKind, ledgerTransferStatus, paymentRequestStatus, screeningOutcome, userRole } from "@/db/schema";
import { monthSchema } from "@/lib/analysis/month";
import { importSortKeys } from "@/lib/imports/queries";
import { idempotencyKeySchema } from "@/lib/ledger/idempotency";
import { paymentRequestInputSchema, payRequestInputSchema } from "@/lib/ledger/payment-requests";
import { depositInputSchema, withdrawalInputSchema } from "@/lib/ledger/provider";
import { rateInputSchema } from "@/lib/ledger/rates";
import { transferInputSchema } from "@/lib/ledger/transfers";
import { noteSchema } from "@/lib/screening/cases";
import { conditionSchema } from "@/lib/screening/conditions";
import { ruleInputSchema } from "@/lib/screening/rules";
import { signUpInputSchema } from "@/lib/users/signup";
import { currencySchema } from "@/lib/money/currency";
import { pageSizes } from "@/lib/page-sizes";
import { defaultTimeZone, timeZoneSchema } from "@/lib/time";
import { userInputSchema, userSortKeys } from "@/lib/users";

// The REST API's request and response shapes. Handlers parse with the request schemas and
// answer in the response shapes (typed from them); the OpenAPI document is generated from both.
// Responses are strict objects: a field a handler adds without declaring it fails e2e/contract.spec.ts.

const decimal = (description: string) => z.string().describe(description);
const timestamp = z.iso.datetime();

export const errorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** The query of every paged list: `?page=` from 1, `?size=` one of the page sizes. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe("The page, from 1."),
  size: z.coerce
    .number()
    .int()
    .refine((size) => (pageSizes as readonly number[]).includes(size), `Use one of ${pageSizes.join(", ")}.`)
    .default(25)
    .describe(`Rows per page: ${pageSizes.join(", ")} (default 25).`),
});

/** The one list envelope: a page of rows and how many there are in all. */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z.strictObject({
    data: z.array(item),
    page: z.int().min(1).describe("The page, from 1."),
    size: z.int().min(1).describe("Rows per page asked for."),
    total: z.int().min(0).describe("Rows on all pages."),
  });
}

export const tokenRequestSchema = z.object({
  login: z.string().trim().min(1, "Enter your email or username.").max(320),
  password: z.string().min(1, "Enter your password.").max(200),
});

export const tokenResponseSchema = z.strictObject({
  token: z.string(),
  tokenType: z.literal("Bearer"),
  expiresAt: timestamp.nullable(),
  refreshToken: z.string().describe("Trade it at POST /api/v1/auth/refresh for a new pair, once: a used one shown again ends the sign-in."),
  refreshExpiresAt: timestamp,
});

export const refreshRequestSchema = z.object({
  refreshToken: z.string().trim().min(1, "Send the refresh token.").max(200),
});

export const signUpAcceptedSchema = z.strictObject({
  status: z.literal("check_email"),
  message: z.string().describe("The same for a taken email or CPF as for a new one: the email tells its owner."),
});

export const verifyEmailRequestSchema = z.object({ token: z.string().trim().min(1, "Send the token from the emailed link.").max(200) });

export const emailVerifiedSchema = z.strictObject({ status: z.literal("verified") });

export const verificationLinkSentSchema = z.strictObject({ status: z.literal("sent"), email: z.string() });

export const moneySchema = z.strictObject({ amount: decimal("A decimal string, like 10.50."), currency: z.string() });

export const walletSchema = z.strictObject({
  id: z.uuid(),
  accountNumber: z.string(),
  currency: z.string(),
  balance: decimal("The booked balance."),
  available: decimal("The balance less what pending withdrawals hold."),
});
export type WalletJson = z.infer<typeof walletSchema>;

export const walletListSchema = listOf(walletSchema);

export const openWalletInputSchema = z.object({ currency: currencySchema });

export const walletLineSchema = z.strictObject({
  id: z.string(),
  transferId: z.uuid(),
  kind: z.enum(ledgerTransferKind.enumValues),
  purpose: z.enum(["principal", "fee"]),
  amount: decimal("Signed: negative when money left the wallet."),
  currency: z.string(),
  balanceAfter: decimal("The wallet's balance after this line."),
  at: timestamp,
  counterparty: z.string().nullable(),
  reference: z.string().nullable(),
});
export type WalletLineJson = z.infer<typeof walletLineSchema>;

export const walletLinesSchema = listOf(walletLineSchema);

export const rateSchema = z.strictObject({
  base: z.string(),
  quote: z.string(),
  rate: decimal("How many units of quote one unit of base buys."),
  source: z.string(),
  at: timestamp,
});

export const transferResultSchema = z.strictObject({
  id: z.uuid(),
  // pending_review: screening held it, the money set aside, until staff release (completed) or reject it.
  status: z.enum(["completed", "pending_review", "rejected"]),
  debited: moneySchema,
  credited: moneySchema,
  fee: moneySchema,
  rate: rateSchema.nullable(),
});

export const batchInputSchema = z.object({
  transfers: z
    .array(transferInputSchema.extend({ idempotencyKey: idempotencyKeySchema }))
    .min(1, "Send at least one transfer.")
    .max(1000, "Send at most 1,000 transfers at a time."),
});

export const batchResultSchema = z.strictObject({
  results: z.array(
    z.discriminatedUnion("ok", [
      z.strictObject({ idempotencyKey: z.string(), ok: z.literal(true), transfer: transferResultSchema }),
      z.strictObject({ idempotencyKey: z.string(), ok: z.literal(false), error: z.strictObject({ code: z.string(), message: z.string() }) }),
    ]),
  ),
});

export const withdrawalSchema = z.strictObject({
  id: z.uuid(),
  // pending_review: screening held it until staff release it (then pending) or reject it.
  status: z.enum(["pending", "settled", "cancelled", "pending_review", "rejected"]),
  amount: moneySchema,
});

export const depositResultSchema = z.strictObject({
  id: z.uuid(),
  status: z.literal("completed"),
  credited: moneySchema,
  accountNumber: z.string(),
  reference: z.string(),
});

export const rateListSchema = listOf(rateSchema);

const paymentRequestDirection = z.enum(["incoming", "outgoing"]);

export const paymentRequestSchema = z.strictObject({
  id: z.uuid(),
  direction: paymentRequestDirection.describe("incoming: you are asked to pay; outgoing: you asked."),
  requester: z.strictObject({ name: z.string(), accountNumber: z.string().nullable().describe("The wallet the payment goes to.") }),
  payer: z.strictObject({ name: z.string() }),
  amount: moneySchema.describe("What the requester asked for, in the currency of the wallet it goes to."),
  note: z.string().nullable(),
  status: z.enum(paymentRequestStatus.enumValues).describe("A pending request expires 7 days after it was made."),
  transferId: z.uuid().nullable().describe("The transfer that paid it."),
  createdAt: timestamp,
  expiresAt: timestamp,
  decidedAt: timestamp.nullable().describe("When it was paid, declined or cancelled."),
});
export type PaymentRequestJson = z.infer<typeof paymentRequestSchema>;

export const paymentRequestListSchema = listOf(paymentRequestSchema);

export const paymentRequestListQuerySchema = z.object({
  direction: paymentRequestDirection.optional().describe("Only the requests asked of you (incoming) or made by you (outgoing); both when left out."),
  status: z.enum(paymentRequestStatus.enumValues).optional(),
  ...pageQuerySchema.shape,
});

export const paidRequestSchema = z.strictObject({ paymentRequest: paymentRequestSchema, transfer: transferResultSchema });

export const userSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  email: z.email(),
  role: z.enum(userRole.enumValues),
  createdAt: timestamp,
  locked: z.boolean(),
});

export const userEnvelopeSchema = z.strictObject({ user: userSchema });
export const userListSchema = listOf(userSchema);
export const userUpdateSchema = userInputSchema
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, "Send at least one of name, email, role.");
export const userIssuedSchema = z.strictObject({ user: userSchema, password: z.string(), emailed: z.boolean() });

const order = z.enum(["asc", "desc"]);

export const userListQuerySchema = z.object({
  search: z.string().max(200).optional().describe("Part of a name or email."),
  role: z.enum(userRole.enumValues).optional(),
  sort: z.enum(userSortKeys).optional(),
  order: order.optional(),
  ...pageQuerySchema.shape,
});

export const importListQuerySchema = z.object({ sort: z.enum(importSortKeys).optional(), order: order.optional(), ...pageQuerySchema.shape });
export const importUploadQuerySchema = z.object({ filename: z.string().optional().describe("The file's name (or send Content-Disposition).") });

const ignoredLineSchema = z.strictObject({ line: z.int(), reason: z.string() });

export const importSummarySchema = z.strictObject({
  id: z.uuid(),
  fileName: z.string(),
  transactionsDate: z.iso.date(),
  imported: z.int(),
  ignoredCount: z.int(),
  ignored: z.array(ignoredLineSchema).describe("The first ignored lines, in file order; GET /api/v1/imports/{id} pages them all."),
});

export const importSchema = z.strictObject({
  id: z.uuid(),
  fileName: z.string(),
  format: z.enum(importFormat.enumValues),
  transactionsDate: z.iso.date(),
  importedAt: timestamp,
  importedBy: z.strictObject({ id: z.uuid(), name: z.string() }),
  imported: z.int(),
  ignoredCount: z.int(),
  bytes: z.int(),
  analysisReady: z.boolean().describe("Whether the import is in the monthly totals the analysis reads (they follow shortly after)."),
});
export const importListSchema = listOf(importSchema);

const bankAccountSchema = z.strictObject({ bank: z.string(), branch: z.string(), account: z.string() });
export const bankTransactionSchema = z.strictObject({
  origin: bankAccountSchema,
  destination: bankAccountSchema,
  amount: decimal("A decimal string, like 10.50."),
  currency: z.string(),
  dateTime: z.string().describe("The local date and time the file gives, like 2022-01-01T07:30:00."),
});

export const importDetailQuerySchema = pageQuerySchema;
export const importDetailSchema = importSchema.extend({
  transactions: listOf(bankTransactionSchema),
  ignored: listOf(ignoredLineSchema),
});

export const statementQuerySchema = z.object({
  month: monthSchema.describe("YYYY-MM: a month the wallet existed in, up to the current one."),
  format: z.enum(["csv", "pdf"], "Use csv or pdf."),
  timeZone: timeZoneSchema.optional().describe(`The IANA time zone the month and times are in: ${defaultTimeZone} by default.`),
});

export const analysisQuerySchema = z.object({ month: monthSchema.describe("YYYY-MM, for example 2022-01.") });
export const analysisExportQuerySchema = z.object({
  month: monthSchema.describe("YYYY-MM, for example 2022-01."),
  section: z.enum(["transactions", "accounts", "branches"]),
  q: z.string().trim().max(100).optional().describe("Search."),
  direction: z.enum(flowDirection.enumValues).optional(),
});

const direction = z.enum(flowDirection.enumValues);
export const analysisReportSchema = z.strictObject({
  month: z.string(),
  thresholdsVersion: z.int(),
  thresholds: z.strictObject({ transaction: decimal("Per transaction."), account: decimal("Per account and month."), branch: decimal("Per branch and month.") }),
  transactions: z.array(bankTransactionSchema),
  accounts: z.array(z.strictObject({ bank: z.string(), branch: z.string(), account: z.string(), direction, total: decimal("The month's total."), count: z.int() })),
  branches: z.array(z.strictObject({ bank: z.string(), branch: z.string(), direction, total: decimal("The month's total."), count: z.int() })),
});

const casePersonSchema = z.strictObject({ id: z.uuid().describe("The customer's user id."), name: z.string(), accountNumber: z.string() });
const staffMemberSchema = z.strictObject({ id: z.uuid(), name: z.string() });

export const caseSummarySchema = z.strictObject({
  id: z.uuid(),
  number: z.int(),
  title: z.string(),
  source: z.enum(caseSource.enumValues).describe("screening: a movement screening held; analysis: a row of a month's analysis an analyst flagged."),
  status: z.enum(caseStatus.enumValues).describe("A held movement's case is released or rejected; an analysis case is closed."),
  transferId: z.uuid().nullable().describe("The movement screening held (a transfer's or withdrawal's id)."),
  openedAt: timestamp,
  escalated: z.boolean().describe("Open for longer than the review time (REVIEW_HOURS)."),
  sender: casePersonSchema.nullable(),
  recipient: casePersonSchema.nullable().describe("None for a withdrawal or an analysis case."),
  amount: moneySchema.nullable().describe("What the movement debits, fee apart."),
  assignee: staffMemberSchema.nullable(),
  rules: z.array(z.string()).describe("The names of the screening rules the movement matched."),
});
export const caseListSchema = listOf(caseSummarySchema);

export const caseListQuerySchema = z.object({
  status: z.enum(caseStatus.enumValues).optional(),
  assignee: z.union([z.uuid(), z.literal("me")]).optional().describe("A staff member's user id, or me."),
  escalated: z.enum(["true", "false"]).optional().describe("true: only open cases past the review time; false: only the others."),
  ...pageQuerySchema.shape,
});

const caseProfileSchema = casePersonSchema.extend({
  email: z.string(),
  walletId: z.uuid(),
  currency: z.string(),
  walletOpenedAt: timestamp,
  balance: decimal("The wallet's booked balance."),
  available: decimal("The balance less what holds keep."),
});

const matchedRuleSchema = z.strictObject({
  ruleId: z.uuid(),
  versionId: z.uuid(),
  version: z.int(),
  name: z.string(),
  outcome: z.enum(screeningOutcome.enumValues),
  figures: z.record(z.string(), z.string()).describe("What made the rule match: the amounts, counts and thresholds compared."),
});

export const caseDetailSchema = caseSummarySchema.omit({ transferId: true, sender: true, recipient: true, amount: true, rules: true }).extend({
  subject: z.record(z.string(), z.string()).nullable().describe("An analysis case's flagged row and its figures."),
  openedBy: z.string().nullable().describe("Who opened an analysis case; none for screening's."),
  dueAt: timestamp.describe("When an open case escalates."),
  decided: z.strictObject({ by: z.string().nullable(), at: timestamp, note: z.string().nullable() }).nullable(),
  movement: z
    .strictObject({
      id: z.uuid(),
      kind: z.enum(ledgerTransferKind.enumValues),
      status: z.enum(ledgerTransferStatus.enumValues),
      at: timestamp,
      debited: moneySchema,
      credited: moneySchema,
      fee: moneySchema,
      rate: z.strictObject({ base: z.string(), quote: z.string(), value: decimal("Units of quote one unit of base buys.") }).nullable().describe("As quoted: a release completes at it."),
      screening: z.strictObject({ rulesetId: z.int(), outcome: z.enum(screeningOutcome.enumValues), matched: z.array(matchedRuleSchema) }).nullable(),
    })
    .nullable(),
  sender: caseProfileSchema.nullable(),
  recipient: caseProfileSchema.nullable(),
  recentMovements: z
    .array(
      z.strictObject({
        id: z.uuid(),
        kind: z.enum(ledgerTransferKind.enumValues),
        status: z.enum(ledgerTransferStatus.enumValues),
        at: timestamp,
        direction: z.enum(["in", "out"]),
        amount: moneySchema,
        counterparty: z.strictObject({ accountNumber: z.string(), name: z.string() }).nullable(),
      }),
    )
    .describe("The sender's wallet's last movements, this one included, newest first."),
  notes: z.array(z.strictObject({ id: z.int(), body: z.string(), at: timestamp, author: z.string() })),
  audit: z.array(z.strictObject({ id: z.int(), at: timestamp, action: z.string(), actor: z.string(), details: z.record(z.string(), z.unknown()) })),
});

export const releaseCaseInputSchema = z.object({ note: z.string().trim().max(2000, "At most 2,000 characters.").default("").describe("Why it goes (optional).") });
export const rejectCaseInputSchema = z.object({ note: noteSchema.describe("Why it was refused: required.") });

/** The document itself, loosely: its parts are JSON Schema and OpenAPI, checked by lib/api/openapi.test.ts. */
const ruleVersionSchema = z.strictObject({
  id: z.uuid(),
  version: z.int().min(1),
  outcome: z.enum(screeningOutcome.enumValues),
  conditions: z.array(conditionSchema).describe("All must hold for the rule to match."),
  createdAt: timestamp,
  createdBy: z.string().nullable().describe("The name of the staff member who wrote this version."),
});

export const screeningRuleSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(["active", "inactive"]).describe("Active: one of its versions is in the live rule set."),
  liveVersion: ruleVersionSchema.nullable(),
  latestVersion: ruleVersionSchema.describe("Its newest version, which may not be live yet."),
});

export const screeningRuleListSchema = z.strictObject({
  rulesetId: z.int().nullable().describe("The rule set in force, which every screening decision names; null before any was written."),
  rules: z.array(screeningRuleSchema),
});

export const screeningRuleInputSchema = ruleInputSchema.extend({
  activate: z.boolean().default(false).describe("Put the first version live at once, without a backtest first."),
});

export const screeningRuleCreatedSchema = z.strictObject({ rule: screeningRuleSchema, rulesetId: z.int().nullable() });

export const openApiDocumentSchema = z.strictObject({
  openapi: z.literal("3.1.0"),
  info: z.strictObject({ title: z.string(), version: z.string(), description: z.string() }),
  jsonSchemaDialect: z.string(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.strictObject({ schemas: z.record(z.string(), z.looseObject({})), securitySchemes: z.record(z.string(), z.looseObject({})) }),
});

/** Every named shape, as it appears under components.schemas. */
export const namedSchemas = {
  Error: errorBodySchema,
  TokenRequest: tokenRequestSchema,
  TokenResponse: tokenResponseSchema,
  RefreshRequest: refreshRequestSchema,
  SignUpRequest: signUpInputSchema,
  SignUpAccepted: signUpAcceptedSchema,
  VerifyEmailRequest: verifyEmailRequestSchema,
  EmailVerified: emailVerifiedSchema,
  VerificationLinkSent: verificationLinkSentSchema,
  Money: moneySchema,
  Wallet: walletSchema,
  WalletList: walletListSchema,
  OpenWalletRequest: openWalletInputSchema,
  WalletLine: walletLineSchema,
  WalletLines: walletLinesSchema,
  Rate: rateSchema,
  RateList: rateListSchema,
  RateRequest: rateInputSchema,
  TransferRequest: transferInputSchema,
  TransferResult: transferResultSchema,
  BatchRequest: batchInputSchema,
  BatchResult: batchResultSchema,
  PaymentRequestRequest: paymentRequestInputSchema,
  PaymentRequest: paymentRequestSchema,
  PaymentRequestList: paymentRequestListSchema,
  PayRequest: payRequestInputSchema,
  PaidRequest: paidRequestSchema,
  WithdrawalRequest: withdrawalInputSchema,
  Withdrawal: withdrawalSchema,
  DepositRequest: depositInputSchema,
  Deposit: depositResultSchema,
  User: userSchema,
  UserEnvelope: userEnvelopeSchema,
  UserList: userListSchema,
  UserRequest: userInputSchema,
  UserUpdate: userUpdateSchema,
  UserIssued: userIssuedSchema,
  BankTransaction: bankTransactionSchema,
  ImportSummary: importSummarySchema,
  Import: importSchema,
  ImportList: importListSchema,
  ImportDetail: importDetailSchema,
  AnalysisReport: analysisReportSchema,
  CaseSummary: caseSummarySchema,
  CaseList: caseListSchema,
  Case: caseDetailSchema,
  ReleaseCaseRequest: releaseCaseInputSchema,
  RejectCaseRequest: rejectCaseInputSchema,
  ScreeningRule: screeningRuleSchema,
  ScreeningRuleList: screeningRuleListSchema,
  ScreeningRuleInput: screeningRuleInputSchema,
  ScreeningRuleCreated: screeningRuleCreatedSchema,
  OpenApiDocument: openApiDocumentSchema,
} satisfies Record<string, z.ZodType>;
export type SchemaId = keyof typeof namedSchemas;
