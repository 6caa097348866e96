// Who may use what: every page, route handler (per method) and server action of the app, with
// what each role gets today. e2e/authorization.spec.ts finds the app's doors on disk and in the
// build, fails on one missing here (or listed here but gone), and checks every cell.

import { monthOf } from "../lib/analysis/month";
import { defaultTimeZone, localDateTime } from "../lib/time";

export const roles = ["anonymous", "customer", "analyst", "admin"] as const;
export type Role = (typeof roles)[number];

/** The ids the spec creates before checking the cells. Customer A owns them; B is another customer. */
export type Fixtures = {
  importId: string;
  /** A customer nobody signs in as, for the user and customer pages and routes. */
  userId: string;
  a: {
    userId: string;
    email: string;
    walletId: string;
    accountNumber: string;
    transferId: string;
    withdrawalIds: [string, string];
    tokenId: string;
    /** A pending request A made of the bystander: B is no party to it. */
    paymentRequestId: string;
  };
  b: { accountNumber: string };
};

/** A page answers 200 with its title, 404, or redirects to one of these paths. */
export type PageOutcome = "ok" | "not-found" | "/login" | "/wallet" | "/dashboard";

export type PageEntry = {
  url?: (f: Fixtures) => string;
  /** The <title> of the page when it is shown. */
  title: string;
  expect: Record<Role, PageOutcome>;
  /** Customer B asking for A's thing by its id: refused, and nothing of A's in the answer. */
  otherCustomer?: { url: (f: Fixtures) => string; expect: "not-found" };
};

const staffPage = { anonymous: "/login", customer: "/wallet", analyst: "ok", admin: "ok" } as const;
const adminPage = { anonymous: "/login", customer: "/wallet", analyst: "/dashboard", admin: "ok" } as const;
const customerPage = { anonymous: "/login", customer: "ok", analyst: "/dashboard", admin: "/dashboard" } as const;
const publicPage = { anonymous: "ok", customer: "ok", analyst: "ok", admin: "ok" } as const;

export const pages: Record<string, PageEntry> = {
  "/": { title: "", expect: { anonymous: "/login", customer: "/wallet", analyst: "/dashboard", admin: "/dashboard" } },
  "/login": { title: "Sign in", expect: { anonymous: "ok", customer: "/wallet", analyst: "/dashboard", admin: "/dashboard" } },
  "/docs/api": { title: "API reference", expect: publicPage },
  "/signup": { title: "Open an account", expect: { anonymous: "ok", customer: "/wallet", analyst: "/dashboard", admin: "/dashboard" } },
  "/verify-email": { title: "Confirm your email", expect: publicPage },
  "/forgot-password": { title: "Forgot your password", expect: publicPage },
  "/reset-password": { title: "Reset your password", expect: publicPage },
  "/dashboard": { title: "Dashboard", expect: staffPage },
  "/analysis": { title: "Analysis", expect: staffPage },
  "/analysis/transactions": {
    url: () => "/analysis/transactions?month=2019-04&kind=account&direction=out&bank=BANCO%20ALFA&branch=0001&account=10000-1",
    title: "Transactions behind a total",
    expect: staffPage,
  },
  "/cases": { title: "Cases", expect: staffPage },
  "/cases/[id]": {
    url: () => "/cases/00000000-0000-4000-8000-000000000000",
    title: "Case",
    expect: { anonymous: "/login", customer: "/wallet", analyst: "not-found", admin: "not-found" },
  },
  "/customers": { title: "Customers", expect: staffPage },
  "/customers/[id]": { url: (f) => `/customers/${f.a.userId}`, title: "Customer", expect: staffPage },
  "/imports": { title: "Imports", expect: staffPage },
  "/imports/new": { title: "Import a file", expect: staffPage },
  "/imports/[id]": { url: (f) => `/imports/${f.importId}`, title: "Import", expect: staffPage },
  "/fees": { title: "Fees", expect: staffPage },
  "/fx-rates": { title: "FX rates", expect: staffPage },
  "/integrity": { title: "Ledger integrity", expect: staffPage },
  "/tokens": { title: "API tokens", expect: staffPage },
  "/account": { title: "Your account", expect: staffPage },
  "/audit": { title: "Audit log", expect: adminPage },
  "/outbox": { title: "Outbox", expect: adminPage },
  "/webhooks": { title: "Webhooks", expect: adminPage },
  "/settings/thresholds": { title: "Analysis thresholds", expect: adminPage },
  "/screening": { title: "Screening", expect: adminPage },
  "/screening/rules/new": { title: "New screening rule", expect: adminPage },
  "/screening/rules/[id]": { url: () => `/screening/rules/${unknownId}`, title: "Screening rule", expect: { ...adminPage, admin: "not-found" } },
  "/screening/lists/new": { title: "New screening list", expect: adminPage },
  "/screening/lists/[id]": { url: () => `/screening/lists/${unknownId}`, title: "Screening list", expect: { ...adminPage, admin: "not-found" } },
  "/users": { title: "Users", expect: adminPage },
  "/users/[id]": { url: (f) => `/users/${f.userId}`, title: "User", expect: adminPage },
  "/wallet": { title: "Wallet", expect: customerPage },
  "/wallet/send": {
    title: "Send money",
    expect: customerPage,
    otherCustomer: { url: (f) => `/wallet/send?from=${f.a.walletId}`, expect: "not-found" },
  },
  "/wallet/withdraw": {
    title: "Withdraw",
    expect: customerPage,
    otherCustomer: { url: (f) => `/wallet/withdraw?wallet=${f.a.walletId}`, expect: "not-found" },
  },
  "/wallet/history": {
    title: "History",
    expect: customerPage,
    otherCustomer: { url: (f) => `/wallet/history?wallet=${f.a.walletId}`, expect: "not-found" },
  },
  "/wallet/statements": {
    title: "Statements",
    expect: customerPage,
    otherCustomer: { url: (f) => `/wallet/statements?wallet=${f.a.walletId}`, expect: "not-found" },
  },
  "/wallet/requests": { title: "Payment requests", expect: customerPage },
  "/wallet/requests/new": { title: "Request money", expect: customerPage },
  "/wallet/tokens": { title: "API tokens", expect: customerPage },
  "/wallet/account": { title: "Your account", expect: customerPage },
  "/wallet/notifications": { title: "Notifications", expect: customerPage },
  "/wallet/transfers/[id]": {
    url: (f) => `/wallet/transfers/${f.a.transferId}`,
    title: "Receipt",
    expect: customerPage,
    otherCustomer: { url: (f) => `/wallet/transfers/${f.a.transferId}`, expect: "not-found" },
  },
};

/** Route handlers are called with a bearer token; the payment provider's key is one more caller. */
export type Caller = Role | "provider";

export type ApiRequest = {
  path: (f: Fixtures) => string;
  /** A JSON body; none for a GET. */
  body?: (f: Fixtures) => unknown;
  headers?: Record<string, string>;
};

export type RouteEntry = ApiRequest & {
  /** The status per caller: a harmless request, so an open door answers 2xx or a validation 4xx. */
  expect: Record<Caller, number>;
  otherCustomer?: ApiRequest & { expect: number };
};

const fixed = (path: string) => () => path;
const anyone = (status: number) => ({ anonymous: status, customer: status, analyst: status, admin: status, provider: status });
// The provider's key is not a user token: a user route treats it as an unknown token.
const staffRoute = (ok: number) => ({ anonymous: 401, customer: 403, analyst: ok, admin: ok, provider: 401 });
const adminRoute = (ok: number) => ({ anonymous: 401, customer: 403, analyst: 403, admin: ok, provider: 401 });
const customerRoute = (ok: number) => ({ anonymous: 401, customer: ok, analyst: 403, admin: 403, provider: 401 });
const providerRoute = (ok: number) => ({ anonymous: 401, customer: 403, analyst: 403, admin: 403, provider: ok });
const unknownId = "00000000-0000-4000-8000-000000000000";
/** The one month the fixtures' wallets, opened today, have a statement for. */
const statementOfThisMonth = (f: Fixtures) =>
  `/api/v1/wallets/${f.a.walletId}/statement?month=${monthOf(localDateTime(new Date(), defaultTimeZone))}&format=csv`;

export const routes: Record<string, RouteEntry> = {
  // Auth.js's own endpoints: the session (null when signed out), and a sign-in without its CSRF token.
  "GET /api/auth/[...nextauth]": { path: fixed("/api/auth/session"), expect: anyone(200) },
  "POST /api/auth/[...nextauth]": { path: fixed("/api/auth/callback/credentials"), body: () => ({}), expect: anyone(302) },
  "POST /api/v1/auth/token": { path: fixed("/api/v1/auth/token"), body: () => ({}), expect: anyone(422) },
  "POST /api/v1/auth/refresh": { path: fixed("/api/v1/auth/refresh"), body: () => ({ refreshToken: "lwr_made-up" }), expect: anyone(401) },
  "POST /api/v1/signup": { path: fixed("/api/v1/signup"), body: () => ({}), expect: anyone(422) },
  "POST /api/v1/signup/verify": { path: fixed("/api/v1/signup/verify"), body: () => ({ token: "made-up" }), expect: anyone(404) },
  // Customer A was made by staff, so verified already: asking for a link is a 409.
  "POST /api/v1/signup/verification-link": { path: fixed("/api/v1/signup/verification-link"), body: () => ({}), expect: customerRoute(409) },
  // For load balancers and orchestrators: public, and they say nothing but up or ready.
  "GET /api/health": { path: fixed("/api/health"), expect: anyone(200) },
  "GET /api/health/ready": { path: fixed("/api/health/ready"), expect: anyone(200) },
  "GET /api/v1/openapi.json": { path: fixed("/api/v1/openapi.json"), expect: anyone(200) },
  "GET /api/v1/analysis": { path: fixed("/api/v1/analysis?month=2019-04"), expect: staffRoute(200) },
  "GET /api/v1/analysis/export": { path: fixed("/api/v1/analysis/export?month=2019-04&section=accounts"), expect: staffRoute(200) },
  "GET /api/v1/cases": { path: fixed("/api/v1/cases"), expect: staffRoute(200) },
  "GET /api/v1/cases/[id]": { path: () => `/api/v1/cases/${unknownId}`, expect: staffRoute(404) },
  // The release's note is optional, the rejection's required: neither has a case to decide.
  "POST /api/v1/cases/[id]/release": { path: () => `/api/v1/cases/${unknownId}/release`, body: () => ({}), expect: staffRoute(404) },
  "POST /api/v1/cases/[id]/reject": { path: () => `/api/v1/cases/${unknownId}/reject`, body: () => ({}), expect: staffRoute(422) },
  "GET /api/v1/fx-rates": { path: fixed("/api/v1/fx-rates"), expect: { anonymous: 401, customer: 200, analyst: 200, admin: 200, provider: 401 } },
  "POST /api/v1/fx-rates": { path: fixed("/api/v1/fx-rates"), body: () => ({}), expect: adminRoute(422) },
  "GET /api/v1/imports": { path: fixed("/api/v1/imports"), expect: staffRoute(200) },
  "GET /api/v1/rules": { path: fixed("/api/v1/rules"), expect: staffRoute(200) },
  "POST /api/v1/rules": { path: fixed("/api/v1/rules"), body: () => ({}), expect: adminRoute(422) },
  // No Content-Type: refused as an unsupported file before anything is read.
  "POST /api/v1/imports": { path: fixed("/api/v1/imports"), expect: staffRoute(415) },
  "GET /api/v1/imports/[id]": { path: (f) => `/api/v1/imports/${f.importId}`, expect: staffRoute(200) },
  "POST /api/v1/provider/deposits": { path: fixed("/api/v1/provider/deposits"), body: () => ({}), expect: providerRoute(422) },
  "POST /api/v1/provider/withdrawals/[id]/settle": { path: (f) => `/api/v1/provider/withdrawals/${f.a.withdrawalIds[0]}/settle`, expect: providerRoute(200) },
  "POST /api/v1/provider/withdrawals/[id]/cancel": { path: (f) => `/api/v1/provider/withdrawals/${f.a.withdrawalIds[1]}/cancel`, expect: providerRoute(200) },
  "POST /api/v1/transfers": {
    path: fixed("/api/v1/transfers"),
    body: () => ({}),
    expect: customerRoute(422),
    otherCustomer: {
      path: fixed("/api/v1/transfers"),
      headers: { "idempotency-key": "5b1f2a3c-0d4e-4f60-8a7b-9c8d7e6f5a4b" },
      body: (f) => ({ from: f.a.walletId, to: f.b.accountNumber, amount: "1.00" }),
      expect: 404,
    },
  },
  "POST /api/v1/transfers/batch": {
    path: fixed("/api/v1/transfers/batch"),
    body: () => ({}),
    expect: customerRoute(422),
    // Answered item by item: the item is refused, the batch answers 200.
    otherCustomer: {
      path: fixed("/api/v1/transfers/batch"),
      body: (f) => ({ transfers: [{ idempotencyKey: "6c2f3b4d-1e5f-4a71-9b8c-0d9e8f7a6b5c", from: f.a.walletId, to: f.b.accountNumber, amount: "1.00" }] }),
      expect: 200,
    },
  },
  "POST /api/v1/withdrawals": {
    path: fixed("/api/v1/withdrawals"),
    body: () => ({}),
    expect: customerRoute(422),
    otherCustomer: {
      path: fixed("/api/v1/withdrawals"),
      headers: { "idempotency-key": "7d3a4c5e-2f6a-4b82-8c9d-1e0f9a8b7c6d" },
      body: (f) => ({ from: f.a.walletId, amount: "1.00" }),
      expect: 404,
    },
  },
  "GET /api/v1/payment-requests": { path: fixed("/api/v1/payment-requests"), expect: customerRoute(200) },
  "POST /api/v1/payment-requests": { path: fixed("/api/v1/payment-requests"), body: () => ({}), expect: customerRoute(422) },
  // A pays, declines or cancels nothing of its own here: no body, or a request that doesn't exist.
  "POST /api/v1/payment-requests/[id]/pay": {
    path: (f) => `/api/v1/payment-requests/${f.a.paymentRequestId}/pay`,
    body: () => ({}),
    expect: customerRoute(422),
    otherCustomer: {
      path: (f) => `/api/v1/payment-requests/${f.a.paymentRequestId}/pay`,
      headers: { "idempotency-key": "2c8f9a0b-7e1f-4a2b-8c3d-4e5f6a7b8c9d" },
      body: (f) => ({ from: f.a.walletId }),
      expect: 404,
    },
  },
  "POST /api/v1/payment-requests/[id]/decline": {
    path: () => `/api/v1/payment-requests/${unknownId}/decline`,
    expect: customerRoute(404),
    otherCustomer: { path: (f) => `/api/v1/payment-requests/${f.a.paymentRequestId}/decline`, expect: 404 },
  },
  "POST /api/v1/payment-requests/[id]/cancel": {
    path: () => `/api/v1/payment-requests/${unknownId}/cancel`,
    expect: customerRoute(404),
    otherCustomer: { path: (f) => `/api/v1/payment-requests/${f.a.paymentRequestId}/cancel`, expect: 404 },
  },
  "GET /api/v1/users": { path: fixed("/api/v1/users"), expect: adminRoute(200) },
  "POST /api/v1/users": { path: fixed("/api/v1/users"), body: () => ({}), expect: adminRoute(422) },
  "GET /api/v1/users/[id]": { path: (f) => `/api/v1/users/${f.userId}`, expect: adminRoute(200) },
  "PATCH /api/v1/users/[id]": { path: (f) => `/api/v1/users/${f.userId}`, body: () => ({}), expect: adminRoute(422) },
  "DELETE /api/v1/users/[id]": { path: () => `/api/v1/users/${unknownId}`, expect: adminRoute(404) },
  "GET /api/v1/wallets": { path: fixed("/api/v1/wallets"), expect: customerRoute(200) },
  "POST /api/v1/wallets": { path: fixed("/api/v1/wallets"), body: () => ({ currency: "XYZ" }), expect: customerRoute(422) },
  "GET /api/v1/wallets/[id]/transactions": {
    path: (f) => `/api/v1/wallets/${f.a.walletId}/transactions`,
    expect: customerRoute(200),
    otherCustomer: { path: (f) => `/api/v1/wallets/${f.a.walletId}/transactions`, expect: 404 },
  },
  "GET /api/v1/wallets/[id]/statement": {
    path: statementOfThisMonth,
    expect: customerRoute(200),
    otherCustomer: { path: statementOfThisMonth, expect: 404 },
  },
};

/**
 * What a server action answers: "ok" (the door opened: `answer` is in the reply), "forbidden"
 * (the permission error), or "/login" (a redirect to sign in).
 */
export type ActionOutcome = "ok" | "forbidden" | "/login";
export type Form = (f: Fixtures) => Record<string, string>;

export type ActionEntry = {
  /** A form the action would act on: what the refused roles send, to show it does nothing. */
  acting?: Form;
  /** A harmless form for the allowed roles (usually an invalid one), and what they get back. */
  harmless: Form;
  answer: string;
  expect: Record<Role, ActionOutcome>;
  /** Customer B naming A's thing: the answer, and nothing changes. */
  otherCustomer?: { form: Form; answer: string };
};

const staffAction = { anonymous: "/login", customer: "forbidden", analyst: "ok", admin: "ok" } as const;
const adminAction = { anonymous: "/login", customer: "forbidden", analyst: "forbidden", admin: "ok" } as const;
const customerAction = { anonymous: "/login", customer: "ok", analyst: "forbidden", admin: "forbidden" } as const;
const signedInAction = { anonymous: "/login", customer: "ok", analyst: "ok", admin: "ok" } as const;
const invalid = "Check the highlighted fields.";

export const actions: Record<string, ActionEntry> = {
  "app/(auth)/login/actions.ts#signInAction": {
    harmless: () => ({ login: "", password: "" }),
    answer: "Enter your email or username.",
    expect: { anonymous: "ok", customer: "ok", analyst: "ok", admin: "ok" },
  },
  "app/(auth)/signup/actions.ts#signUpAction": {
    harmless: () => ({ name: "", email: "", cpf: "", password: "" }),
    answer: invalid,
    expect: { anonymous: "ok", customer: "ok", analyst: "ok", admin: "ok" },
  },
  "app/(auth)/verify-email/actions.ts#verifyEmailAction": {
    harmless: () => ({ token: "made-up" }),
    answer: "This link has expired or has already been used. Sign in to ask for a new one.",
    expect: { anonymous: "ok", customer: "ok", analyst: "ok", admin: "ok" },
  },
  // Anyone may ask for a reset link, and use one: the link is the proof.
  "app/(auth)/forgot-password/actions.ts#requestPasswordResetAction": {
    harmless: () => ({ email: "" }),
    answer: invalid,
    expect: { anonymous: "ok", customer: "ok", analyst: "ok", admin: "ok" },
  },
  "app/(auth)/reset-password/actions.ts#resetPasswordAction": {
    harmless: () => ({ token: "made-up" }),
    answer: "This link has expired or has already been used. Ask for a new one.",
    expect: { anonymous: "ok", customer: "ok", analyst: "ok", admin: "ok" },
  },
  // Signing out ends only the caller's own session, whoever calls it.
  "app/_actions/sign-out.ts#signOutAction": {
    acting: () => ({}),
    harmless: () => ({}),
    answer: "",
    expect: { anonymous: "/login", customer: "/login", analyst: "/login", admin: "/login" },
  },
  "app/(staff)/cases/actions.ts#assignCaseAction": {
    acting: (f) => ({ caseId: unknownId, assigneeId: f.userId }),
    harmless: () => ({ caseId: "", assigneeId: "" }),
    answer: invalid,
    expect: staffAction,
  },
  "app/(staff)/cases/actions.ts#addCaseNoteAction": {
    acting: () => ({ caseId: unknownId, body: "Written by an intruder" }),
    harmless: () => ({ caseId: "", body: "" }),
    answer: invalid,
    expect: staffAction,
  },
  "app/(staff)/cases/actions.ts#decideCaseAction": {
    acting: () => ({ caseId: unknownId, decision: "release", note: "" }),
    harmless: () => ({ caseId: "", decision: "reject", note: "" }),
    answer: invalid,
    expect: staffAction,
  },
  "app/(staff)/cases/actions.ts#closeCaseAction": {
    acting: () => ({ caseId: unknownId, note: "Closed by an intruder" }),
    harmless: () => ({ caseId: "", note: "" }),
    answer: invalid,
    expect: staffAction,
  },
  "app/(staff)/cases/actions.ts#openAnalysisCaseAction": {
    acting: () => ({ month: "2019-04", kind: "branch", direction: "out", bank: "BANCO ALFA", branch: "0001" }),
    harmless: () => ({ month: "", kind: "", direction: "", bank: "", branch: "" }),
    answer: invalid,
    expect: staffAction,
  },
  "app/(staff)/customers/actions.ts#setWalletFrozenAction": {
    acting: (f) => ({ walletId: f.a.walletId, frozen: "true" }),
    harmless: () => ({ walletId: "not-a-wallet", frozen: "true" }),
    answer: invalid,
    expect: staffAction,
  },
  "app/(staff)/customers/actions.ts#closeCustomerAccountAction": {
    acting: (f) => ({ customerId: f.a.userId, reason: "Closed by an intruder" }),
    harmless: () => ({ customerId: "", reason: "" }),
    answer: invalid,
    expect: staffAction,
  },
  "app/(staff)/fees/actions.ts#saveFeeScheduleAction": {
    acting: () => ({ currency: "BRL", flat: "9.99", percent: "5", minimum: "9.99" }),
    harmless: () => ({ currency: "", flat: "", percent: "", minimum: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/fx-rates/actions.ts#setRateAction": {
    acting: () => ({ base: "BRL", quote: "JPY", rate: "99", source: "intruder" }),
    harmless: () => ({ base: "", quote: "", rate: "", source: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/fx-rates/actions.ts#importRatesAction": {
    acting: () => ({ fileName: "rates.csv", csv: "base,quote,rate\nBRL,JPY,99\n" }),
    harmless: () => ({ fileName: "rates.csv" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/screening/actions.ts#createRuleAction": {
    acting: () => ({ name: "Intruder rule", outcome: "block", conditions: '[{"type":"amount_at_least","amount":"0.01","currency":"BRL"}]' }),
    harmless: () => ({ name: "", outcome: "", conditions: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/screening/actions.ts#addRuleVersionAction": {
    acting: () => ({ ruleId: unknownId, name: "Intruder rule", outcome: "block", conditions: "[]" }),
    harmless: () => ({ ruleId: "", name: "", outcome: "", conditions: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/screening/actions.ts#backtestAction": {
    acting: () => ({ versionId: unknownId }),
    harmless: () => ({ versionId: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/screening/actions.ts#activateRuleVersionAction": {
    acting: () => ({ versionId: unknownId, ruleId: unknownId }),
    harmless: () => ({ versionId: "", ruleId: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/screening/actions.ts#deactivateRuleAction": {
    acting: () => ({ ruleId: unknownId }),
    harmless: () => ({ ruleId: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/screening/actions.ts#createListAction": {
    acting: () => ({ name: "Intruder list", kind: "allow", entryKind: "email", entries: "intruder@ledgerwatch.test" }),
    harmless: () => ({ name: "", kind: "", entryKind: "", entries: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/screening/actions.ts#updateListEntriesAction": {
    acting: () => ({ listId: unknownId, entries: "intruder@ledgerwatch.test" }),
    harmless: () => ({ listId: "", entries: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/settings/thresholds/actions.ts#updateThresholdsAction": {
    acting: () => ({ transaction: "1.00", account: "1.00", branch: "1.00" }),
    harmless: () => ({ transaction: "", account: "", branch: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/users/actions.ts#createUserAction": {
    acting: () => ({ name: "Intruder Made", email: "intruder-made@ledgerwatch.test", role: "admin" }),
    harmless: () => ({ name: "", email: "", role: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/users/actions.ts#updateUserAction": {
    acting: (f) => ({ id: f.userId, name: "Renamed By Intruder", email: "renamed-by-intruder@ledgerwatch.test", role: "admin" }),
    harmless: () => ({ id: "", name: "", email: "", role: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/users/actions.ts#resetPasswordAction": {
    acting: (f) => ({ id: f.userId }),
    harmless: () => ({ id: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(staff)/users/actions.ts#deleteUserAction": {
    acting: (f) => ({ id: f.userId }),
    harmless: () => ({ id: "" }),
    answer: invalid,
    expect: adminAction,
  },
  "app/(wallet)/wallet/account/actions.ts#closeMyAccountAction": {
    acting: () => ({ confirm: "CLOSE" }),
    harmless: () => ({ confirm: "" }),
    answer: invalid,
    expect: customerAction,
  },
  "app/(wallet)/wallet/account/actions.ts#saveEmailPreferencesAction": {
    acting: () => ({}),
    harmless: () => ({ money_received: "yes" }),
    answer: invalid,
    expect: customerAction,
  },
  "app/(wallet)/wallet/actions.ts#resendVerificationAction": {
    acting: () => ({}),
    harmless: () => ({}),
    answer: "Your email is already confirmed.",
    expect: customerAction,
  },
  "app/(wallet)/wallet/actions.ts#openWalletAction": {
    acting: () => ({ currency: "EUR" }),
    harmless: () => ({ currency: "" }),
    answer: invalid,
    expect: customerAction,
  },
  "app/(wallet)/wallet/send/actions.ts#sendMoneyAction": {
    // The confirmation of a free transfer of 1.00 BRL (no fee is set for BRL), which would send it.
    acting: (f) => ({ step: "confirm", from: f.a.walletId, to: f.b.accountNumber, amount: "1.00", idempotencyKey: "1b7e8a9c-6d0e-4fc6-8ad1-5c4d3e2f1a0b", quotedFee: "0", quotedCredited: "100" }),
    harmless: () => ({ step: "", from: "", to: "", amount: "" }),
    answer: invalid,
    expect: customerAction,
    otherCustomer: {
      form: (f) => ({ step: "confirm", from: f.a.walletId, to: f.b.accountNumber, amount: "1.00", idempotencyKey: "8e4b5d6f-3a7b-4c93-9dae-2f1a0b9c8d7e", quotedFee: "0", quotedCredited: "100" }),
      answer: "No such wallet.",
    },
  },
  "app/(wallet)/wallet/withdraw/actions.ts#withdrawAction": {
    acting: (f) => ({ from: f.a.walletId, amount: "1.00", idempotencyKey: "9f5c6e7a-4b8c-4da4-8ebf-3a2b1c0d9e8f" }),
    harmless: () => ({ from: "", amount: "", idempotencyKey: "" }),
    answer: invalid,
    expect: customerAction,
    otherCustomer: {
      form: (f) => ({ from: f.a.walletId, amount: "1.00", idempotencyKey: "0a6d7f8b-5c9d-4eb5-9fc0-4b3c2d1e0f9a" }),
      answer: "No such wallet.",
    },
  },
  "app/(wallet)/wallet/requests/actions.ts#requestMoneyAction": {
    acting: (f) => ({ payer: f.b.accountNumber, amount: "1.00", currency: "BRL", note: "" }),
    harmless: () => ({ payer: "", amount: "", currency: "" }),
    answer: invalid,
    expect: customerAction,
  },
  "app/(wallet)/wallet/requests/actions.ts#payRequestAction": {
    acting: (f) => ({ requestId: f.a.paymentRequestId, from: f.a.walletId, idempotencyKey: "3d9a0b1c-8f2a-4b3c-9d4e-5f6a7b8c9d0e", quotedTotal: "100", quotedCredited: "100" }),
    harmless: () => ({ requestId: "", from: "", idempotencyKey: "" }),
    answer: invalid,
    expect: customerAction,
    otherCustomer: {
      form: (f) => ({ requestId: f.a.paymentRequestId, from: f.a.walletId, idempotencyKey: "4e0b1c2d-9a3b-4c4d-8e5f-6a7b8c9d0e1f", quotedTotal: "100", quotedCredited: "100" }),
      answer: "No such payment request.",
    },
  },
  "app/(wallet)/wallet/requests/actions.ts#declineRequestAction": {
    acting: (f) => ({ requestId: f.a.paymentRequestId }),
    harmless: () => ({ requestId: "" }),
    answer: invalid,
    expect: customerAction,
    otherCustomer: { form: (f) => ({ requestId: f.a.paymentRequestId }), answer: "No such payment request." },
  },
  "app/(wallet)/wallet/requests/actions.ts#cancelRequestAction": {
    acting: (f) => ({ requestId: f.a.paymentRequestId }),
    harmless: () => ({ requestId: "" }),
    answer: invalid,
    expect: customerAction,
    otherCustomer: { form: (f) => ({ requestId: f.a.paymentRequestId }), answer: "No such payment request." },
  },
  "app/_actions/account.ts#changePasswordAction": {
    // The seeded administrator's password, which would replace it.
    acting: () => ({ currentPassword: "123999" }),
    harmless: () => ({ currentPassword: "" }),
    answer: invalid,
    expect: signedInAction,
  },
  "app/_actions/api-tokens.ts#createTokenAction": {
    acting: () => ({ name: "Made by an intruder", expiresInDays: "30" }),
    harmless: () => ({ name: "", expiresInDays: "" }),
    answer: invalid,
    expect: signedInAction,
  },
  "app/_actions/api-tokens.ts#revokeTokenAction": {
    acting: (f) => ({ id: f.a.tokenId }),
    harmless: () => ({}),
    answer: invalid,
    expect: signedInAction,
    otherCustomer: { form: (f) => ({ id: f.a.tokenId }), answer: "No such token." },
  },
};
