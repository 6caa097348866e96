import { expect, request, test, type APIRequestContext, type APIResponse, type Browser, type BrowserContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { actions, pages, roles, routes, type ActionOutcome, type Caller, type Fixtures, type Form, type PageOutcome, type Role } from "./authorization-matrix";
import { admin, signIn, uniqueEmail } from "./helpers";

const root = path.join(import.meta.dirname, "..");
const serverEnv = JSON.parse(readFileSync(path.join(root, ".data", "e2e-server.json"), "utf8"));

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesNamed(relative, name);
    return entry.name === name ? [relative] : [];
  });
}

/** "app/(staff)/users/[id]/page.tsx" → "/users/[id]": route groups are not in the URL. */
function urlPattern(file: string): string {
  const segments = file.split("/").slice(1, -1).filter((segment) => !/^\(.+\)$/.test(segment));
  return "/" + segments.join("/");
}

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The HTTP methods a route.ts exports, as `export const GET`, `export async function GET` or `export const { GET, POST }`. */
function exportedMethods(file: string): string[] {
  const source = readFileSync(path.join(root, file), "utf8");
  const named = [...source.matchAll(/export\s+(?:async\s+)?(?:const|function)\s+([A-Z]+)\b/g)].map((match) => match[1]);
  const destructured = [...source.matchAll(/export\s+const\s*\{([^}]+)\}/g)].flatMap((match) => match[1].split(",").map((name) => name.trim()));
  return [...named, ...destructured].filter((name) => httpMethods.includes(name));
}

type ManifestAction = { id: string; pages: string[] };

/** The server actions the production build can be called on, keyed "file#exportName", with the pages that serve them. */
function builtActions(): Map<string, ManifestAction> {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8"));
  const found = new Map<string, ManifestAction>();
  for (const [id, entry] of Object.entries<{ filename: string; exportedName: string; workers: Record<string, unknown> }>(manifest.node)) {
    const workers = Object.keys(entry.workers).filter((name) => name.endsWith("/page"));
    found.set(`${entry.filename}#${entry.exportedName}`, { id, pages: workers.map((worker) => urlPattern(`${worker}.tsx`)) });
  }
  return found;
}

const onDisk = {
  pages: () => filesNamed("app", "page.tsx").map(urlPattern),
  routes: () => filesNamed("app", "route.ts").flatMap((file) => exportedMethods(file).map((method) => `${method} ${urlPattern(file)}`)),
  actions: () => [...builtActions().keys()],
};

function differences(found: string[], listed: string[]) {
  return {
    missingFromMatrix: found.filter((name) => !listed.includes(name)).sort(),
    noLongerInApp: listed.filter((name) => !found.includes(name)).sort(),
  };
}

// The tables an action could change; sign-in attempts are not an effect of an action.
const effectTables = [
  "users", "api_tokens", "audit_events", "outbox_messages", "imports", "threshold_versions", "ledger_accounts",
  "ledger_transfers", "ledger_postings", "idempotency_keys", "fx_rates", "fee_schedules", "email_verification_tokens",
  "payment_requests", "notifications",
];

/** A digest of every row of the tables an action could change: equal before and after means nothing changed. */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const sql = postgres(serverEnv.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const digests: Record<string, string> = {};
    for (const table of effectTables) {
      const [row] = await sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql(table)} t`;
      digests[table] = row.digest;
    }
    return digests;
  } finally {
    await sql.end();
  }
}

async function personalTokenId(userId: string): Promise<string> {
  const sql = postgres(serverEnv.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select id from api_tokens where user_id = ${userId} and kind = 'personal' and revoked_at is null`;
    return row.id;
  } finally {
    await sql.end();
  }
}

type Session = Awaited<ReturnType<BrowserContext["storageState"]>>;
type Credentials = { email: string; password: string; bearer: string };
type Person = Credentials & { userId: string };

let baseURL: string;
let fixtures: Fixtures;
let people: Record<Exclude<Role, "anonymous"> | "b", Credentials>;
const sessions = {} as Record<Exclude<Role, "anonymous"> | "b", Session>;
let api: APIRequestContext;
const signOutAction = "app/_actions/sign-out.ts#signOutAction";

/** What a call answered, read before its request context is disposed. */
type Reply = { status: number; headers: Record<string, string>; text: string };

async function replyOf(response: APIResponse): Promise<Reply> {
  return { status: response.status(), headers: response.headers(), text: await response.text() };
}

/** A fresh request context per call, so a refreshed cookie leaves the role's session as it was. */
async function withContext(who: Role | "b", work: (context: APIRequestContext) => Promise<APIResponse>, anonymousCookie = false, session?: Session): Promise<Reply> {
  const context = await request.newContext({
    baseURL,
    storageState: who === "anonymous" ? undefined : (session ?? sessions[who]),
    // A cookie that is no session gets past proxy.ts, which is not the boundary: the page or action must refuse it.
    extraHTTPHeaders: anonymousCookie ? { cookie: "authjs.session-token=not-a-session" } : undefined,
  });
  try {
    return await replyOf(await work(context));
  } finally {
    await context.dispose();
  }
}

/** Who "anonymous" is: no cookie at all (proxy.ts answers), and a cookie that is no session (the app answers). */
const anonymousVariants = [false, true];

async function json(response: APIResponse, status: number) {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(status);
  return response.json();
}

async function createPerson(role: "customer" | "analyst", name: string, adminBearer: string): Promise<Person> {
  const email = uniqueEmail(`authz-${role}`);
  const created = await json(await api.post("/api/v1/users", { headers: { authorization: adminBearer }, data: { name, email, role } }), 201);
  return { userId: created.user.id, email, password: created.password, bearer: await bearerFor(email, created.password) };
}

async function bearerFor(login: string, password: string): Promise<string> {
  return `Bearer ${(await json(await api.post("/api/v1/auth/token", { data: { login, password } }), 201)).token}`;
}

async function sessionOf(browser: Browser, login: string, password: string): Promise<Session> {
  const context = await browser.newContext();
  await signIn(await context.newPage(), login, password);
  const state = await context.storageState();
  await context.close();
  return state;
}

async function brlWallet(bearer: string): Promise<{ id: string; accountNumber: string }> {
  const { data } = await json(await api.get("/api/v1/wallets", { headers: { authorization: bearer } }), 200);
  return data.find((wallet: { currency: string }) => wallet.currency === "BRL");
}

/** An import the staff pages can show: created once per database (a day can be imported only once). */
async function importId(bearer: string): Promise<string> {
  const day = "2019-04-01";
  const csv = `BANCO ALFA,0001,10000-1,BANCO BETA,0002,20000-2,150000.00,${day}T10:00:00\n`;
  const created = await api.post(`/api/v1/imports?filename=authorization-${day}.csv`, { headers: { authorization: bearer, "content-type": "text/csv" }, data: csv });
  if (created.status() === 201) return (await created.json()).id;
  const { data } = await json(await api.get("/api/v1/imports?size=100", { headers: { authorization: bearer } }), 200);
  return data.find((found: { transactionsDate: string }) => found.transactionsDate === day).id;
}

const actionReply = {
  forbidden: "You don't have permission to do this.",
};

/**
 * Calls a server action as a browser's form would: the Next-Action header and React's encoding
 * of (state, formData), posted to a page serving it that the role may open when there is one.
 */
async function callAction(context: APIRequestContext, who: Role | "b", key: string, form: Record<string, string>): Promise<APIResponse> {
  const action = builtActions().get(key)!;
  const role = who === "b" ? "customer" : who;
  const page = action.pages.find((pattern) => pages[pattern]?.expect[role] === "ok") ?? action.pages[0];
  // The form's fields first, then the arguments that refer to them, as React sends them
  // (a FormData: an object would put the key "0" first).
  const multipart = new FormData();
  for (const [name, value] of Object.entries(form)) multipart.append(`_1_${name}`, value);
  multipart.append("0", '[{},"$K1"]');
  return context.post(pageUrl(page), {
    headers: { "next-action": action.id, accept: "text/x-component", origin: new URL(baseURL).origin },
    multipart,
    maxRedirects: 0,
  });
}

function actionOutcome(reply: Reply, answer: string): string {
  const redirect = reply.headers["x-action-redirect"] ?? reply.headers["location"];
  if (redirect) return new URL(redirect.split(";")[0], baseURL).pathname;
  if (reply.text.includes(actionReply.forbidden)) return "forbidden";
  if (answer && reply.text.includes(answer)) return "ok";
  return `unexpected ${reply.status}: ${reply.text.slice(0, 200)}`;
}

function pageUrl(pattern: string): string {
  return pages[pattern]?.url?.(fixtures) ?? pattern;
}

function pageOutcome(reply: Reply, title: string): string {
  if (reply.status >= 300 && reply.status < 400) return new URL(reply.headers["location"], baseURL).pathname;
  if (reply.status === 404) return "not-found";
  if (reply.status !== 200) return `status ${reply.status}`;
  return reply.text.includes(`<title>${title} · Ledgerwatch</title>`) ? "ok" : "200 without its title";
}

function bearerOf(caller: Caller): Record<string, string> {
  if (caller === "anonymous") return {};
  if (caller === "provider") return { authorization: `Bearer ${serverEnv.PAYMENT_PROVIDER_KEY}` };
  return { authorization: people[caller].bearer };
}

/** Nothing that names customer A or shows A's money may be in an answer to B. */
function leaksOfA(body: string): string[] {
  return [fixtures.a.accountNumber, fixtures.a.email].filter((secret) => body.includes(secret));
}

test.describe("authorization matrix", () => {
  test.beforeAll(async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    baseURL = testInfo.project.use.baseURL!;
    api = await request.newContext({ baseURL });
    const adminBearer = await bearerFor(admin.login, admin.password);
    const a = await createPerson("customer", "Matrix Customer A", adminBearer);
    const b = await createPerson("customer", "Matrix Customer B", adminBearer);
    const bystander = await createPerson("customer", "Matrix Bystander", adminBearer);
    people = {
      admin: { email: admin.login, password: admin.password, bearer: adminBearer },
      analyst: await createPerson("analyst", "Matrix Analyst", adminBearer),
      customer: a,
      b,
    };

    const walletA = await brlWallet(a.bearer);
    const provider = { authorization: `Bearer ${serverEnv.PAYMENT_PROVIDER_KEY}` };
    await json(
      await api.post("/api/v1/provider/deposits", {
        headers: { ...provider, "idempotency-key": randomUUID() },
        data: { accountNumber: walletA.accountNumber, amount: "100.00", currency: "BRL", reference: `authz-${randomUUID()}` },
      }),
      201,
    );
    const moneyRequest = (url: string, data: object) => api.post(url, { headers: { authorization: a.bearer, "idempotency-key": randomUUID() }, data });
    const transfer = await json(await moneyRequest("/api/v1/transfers", { from: walletA.id, to: (await brlWallet(bystander.bearer)).accountNumber, amount: "10.00" }), 201);
    const withdrawals = [
      await json(await moneyRequest("/api/v1/withdrawals", { from: walletA.id, amount: "1.00" }), 201),
      await json(await moneyRequest("/api/v1/withdrawals", { from: walletA.id, amount: "1.00" }), 201),
    ];
    const paymentRequest = await json(await moneyRequest("/api/v1/payment-requests", { payer: bystander.email, amount: "1.00", currency: "BRL" }), 201);

    for (const who of ["admin", "analyst", "customer", "b"] as const) sessions[who] = await sessionOf(browser, people[who].email, people[who].password);
    fixtures = {
      importId: await importId(adminBearer),
      userId: bystander.userId,
      a: {
        userId: a.userId,
        email: a.email,
        walletId: walletA.id,
        accountNumber: walletA.accountNumber,
        transferId: transfer.id,
        withdrawalIds: [withdrawals[0].id, withdrawals[1].id],
        tokenId: "",
        paymentRequestId: paymentRequest.id,
      },
      b: { accountNumber: (await brlWallet(b.bearer)).accountNumber },
    };
    const created = await withContext("customer", (context) =>
      callAction(context, "customer", "app/_actions/api-tokens.ts#createTokenAction", { name: "A's script", expiresInDays: "30" }),
    );
    expect(created.text).toContain("created");
    fixtures.a.tokenId = await personalTokenId(a.userId);
  });

  test.afterAll(async () => {
    await api?.dispose();
  });

  test("every page, route handler and server action has an entry, and every entry still exists", () => {
    expect(differences(onDisk.pages(), Object.keys(pages)), "pages").toEqual({ missingFromMatrix: [], noLongerInApp: [] });
    expect(differences(onDisk.routes(), Object.keys(routes)), "route handlers").toEqual({ missingFromMatrix: [], noLongerInApp: [] });
    expect(differences(onDisk.actions(), Object.keys(actions)), "server actions").toEqual({ missingFromMatrix: [], noLongerInApp: [] });
  });

  test("every page answers each role as the matrix says", async () => {
    const wrong: string[] = [];
    for (const [pattern, entry] of Object.entries(pages)) {
      const url = pageUrl(pattern);
      for (const role of roles) {
        for (const anonymousCookie of role === "anonymous" ? anonymousVariants : [false]) {
          const outcome = pageOutcome(await withContext(role, (context) => context.get(url, { maxRedirects: 0 }), anonymousCookie), entry.title);
          const expected: PageOutcome = entry.expect[role];
          if (outcome !== expected) wrong.push(`${url} as ${role}${anonymousCookie ? " (stale cookie)" : ""}: expected ${expected}, got ${outcome}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test("every route handler answers each caller as the matrix says", async () => {
    const wrong: string[] = [];
    for (const [key, entry] of Object.entries(routes)) {
      const method = key.split(" ")[0];
      for (const caller of [...roles, "provider"] as const) {
        const response = await api.fetch(entry.path(fixtures), {
          method,
          headers: { ...bearerOf(caller), ...entry.headers },
          data: entry.body?.(fixtures),
          maxRedirects: 0,
        });
        const expected = entry.expect[caller];
        if (response.status() !== expected) wrong.push(`${key} as ${caller}: expected ${expected}, got ${response.status()} ${(await response.text()).slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("every server action answers each role as the matrix says, and a refused call changes nothing", async ({ browser }) => {
    const wrong: string[] = [];
    // Signing out ends on the server the session it is sent with: it gets sessions of its own,
    // made before the fingerprint since a sign-in is audited.
    const signOutSessions = {} as Record<Exclude<Role, "anonymous">, Session>;
    for (const role of ["admin", "analyst", "customer"] as const) signOutSessions[role] = await sessionOf(browser, people[role].email, people[role].password);
    const check = async (key: string, role: Role, form: Form | undefined, answer: string, expected: ActionOutcome) => {
      if (!form) return wrong.push(`${key}: refuses ${role} but has no acting form to prove it`);
      for (const anonymousCookie of role === "anonymous" ? anonymousVariants : [false]) {
        const session = key === signOutAction && role !== "anonymous" ? signOutSessions[role] : undefined;
        const outcome = actionOutcome(await withContext(role, (context) => callAction(context, role, key, form(fixtures)), anonymousCookie, session), answer);
        if (outcome !== expected) wrong.push(`${key} as ${role}${anonymousCookie ? " (stale cookie)" : ""}: expected ${expected}, got ${outcome}`);
      }
    };

    // The refused calls first, each with a form the action would act on; then nothing may have changed.
    const before = await databaseFingerprint();
    for (const [key, entry] of Object.entries(actions)) {
      for (const role of roles) if (entry.expect[role] !== "ok") await check(key, role, entry.acting, entry.answer, entry.expect[role]);
    }
    expect(await databaseFingerprint(), "the refused actions changed the database").toEqual(before);

    for (const [key, entry] of Object.entries(actions)) {
      for (const role of roles) if (entry.expect[role] === "ok") await check(key, role, entry.harmless, entry.answer, "ok");
    }
    expect(wrong).toEqual([]);
  });

  test("a customer can't see or use another customer's wallets, receipts, withdrawals, payment requests or tokens", async () => {
    const wrong: string[] = [];
    const before = await databaseFingerprint();

    for (const [pattern, entry] of Object.entries(pages)) {
      if (!entry.otherCustomer) continue;
      const url = entry.otherCustomer.url(fixtures);
      const reply = await withContext("b", (context) => context.get(url, { maxRedirects: 0 }));
      const outcome = reply.status === 404 ? "not-found" : `status ${reply.status}`;
      if (outcome !== entry.otherCustomer.expect) wrong.push(`${pattern} (${url}): expected ${entry.otherCustomer.expect}, got ${outcome}`);
      if (leaksOfA(reply.text).length) wrong.push(`${pattern} (${url}) shows A's ${leaksOfA(reply.text).join(", ")}`);
    }

    for (const [key, entry] of Object.entries(routes)) {
      const probe = entry.otherCustomer;
      if (!probe) continue;
      const response = await api.fetch(probe.path(fixtures), {
        method: key.split(" ")[0],
        headers: { authorization: people.b.bearer, ...probe.headers },
        data: probe.body?.(fixtures),
      });
      const body = await response.text();
      if (response.status() !== probe.expect) wrong.push(`${key}: expected ${probe.expect}, got ${response.status()} ${body.slice(0, 200)}`);
      if (leaksOfA(body).length) wrong.push(`${key} shows A's ${leaksOfA(body).join(", ")}`);
      if (key.endsWith("/batch") && !body.includes('"code":"NOT_FOUND"')) wrong.push(`${key}: the item was not refused as not found: ${body.slice(0, 200)}`);
    }

    for (const [key, entry] of Object.entries(actions)) {
      const probe = entry.otherCustomer;
      if (!probe) continue;
      const reply = await withContext("b", (context) => callAction(context, "b", key, probe.form(fixtures)));
      const outcome = actionOutcome(reply, probe.answer);
      if (outcome !== "ok") wrong.push(`${key}: expected "${probe.answer}", got ${outcome}`);
      if (leaksOfA(reply.text).length) wrong.push(`${key} shows A's ${leaksOfA(reply.text).join(", ")}`);
    }

    expect(await databaseFingerprint(), "B's calls changed the database").toEqual(before);
    expect(wrong).toEqual([]);
  });
});
