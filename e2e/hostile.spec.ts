import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import http from "node:http";
import { admin, signIn, uniqueEmail } from "./helpers";

// Matches scripts/e2e-server.ts (not imported: it starts the server when loaded).
const provider = { authorization: "Bearer e2e-payment-provider-key-0123456789" };

const injections = [
  "' OR 1=1 --",
  "'; drop table users; --",
  "%'",
  "\\",
  "1) union select password_hash, email from users --",
  "ñ 𝕏 \u202e mañana",
  "a\u0000b",
  "x".repeat(3000),
];

const scriptTag = "<script>window.__xss=1</script>";
const imgTag = '"><img src=x onerror=window.__xss=1>';

/** What a server error looks like when the page streamed before it failed. */
const serverErrorText = /Internal Server Error|server-side exception/i;

async function expectNoServerError(response: APIResponse, what: string) {
  expect.soft(response.status(), what).toBeLessThan(500);
  if (response.headers()["content-type"]?.includes("text/html")) expect.soft(await response.text(), what).not.toMatch(serverErrorText);
}

/** Runs the work items a few at a time: enough to be quick, few enough for a shared machine. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>, width = 4) {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/** Each parameter alone, set to each injection, on top of the valid parameters the route needs. */
async function sweep(request: APIRequestContext, routes: { path: string; base?: Record<string, string>; params: string[] }[], headers: Record<string, string> = {}) {
  const cases = routes.flatMap((route) => route.params.flatMap((param) => injections.map((value) => ({ route, param, value }))));
  await inParallel(cases, async ({ route, param, value }) => {
    const query = new URLSearchParams({ ...route.base, [param]: value });
    const what = `${route.path} ${param}=${JSON.stringify(value.slice(0, 40))}`;
    const response = await request.get(`${route.path}?${query}`, { headers, maxRedirects: 0 }).catch((error: Error) => error);
    if (response instanceof Error) expect.soft(response.message, what).toBe("an answer");
    else await expectNoServerError(response, what);
  });
}

async function tokenHeaders(request: APIRequestContext, login = admin.login, password = admin.password): Promise<Record<string, string>> {
  const { token } = await (await request.post("/api/v1/auth/token", { data: { login, password } })).json();
  return { authorization: `Bearer ${token}` };
}

const adminToken = (request: APIRequestContext) => tokenHeaders(request);

/** A customer made through the API, with a bearer token of their own. */
async function createCustomer(request: APIRequestContext, name: string, email: string) {
  const created = await request.post("/api/v1/users", { headers: await adminToken(request), data: { name, email, role: "customer" } });
  expect(created.status()).toBe(201);
  const { user, password } = await created.json();
  const headers = await tokenHeaders(request, email, password);
  const [wallet] = (await (await request.get("/api/v1/wallets", { headers })).json()).data;
  return { id: user.id as string, name, email: user.email as string, password: password as string, headers, wallet };
}

/** Watches a page for any script the payloads could have run. */
function watchForScripts(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  };
}

async function expectShownLiterally(page: Page, path: string, texts: string[], expectInert: () => Promise<void>) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  for (const text of texts) await expect(page.getByText(text).first(), `${path} shows ${text}`).toBeVisible();
  await expectInert();
}

/** Signs in as the admin and creates a user through the page's form: the server action request it sent, to replay. */
async function createUserAction(page: Page, name: string, email: string) {
  await signIn(page, admin.login, admin.password);
  await page.goto("/users");
  const form = page.getByRole("region", { name: "New user" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: "Analyst" });
  const [action] = await Promise.all([
    page.waitForRequest((candidate) => candidate.method() === "POST" && Boolean(candidate.headers()["next-action"])),
    form.getByRole("button", { name: "Create user" }).click(),
  ]);
  return action;
}

test.describe("hostile input", () => {
  test.describe.configure({ timeout: 180_000 });

  test("SQL injection strings in every search, filter and sort parameter are refused or inert", async ({ browser, request }) => {
    const headers = await adminToken(request);
    const probe = await createCustomer(request, "Sql Probe", uniqueEmail("sqli"));
    const { email: customerEmail, password, wallet, headers: customer } = probe;
    const [user] = (await (await request.get("/api/v1/users", { headers })).json()).data;
    const anyId = randomUUID();

    await sweep(
      request,
      [
        { path: "/api/v1/users", params: ["search", "role", "sort", "order", "page", "size"] },
        { path: "/api/v1/imports", params: ["sort", "order", "page", "size"] },
        { path: `/api/v1/imports/${anyId}`, params: ["page", "size"] },
        { path: "/api/v1/analysis", params: ["month"] },
        { path: "/api/v1/analysis/export", base: { month: "2019-03", section: "transactions" }, params: ["month", "section", "q", "direction"] },
      ],
      headers,
    );
    await sweep(
      request,
      [
        { path: `/api/v1/wallets/${wallet.id}/transactions`, params: ["page", "size"] },
        { path: "/api/v1/payment-requests", params: ["direction", "status", "page", "size"] },
      ],
      customer,
    );
    await sweep(request, [{ path: "/login", params: ["callbackUrl"] }]);

    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, admin.login, admin.password);
    const month = { month: "2019-03" };
    await sweep(staffContext.request, [
      { path: "/users", params: ["search", "role", "sort", "order", "page", "size", "deleted"] },
      { path: `/users/${user.id}`, params: ["page"] },
      { path: "/imports", params: ["sort", "order", "page", "size"] },
      { path: `/imports/${anyId}`, params: ["page", "size"] },
      { path: "/analysis", base: month, params: ["month", "t.q", "t.sort", "t.order", "t.direction", "t.page", "a.q", "a.sort", "a.page", "b.q", "b.sort", "b.order"] },
      {
        path: "/analysis/transactions",
        base: { ...month, direction: "out", bank: "BANCO A", branch: "0001" },
        params: ["month", "direction", "bank", "branch", "account", "sort", "order", "page"],
      },
      { path: "/audit", params: ["action", "search", "from", "to", "page"] },
      { path: "/customers", params: ["search", "page"] },
      { path: `/customers/${probe.id}`, params: ["wallet", "before"] },
      { path: "/fees", params: ["currency"] },
      { path: "/fx-rates", params: ["base", "quote"] },
      { path: "/outbox", params: ["page"] },
      { path: "/webhooks", params: ["state", "page", "size"] },
      { path: "/tokens", params: ["page", "size"] },
    ]);

    const customerContext = await browser.newContext();
    await signIn(await customerContext.newPage(), customerEmail, password);
    await sweep(customerContext.request, [
      { path: "/wallet/history", params: ["wallet", "kind", "direction", "from", "to", "before", "after"] },
      { path: "/wallet/send", params: ["from"] },
      { path: "/wallet/withdraw", params: ["wallet"] },
      { path: "/wallet/tokens", params: ["page"] },
      { path: "/wallet/requests", params: ["incoming", "outgoing"] },
    ]);

    // Nothing was dropped or changed: the users are all there and the admin still signs in.
    const after = await request.get(`/api/v1/users?${new URLSearchParams({ search: customerEmail })}`, { headers: await adminToken(request) });
    expect(after.status()).toBe(200);
    expect((await after.json()).data).toEqual([expect.objectContaining({ email: customerEmail })]);
    await staffContext.close();
    await customerContext.close();
  });

  test("HTML and script in names, emails, file names, bank names and references are shown as text", async ({ browser, request }) => {
    const headers = await adminToken(request);
    const mallory = await createCustomer(request, `Mallory ${scriptTag}`, uniqueEmail("o'brien"));
    const yara = await createCustomer(request, `Yara ${imgTag}`, uniqueEmail("yara"));
    const reference = `pix ${imgTag}`;
    const deposited = await request.post("/api/v1/provider/deposits", {
      headers: { ...provider, "idempotency-key": randomUUID() },
      data: { accountNumber: mallory.wallet.accountNumber, amount: "100.00", currency: "BRL", reference },
    });
    expect(deposited.status()).toBe(201);
    const deposit = await deposited.json();
    const sent = await request.post("/api/v1/transfers", {
      headers: { ...mallory.headers, "idempotency-key": randomUUID() },
      data: { from: mallory.wallet.id, to: yara.email, amount: "10.00" },
    });
    expect(sent.status()).toBe(201);
    const transfer = await sent.json();

    const csvField = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const csv = [
      `${csvField(scriptTag)},0001,000001-1,${csvField(imgTag)},0002,000002-2,9000000.00,2019-03-07T10:00:00`,
      `${csvField(imgTag)},0003,000003-1,${csvField(scriptTag)},0004,000004-2,8000000.00,2019-03-07T11:00:00`,
    ].join("\n");
    const fileName = `${imgTag}.csv`;
    const imported = await request.post(`/api/v1/imports?${new URLSearchParams({ filename: fileName })}`, {
      headers: { ...headers, "content-type": "text/csv" },
      data: csv,
    });
    expect(imported.status()).toBe(201);
    const { id: importId } = await imported.json();

    const staff = await browser.newPage();
    const staffInert = watchForScripts(staff);
    await signIn(staff, admin.login, admin.password);
    await expectShownLiterally(staff, "/users", [mallory.name, mallory.email, yara.name], staffInert);
    await expectShownLiterally(staff, `/users/${mallory.id}`, [mallory.name], staffInert);
    await expectShownLiterally(staff, `/customers?${new URLSearchParams({ search: "o'brien" })}`, [mallory.name], staffInert);
    await expectShownLiterally(staff, `/customers/${mallory.id}`, [mallory.name, reference], staffInert);
    await expectShownLiterally(staff, "/imports", [fileName], staffInert);
    await expectShownLiterally(staff, `/imports/${importId}`, [fileName, scriptTag, imgTag], staffInert);
    await expectShownLiterally(staff, "/analysis?month=2019-03", [scriptTag, imgTag], staffInert);

    const sender = await browser.newPage();
    const senderInert = watchForScripts(sender);
    await signIn(sender, mallory.email, mallory.password);
    await expectShownLiterally(sender, "/wallet", [mallory.name], senderInert);
    await expectShownLiterally(sender, "/wallet/history", [reference], senderInert);
    await expectShownLiterally(sender, `/wallet/transfers/${deposit.id}`, [reference], senderInert);
    await expectShownLiterally(sender, `/wallet/transfers/${transfer.id}`, [yara.wallet.accountNumber], senderInert);
  });

  test("a server action posted from another origin is refused and does nothing", async ({ page, request }) => {
    const action = await createUserAction(page, "Origin Probe", uniqueEmail("origin-real"));
    await expect(page.getByTestId("generated-password")).toBeVisible();

    const forged = uniqueEmail("origin-forged");
    const response = await page.context().request.post(action.url(), {
      headers: {
        "next-action": action.headers()["next-action"],
        "content-type": action.headers()["content-type"],
        accept: "text/x-component",
        origin: "https://evil.example",
      },
      data: action.postData()!.replace(/origin-real-[^"\\\r\n]+@ledgerwatch\.test/, forged),
      maxRedirects: 0,
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
    const found = await request.get(`/api/v1/users?${new URLSearchParams({ search: forged })}`, { headers: await adminToken(request) });
    expect((await found.json()).data).toEqual([]);
  });

  test("the sign-in callback never leads off this site", async ({ browser, baseURL }) => {
    const callbacks = ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "%2F%2Fevil.example", "/login?callbackUrl=https://evil.example"];
    for (const callbackUrl of callbacks) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const inert = watchForScripts(page);
      await page.goto(`/login?${new URLSearchParams({ callbackUrl })}`);
      await page.getByLabel("Email or username").fill(admin.login);
      await page.getByLabel("Password").fill(admin.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login") || url.origin !== new URL(baseURL!).origin);
      expect(new URL(page.url()).origin, callbackUrl).toBe(new URL(baseURL!).origin);
      await inert();
      await context.close();
    }
  });

  test("oversized JSON bodies are refused before they are parsed, and odd shapes with 422", async ({ request, baseURL }) => {
    const customer = await createCustomer(request, "Body Probe", uniqueEmail("body"));
    const transfer = (data: string, extra: Record<string, string> = {}) =>
      request.post("/api/v1/transfers", { headers: { ...customer.headers, "idempotency-key": randomUUID(), "content-type": "application/json", ...extra }, data });
    const expectCode = async (response: APIResponse, status: number, code: string) => {
      expect(response.status()).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    };

    const padded = JSON.stringify({ from: customer.wallet.id, to: "x@example.com", amount: "1.00", note: "x".repeat(1.5 * 1024 ** 2) });
    await expectCode(await transfer(padded), 413, "PAYLOAD_TOO_LARGE");

    // Chunked, with no Content-Length to judge by.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const upload = http.request(`${baseURL}/api/v1/transfers`, {
        method: "POST",
        headers: { ...customer.headers, "idempotency-key": randomUUID(), "content-type": "application/json", "transfer-encoding": "chunked" },
      });
      upload.on("response", (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, body }));
      });
      upload.on("error", reject);
      upload.write('{"note":"');
      for (let i = 0; i < 40; i++) upload.write("y".repeat(64 * 1024));
      upload.end('"}');
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).error.code).toBe("PAYLOAD_TOO_LARGE");

    await expectCode(await transfer("[".repeat(100_000) + "]".repeat(100_000)), 422, "VALIDATION_FAILED");
    await expectCode(await transfer(JSON.stringify({ from: "[".repeat(5000), to: { deep: { deeper: [[[[]]]] } }, amount: 1 })), 422, "VALIDATION_FAILED");
    const batch = await request.post("/api/v1/transfers/batch", {
      headers: { ...customer.headers, "content-type": "application/json" },
      data: JSON.stringify({ transfers: Array.from({ length: 200_000 }, () => 0) }),
    });
    await expectCode(batch, 422, "VALIDATION_FAILED");
    // PostgreSQL text can't hold NUL: a name with one is the client's mistake, not a server error.
    const nulName = await request.post("/api/v1/users", {
      headers: await adminToken(request),
      data: { name: "a\u0000b", email: uniqueEmail("nul"), role: "analyst" },
    });
    await expectCode(nulName, 422, "VALIDATION_FAILED");
  });

  test("a server action body over Next's size limit is refused without a server error", async ({ page }) => {
    const action = await createUserAction(page, "Size Probe", uniqueEmail("size"));
    const response = await page.context().request.post(action.url(), {
      headers: { "next-action": action.headers()["next-action"], accept: "text/x-component", origin: new URL(action.url()).origin },
      multipart: { "1_name": "x".repeat(3 * 1024 ** 2), "1_email": uniqueEmail("size-big"), "1_role": "analyst" },
      maxRedirects: 0,
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);

    // Chunked, with no Content-Length to judge it by before Next reads it all: refused whatever
    // its size (a small one here, whose answer can't be lost to the reset of an unread body).
    const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
    const chunkedStatus = await new Promise<number>((resolve, reject) => {
      // A connection of its own: one the server reset after an earlier refusal must not be reused.
      const upload = http.request(action.url(), {
        method: "POST",
        agent: false,
        headers: {
          cookie,
          "next-action": action.headers()["next-action"],
          accept: "text/x-component",
          origin: new URL(action.url()).origin,
          "content-type": "text/plain;charset=UTF-8",
          "transfer-encoding": "chunked",
        },
      });
      upload.on("response", (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      upload.on("error", reject);
      upload.write('[{"name":"Chunked",');
      upload.end('"email":"chunked@example.com","role":"analyst"}]');
    });
    expect(chunkedStatus).toBe(411);
  });
});
