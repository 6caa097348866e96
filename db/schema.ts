import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["admin", "analyst", "customer"]);
export type UserRole = (typeof userRole.enumValues)[number];

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    // Only the seeded administrator has a username ("Admin"); everyone else signs in by email.
    username: text(),
    email: text().notNull(),
    role: userRole().notNull(),
    passwordHash: text().notNull(),
    // Customers who signed up themselves: their CPF, digits only (lib/users/cpf.ts).
    cpf: text(),
    // Null until the owner opens the emailed link; staff-made accounts start verified.
    emailVerifiedAt: timestamp({ withTimezone: true }).defaultNow(),
    // The notification kinds the user does not want by email (lib/notifications).
    emailOptOuts: text().array().notNull().default(sql`'{}'::text[]`),
    // The seeded administrator: never listed, edited or deleted.
    isSystem: boolean().notNull().default(false),
    // Bumped whenever all of the user's sessions must stop working (password change or reset, role change, deletion).
    sessionVersion: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // A deleted user's email may be given to a new account; history keeps the old row.
    uniqueIndex("users_email_active_idx").on(sql`lower(${t.email})`).where(sql`${t.deletedAt} is null`),
    uniqueIndex("users_username_idx").on(sql`lower(${t.username})`),
    uniqueIndex("users_cpf_active_idx").on(t.cpf).where(sql`${t.deletedAt} is null`),
    index("users_created_at_idx").on(t.createdAt),
  ],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: createdAt(),
    ip: text().notNull(),
    login: text().notNull(),
    userId: uuid().references(() => users.id),
    succeeded: boolean().notNull(),
  },
  (t) => [index("login_attempts_ip_at_idx").on(t.ip, t.at)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: createdAt(),
    actorId: uuid().references(() => users.id),
    // What identified the actor when there is no user row (a failed sign-in's login).
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_events_at_idx").on(t.at), index("audit_events_action_at_idx").on(t.action, t.at)],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

export const apiTokenKind = pgEnum("api_token_kind", ["session", "personal"]);

/**
 * One row per cookie sign-in: the session cookie carries its id, and every request checks it is
 * still live, so signing out ends that session on the server at once (and only that one).
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins per (normalised login, source), whether the login exists or not, so an unknown
 * login is throttled exactly as a known one. The source is the client IP, `device:<id>` for a known
 * device, or `*` for the ceiling on all non-device sources of one login. Each lock lasts twice the
 * one before (capped); a success deletes the row.
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    login: text().notNull(),
    source: text().notNull(),
    failures: integer().notNull().default(0),
    lockCount: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.login, t.source] })],
);

/**
 * A browser a user has signed in from: its `lw_device` cookie carries a random token, stored as
 * SHA-256. Sign-ins from it are throttled on their own, so a stranger can't lock its owner out.
 */
export const knownDevices = pgTable(
  "known_devices",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("known_devices_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: apiTokenKind().notNull(),
    name: text().notNull(),
    // SHA-256 of the token: the token itself is shown once and never stored.
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/**
 * Refresh tokens of API sign-ins (lib/auth/refresh-tokens.ts): each is used once and replaced by
 * the next of its family; a used one shown again revokes the whole family.
 */
export const apiRefreshTokens = pgTable(
  "api_refresh_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    familyId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    // The access token issued with it, revoked with the family.
    accessTokenId: uuid()
      .notNull()
      .references(() => apiTokens.id),
    // The user's session version when the family began: a password change, reset or new role ends it.
    sessionVersion: integer().notNull(),
    // SHA-256 of the token: the token itself is shown once and never stored.
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("api_refresh_tokens_family_idx").on(t.familyId)],
);

/** Single-use links to reset a forgotten password (lib/auth/password-reset.ts). */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    // SHA-256 of the link's token: the token itself is only in the email.
    tokenHash: text().notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId, t.createdAt)],
);

/** Links that prove a customer owns the email they signed up with (lib/users/verification.ts). */
export const emailVerificationTokens = pgTable(
  "email_verification_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("email_verification_tokens_user_idx").on(t.userId, t.createdAt)],
);

/**
 * Every email, written in the transaction of what caused it and sent by the outbox worker
 * (lib/mail/outbox.ts), so a request never waits on SMTP and a crash loses no message.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    createdAt: createdAt(),
    to: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    // When the worker may try it (again): a claimed message is pushed ahead by its lease.
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
  },
  (t) => [
    index("outbox_messages_created_at_idx").on(t.createdAt),
    index("outbox_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.sentAt} is null`),
  ],
);
export type OutboxMessage = typeof outboxMessages.$inferSelect;

export const importFormat = pgEnum("import_format", ["csv", "xml"]);
export type ImportFormat = (typeof importFormat.enumValues)[number];

export const imports = pgTable(
  "imports",
  {
    id: uuid().primaryKey().defaultRandom(),
    fileName: text().notNull(),
    format: importFormat().notNull(),
    // One import per day of transactions: a second file for the same day is refused.
    transactionsDate: date({ mode: "string" }).notNull().unique(),
    importedBy: uuid()
      .notNull()
      .references(() => users.id),
    importedAt: createdAt(),
    transactionCount: integer().notNull(),
    ignoredCount: integer().notNull(),
    byteCount: bigint({ mode: "number" }).notNull(),
    // Sum of the stored amounts in minor units: the day's volume without reading its rows.
    totalAmount: numeric({ mode: "bigint" }).notNull().default(sql`0`),
    // When the import's transactions were added to the monthly totals; null until then.
    totalsAppliedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("imports_imported_at_idx").on(t.importedAt),
    index("imports_totals_pending_idx").on(t.transactionsDate).where(sql`${t.totalsAppliedAt} is null`),
  ],
);
export type Import = typeof imports.$inferSelect;

export const transactions = pgTable(
  "transactions",
  {
    id: bigserial({ mode: "bigint" }).primaryKey(),
    // No foreign key: a per-row check would slow the bulk COPY of an import, and rows are
    // only ever written by the importer in the same transaction as their import.
    importId: uuid().notNull(),
    originBank: text().notNull(),
    originBranch: text().notNull(),
    originAccount: text().notNull(),
    destinationBank: text().notNull(),
    destinationBranch: text().notNull(),
    destinationAccount: text().notNull(),
    // Minor units (cents) of `currency`.
    amount: bigint({ mode: "bigint" }).notNull(),
    currency: char({ length: 3 }).notNull().default("BRL"),
    // Bank files give local date-times without a zone; they are kept as given.
    occurredAt: timestamp({ withTimezone: false, mode: "string" }).notNull(),
  },
  (t) => [
    index("transactions_import_id_idx").on(t.importId, t.id),
    index("transactions_occurred_at_idx").on(t.occurredAt),
    // Suspicious transactions: few rows at or above a high threshold.
    index("transactions_amount_idx").on(t.amount),
    // The transactions behind a suspicious account or branch, by side.
    index("transactions_origin_idx").on(t.originBank, t.originBranch, t.originAccount, t.occurredAt),
    index("transactions_destination_idx").on(t.destinationBank, t.destinationBranch, t.destinationAccount, t.occurredAt),
  ],
);

/** Lines of an import that were not stored, and why. */
export const importIgnoredLines = pgTable(
  "import_ignored_lines",
  {
    importId: uuid()
      .notNull()
      .references(() => imports.id),
    position: integer().notNull(),
    reason: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.position] })],
);

/** Money leaving an account or branch (`out`, as origin) or arriving (`in`, as destination). */
export const flowDirection = pgEnum("flow_direction", ["in", "out"]);
export type FlowDirection = (typeof flowDirection.enumValues)[number];

/**
 * Each account's total sent and received per month, added to by every import in the same
 * transaction as its rows, so a month's analysis never aggregates its transactions.
 */
export const accountMonthlyTotals = pgTable(
  "account_monthly_totals",
  {
    // The first day of the month.
    month: date({ mode: "string" }).notNull(),
    direction: flowDirection().notNull(),
    bank: text().notNull(),
    branch: text().notNull(),
    account: text().notNull(),
    // Minor units; numeric, as a sum of bigints can outgrow a bigint.
    total: numeric({ mode: "bigint" }).notNull(),
    count: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.direction, t.bank, t.branch, t.account] }),
    index("account_monthly_totals_total_idx").on(t.month, t.total),
  ],
);

/** Each branch's (all its accounts') total sent and received per month, kept like the account totals. */
export const branchMonthlyTotals = pgTable(
  "branch_monthly_totals",
  {
    month: date({ mode: "string" }).notNull(),
    direction: flowDirection().notNull(),
    bank: text().notNull(),
    branch: text().notNull(),
    total: numeric({ mode: "bigint" }).notNull(),
    count: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.direction, t.bank, t.branch] }),
    index("branch_monthly_totals_total_idx").on(t.month, t.total),
  ],
);

/** The analysis thresholds, one row per version; the highest version is in force. */
export const thresholdVersions = pgTable("threshold_versions", {
  version: serial().primaryKey(),
  // Minor units (BRL cents).
  transactionAmount: bigint({ mode: "bigint" }).notNull(),
  accountTotal: bigint({ mode: "bigint" }).notNull(),
  branchTotal: bigint({ mode: "bigint" }).notNull(),
  // Null for the defaults the migration installs.
  createdBy: uuid().references(() => users.id),
  createdAt: createdAt(),
});
export type ThresholdVersion = typeof thresholdVersions.$inferSelect;

// ---- Wallet ledger --------------------------------------------------------------------------

/** A customer's wallet, or a system account per currency: the provider's settlement, fee revenue, FX. */
export const ledgerAccountKind = pgEnum("ledger_account_kind", ["wallet", "settlement", "fees", "fx"]);
export type LedgerAccountKind = (typeof ledgerAccountKind.enumValues)[number];

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: ledgerAccountKind().notNull(),
    currency: char({ length: 3 }).notNull(),
    // Wallets only: the customer, and the number others send money to.
    ownerId: uuid().references(() => users.id),
    accountNumber: text().unique(),
    // Wallets only, in minor units, updated with their postings in one transaction. System
    // accounts keep 0 here and take their balance from their postings, so no single row
    // serializes every operation of a currency.
    balance: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    frozenAt: timestamp({ withTimezone: true }),
    // Its owner closed their account (lib/users/close-account.ts): it takes no more money.
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_accounts_wallet_idx").on(t.ownerId, t.currency).where(sql`${t.kind} = 'wallet'`),
    uniqueIndex("ledger_accounts_system_idx").on(t.kind, t.currency).where(sql`${t.kind} <> 'wallet'`),
    check("ledger_accounts_wallet_not_negative", sql`${t.kind} <> 'wallet' or ${t.balance} >= 0`),
    check("ledger_accounts_wallet_owner", sql`(${t.kind} = 'wallet') = (${t.ownerId} is not null and ${t.accountNumber} is not null)`),
  ],
);
export type LedgerAccount = typeof ledgerAccounts.$inferSelect;

export const ledgerTransferKind = pgEnum("ledger_transfer_kind", ["deposit", "withdrawal", "transfer"]);
export type LedgerTransferKind = (typeof ledgerTransferKind.enumValues)[number];
// pending_review: held by screening until staff decide (lib/screening); rejected: they refused it;
// blocked: screening refused it outright (kept, without money, as the support reference).
export const ledgerTransferStatus = pgEnum("ledger_transfer_status", [
  "completed",
  "pending",
  "settled",
  "cancelled",
  "expired",
  "pending_review",
  "rejected",
  "blocked",
]);
export type LedgerTransferStatus = (typeof ledgerTransferStatus.enumValues)[number];

/**
 * One money movement (a journal entry). A pending withdrawal is a hold on its wallet: it
 * has no postings until the provider settles it.
 */
export const ledgerTransfers = pgTable(
  "ledger_transfers",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: ledgerTransferKind().notNull(),
    status: ledgerTransferStatus().notNull(),
    // The wallet money leaves (none for a deposit) and the one it reaches (none for a withdrawal).
    fromAccountId: uuid().references(() => ledgerAccounts.id),
    toAccountId: uuid().references(() => ledgerAccounts.id),
    debitAmount: bigint({ mode: "bigint" }).notNull(),
    debitCurrency: char({ length: 3 }).notNull(),
    creditAmount: bigint({ mode: "bigint" }).notNull(),
    creditCurrency: char({ length: 3 }).notNull(),
    feeAmount: bigint({ mode: "bigint" }).notNull().default(sql`0`),
    // Across currencies: the rate used (quote per base, exact), where it came from and when.
    rate: numeric({ mode: "string" }),
    rateBase: char({ length: 3 }),
    rateSource: text(),
    rateAt: timestamp({ withTimezone: true }),
    reference: text(),
    requestedBy: uuid().references(() => users.id),
    // A withdrawal's hold lapses at this time unless settled.
    expiresAt: timestamp({ withTimezone: true }),
    // What screening decided (lib/screening): the rule set in force, the outcome, the rules matched and their figures.
    screening: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("ledger_transfers_holds_idx").on(t.fromAccountId).where(sql`${t.status} = 'pending'`),
    // What screening held or refused: the statuses after 'expired' in the enum. Said so because a
    // fresh database runs every migration in one transaction, where the values 0014 adds can't be
    // named yet. available.ts's holdsMoney repeats this predicate, for the planner to use it.
    index("ledger_transfers_screened_idx").on(t.fromAccountId).where(sql`${t.status} > 'expired'`),
    // The sender's history that screening reads: all its movements in a window, and those to one recipient.
    // A window's count and sum come from the first index alone (status and amount in it): its rows are
    // next to one another there, while in the table each is on a page of its own.
    index("ledger_transfers_from_at_idx").on(t.fromAccountId, t.createdAt, t.status, t.debitAmount),
    index("ledger_transfers_from_to_idx").on(t.fromAccountId, t.toAccountId, t.createdAt),
    check("ledger_transfers_positive", sql`${t.debitAmount} > 0 and ${t.creditAmount} > 0 and ${t.feeAmount} >= 0`),
  ],
);
export type LedgerTransfer = typeof ledgerTransfers.$inferSelect;

export const ledgerPostingPurpose = pgEnum("ledger_posting_purpose", ["principal", "fee"]);

/** The immutable lines of a transfer; per transfer and currency they sum to zero. */
export const ledgerPostings = pgTable(
  "ledger_postings",
  {
    id: bigserial({ mode: "bigint" }).primaryKey(),
    transferId: uuid()
      .notNull()
      .references(() => ledgerTransfers.id),
    accountId: uuid()
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: bigint({ mode: "bigint" }).notNull(),
    currency: char({ length: 3 }).notNull(),
    purpose: ledgerPostingPurpose().notNull(),
    // Wallets only: the balance right after this line, for a history with running balances.
    balanceAfter: bigint({ mode: "bigint" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("ledger_postings_account_idx").on(t.accountId, t.id),
    index("ledger_postings_transfer_idx").on(t.transferId),
    check("ledger_postings_nonzero", sql`${t.amount} <> 0`),
  ],
);

/**
 * A money-moving request's idempotency key, per caller. Stored in the same transaction as the
 * movement, so a retry finds either nothing (and runs) or the committed answer.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    response: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const paymentRequestStatus = pgEnum("payment_request_status", ["pending", "paid", "declined", "cancelled", "expired"]);
export type PaymentRequestStatus = (typeof paymentRequestStatus.enumValues)[number];

/** A customer asks another for money; paying it makes an ordinary transfer (lib/ledger/payment-requests.ts). */
export const paymentRequests = pgTable(
  "payment_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    requesterId: uuid()
      .notNull()
      .references(() => users.id),
    payerId: uuid()
      .notNull()
      .references(() => users.id),
    // What the requester asks for, in minor units of its currency; paying it credits at least this
    // into their wallet of that currency (see CreditInput in lib/ledger/transfers.ts).
    amount: bigint({ mode: "bigint" }).notNull(),
    currency: char({ length: 3 }).notNull(),
    note: text(),
    status: paymentRequestStatus().notNull().default("pending"),
    transferId: uuid().references(() => ledgerTransfers.id),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("payment_requests_payer_idx").on(t.payerId, t.createdAt),
    index("payment_requests_requester_idx").on(t.requesterId, t.createdAt),
    check("payment_requests_positive", sql`${t.amount} > 0`),
    check("payment_requests_not_self", sql`${t.requesterId} <> ${t.payerId}`),
  ],
);
export type PaymentRequest = typeof paymentRequests.$inferSelect;

/** What the wallet's bell lists; the email for each, if wanted, goes through the outbox. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text().notNull(),
    // What the line says, fixed when it happened (names, amounts as decimal strings, ids for links).
    data: jsonb().$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    readAt: timestamp({ withTimezone: true }),
    // Until the mail worker has queued its email (or skipped it: the user opted out).
    emailPending: boolean().notNull().default(true),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_email_pending_idx").on(t.id).where(sql`${t.emailPending}`),
  ],
);
export type Notification = typeof notifications.$inferSelect;

/** Exchange rates, newest per pair in force: one unit of `base` buys `rate` units of `quote`. */
export const fxRates = pgTable(
  "fx_rates",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    base: char({ length: 3 }).notNull(),
    quote: char({ length: 3 }).notNull(),
    rate: numeric({ mode: "string" }).notNull(),
    source: text().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("fx_rates_pair_idx").on(t.base, t.quote, t.id), check("fx_rates_positive", sql`${t.rate} > 0`)],
);

/** What sending money costs, per currency of the sending wallet. */
export const feeSchedules = pgTable("fee_schedules", {
  currency: char({ length: 3 }).primaryKey(),
  flat: bigint({ mode: "bigint" }).notNull(),
  // Percent of the amount, times 10^4 (150 is 0.015%).
  percent: bigint({ mode: "bigint" }).notNull(),
  minimum: bigint({ mode: "bigint" }).notNull(),
  updatedBy: uuid().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * API requests counted per caller (`ip:…`, `token:…`, `user:…`, `provider`) in fixed one-minute
 * windows, shared by every app instance. The migration creates it UNLOGGED: a lost count after a
 * crash is harmless, and a commit that writes only unlogged tables doesn't wait for a WAL flush.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

// ---- Screening: rules, lists, cases (lib/screening) ------------------------------------------

export const screeningOutcome = pgEnum("screening_outcome", ["allow", "review", "block"]);
export type ScreeningOutcome = (typeof screeningOutcome.enumValues)[number];

/** A rule staff write; what it says lives in its versions. */
export const screeningRules = pgTable("screening_rules", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdBy: uuid().references(() => users.id),
  createdAt: createdAt(),
});

/** One version of a rule: its conditions (all must hold, see lib/screening/conditions.ts) and its outcome. Never changed once written. */
export const screeningRuleVersions = pgTable(
  "screening_rule_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    ruleId: uuid()
      .notNull()
      .references(() => screeningRules.id),
    version: integer().notNull(),
    conditions: jsonb().$type<unknown[]>().notNull(),
    outcome: screeningOutcome().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("screening_rule_versions_rule_idx").on(t.ruleId, t.version)],
);

export const screeningListKind = pgEnum("screening_list_kind", ["deny", "allow"]);
export const screeningListEntryKind = pgEnum("screening_list_entry_kind", ["account", "email", "document"]);

/** A deny or allow list of account numbers, emails or document numbers (CPF); its entries live in its versions. */
export const screeningLists = pgTable("screening_lists", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  kind: screeningListKind().notNull(),
  entryKind: screeningListEntryKind().notNull(),
  createdBy: uuid().references(() => users.id),
  createdAt: createdAt(),
});

export const screeningListVersions = pgTable(
  "screening_list_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    listId: uuid()
      .notNull()
      .references(() => screeningLists.id),
    version: integer().notNull(),
    // Normalized: account numbers and CPFs as digits, emails in lower case.
    entries: text().array().notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("screening_list_versions_list_idx").on(t.listId, t.version)],
);

/**
 * What is in force: the newest row. Every change to what is live (a rule version put live or
 * taken off, a list edited) writes a new one, so each decision names exactly what it applied.
 */
export const screeningRulesets = pgTable("screening_rulesets", {
  id: serial().primaryKey(),
  ruleVersionIds: uuid().array().notNull(),
  listVersionIds: uuid().array().notNull(),
  createdBy: uuid().references(() => users.id),
  createdAt: createdAt(),
});

export const caseStatus = pgEnum("case_status", ["open", "released", "rejected", "closed"]);
export type CaseStatus = (typeof caseStatus.enumValues)[number];
export const caseSource = pgEnum("case_source", ["screening", "analysis"]);

/**
 * One item of the review queue: a movement screening held (released or rejected by staff), or an
 * account or branch of the monthly analysis an analyst raised (closed when done).
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid().primaryKey().defaultRandom(),
    number: serial().notNull().unique(),
    source: caseSource().notNull(),
    status: caseStatus().notNull().default("open"),
    transferId: uuid()
      .unique()
      .references(() => ledgerTransfers.id),
    // From the analysis: which row (month, kind, bank, branch, account) and the figures shown.
    subject: jsonb().$type<Record<string, string>>(),
    title: text().notNull(),
    assigneeId: uuid().references(() => users.id),
    openedBy: uuid().references(() => users.id),
    openedAt: createdAt(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [index("cases_status_opened_idx").on(t.status, t.openedAt), index("cases_assignee_idx").on(t.assigneeId, t.status)],
);
export type Case = typeof cases.$inferSelect;

export const caseNotes = pgTable(
  "case_notes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    caseId: uuid()
      .notNull()
      .references(() => cases.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("case_notes_case_idx").on(t.caseId, t.id)],
);

/** Events for the platform's webhook (WEBHOOK_URL), each delivered until it is accepted; the rows are the delivery log. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    event: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    attempts: integer().notNull().default(0),
    // Also the claim's lease while a worker sends it, and 'infinity' once the sender gave up (lib/webhooks/sender.ts).
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    lastStatus: integer(),
    lastError: text(),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.deliveredAt} is null`)],
);
