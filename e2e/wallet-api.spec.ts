import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { admin, signIn, uniqueEmail } from "./helpers";

// The key the e2e server gave the payment provider (read, not imported: importing the server script would run it).
const { PAYMENT_PROVIDER_KEY: providerKey } = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".data", "e2e-server.json"), "utf8"));
const provider = { authorization: `Bearer ${providerKey}` };

type Headers = Record<string, string>;
type Wallet = { id: string; accountNumber: string; currency: string; balance: string; available: string };
type Person = { email: string; password: string; headers: Headers };

/** Decimal strings of 2-place currencies as minor units, to compare sums without floats. */
const minor = (amount: string) => BigInt(amount.replace(".", ""));

async function tokenHeaders(request: APIRequestContext, login: string, password: string): Promise<Headers> {
  const response = await request.post("/api/v1/auth/token", { data: { login, password } });
  expect(response.status()).toBe(201);
  return { authorization: `Bearer ${(await response.json()).token}` };
}

async function newUser(request: APIRequestContext, role: "customer" | "analyst" | "admin", name = "Api Person"): Promise<Person> {
  const email = uniqueEmail(`wallet-api-${role}`);
  const created = await request.post("/api/v1/users", { headers: await tokenHeaders(request, admin.login, admin.password), data: { name, email, role } });
  expect(created.status()).toBe(201);
  const { password } = await created.json();
  return { email, password, headers: await tokenHeaders(request, email, password) };
}

async function walletsOf(request: APIRequestContext, person: Person): Promise<Wallet[]> {
  const response = await request.get("/api/v1/wallets", { headers: person.headers });
  expect(response.status()).toBe(200);
  return (await response.json()).data;
}

async function brlWallet(request: APIRequestContext, person: Person): Promise<Wallet> {
  return (await walletsOf(request, person)).find((wallet) => wallet.currency === "BRL")!;
}

async function fund(request: APIRequestContext, wallet: Wallet, amount: string) {
  const response = await request.post("/api/v1/provider/deposits", {
    headers: { ...provider, "idempotency-key": randomUUID() },
    data: { accountNumber: wallet.accountNumber, amount, currency: wallet.currency, reference: `pix-${randomUUID()}` },
  });
  expect(response.status()).toBe(201);
}

function send(request: APIRequestContext, person: Person, body: object, key: string | null = randomUUID()) {
  return request.post("/api/v1/transfers", { headers: { ...person.headers, ...(key ? { "idempotency-key": key } : {}) }, data: body });
}

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  const body: { error: { code: string; message: string } } = await response.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
}

test("a customer has a BRL wallet, opens a USD one, and the provider funds it once per key", async ({ request }) => {
  const ana = await newUser(request, "customer", "Ana Wallet");
  const [brl, ...others] = await walletsOf(request, ana);
  expect(others).toEqual([]);
  expect(Object.keys(brl).sort()).toEqual(["accountNumber", "available", "balance", "currency", "id"]);
  expect(brl).toMatchObject({ currency: "BRL", balance: "0.00", available: "0.00" });
  expect(brl.accountNumber).toMatch(/^\d{10}$/);

  const opened = await request.post("/api/v1/wallets", { headers: ana.headers, data: { currency: "usd" } });
  expect(opened.status()).toBe(201);
  const usd: Wallet = await opened.json();
  expect(usd).toMatchObject({ currency: "USD", balance: "0.00" });
  const again = await request.post("/api/v1/wallets", { headers: ana.headers, data: { currency: "USD" } });
  expect(again.status()).toBe(200);
  expect((await again.json()).id).toBe(usd.id);
  await expectError(await request.post("/api/v1/wallets", { headers: ana.headers, data: { currency: "XYZ" } }), 422, "VALIDATION_FAILED");

  const deposit = { accountNumber: brl.accountNumber, amount: "150.25", currency: "BRL", reference: "pix-e2e-1" };
  const key = randomUUID();
  const first = await request.post("/api/v1/provider/deposits", { headers: { ...provider, "idempotency-key": key }, data: deposit });
  expect(first.status()).toBe(201);
  const booked = await first.json();
  expect(booked).toMatchObject({ status: "completed", credited: { amount: "150.25", currency: "BRL" }, accountNumber: brl.accountNumber });
  const retried = await request.post("/api/v1/provider/deposits", { headers: { ...provider, "idempotency-key": key }, data: deposit });
  expect(await retried.json()).toEqual(booked);
  await expectError(
    await request.post("/api/v1/provider/deposits", { headers: { ...provider, "idempotency-key": key }, data: { ...deposit, amount: "1.00" } }),
    409,
    "IDEMPOTENCY_CONFLICT",
  );
  await expectError(await request.post("/api/v1/provider/deposits", { headers: provider, data: deposit }), 422, "VALIDATION_FAILED");
  await expectError(
    await request.post("/api/v1/provider/deposits", { headers: { ...provider, "idempotency-key": randomUUID() }, data: { ...deposit, accountNumber: "0000000001" } }),
    422,
    "UNKNOWN_RECIPIENT",
  );
  expect(await brlWallet(request, ana)).toMatchObject({ balance: "150.25", available: "150.25" });
});

test("transfers in the same and another currency, once per Idempotency-Key", async ({ request }) => {
  const ana = await newUser(request, "customer", "Ana Sender");
  const bruno = await newUser(request, "customer", "Bruno Receiver");
  const anaBrl = await brlWallet(request, ana);
  await fund(request, anaBrl, "500.00");

  const key = randomUUID();
  const body = { from: anaBrl.id, to: bruno.email.toUpperCase(), amount: "10.00" };
  const sent = await send(request, ana, body, key);
  expect(sent.status()).toBe(201);
  const transfer = await sent.json();
  expect(transfer).toMatchObject({ status: "completed", debited: { amount: "10.00", currency: "BRL" }, credited: { amount: "10.00", currency: "BRL" }, rate: null });
  expect(transfer.fee.currency).toBe("BRL");
  const spent = minor("10.00") + minor(transfer.fee.amount);

  const replay = await send(request, ana, body, key);
  expect(replay.status()).toBe(201);
  expect(await replay.json()).toEqual(transfer);
  expect(minor((await brlWallet(request, ana)).balance)).toBe(minor("500.00") - spent);
  expect((await brlWallet(request, bruno)).balance).toBe("10.00");

  await expectError(await send(request, ana, { ...body, amount: "11.00" }, key), 409, "IDEMPOTENCY_CONFLICT");
  await expectError(await send(request, ana, body, null), 422, "VALIDATION_FAILED");

  // Another currency, at the rate an admin sets.
  const adminHeaders = await tokenHeaders(request, admin.login, admin.password);
  const rate = await request.post("/api/v1/fx-rates", { headers: adminHeaders, data: { base: "USD", quote: "BRL", rate: "5.00" } });
  expect(rate.status()).toBe(201);
  expect(await rate.json()).toMatchObject({ base: "USD", quote: "BRL", rate: "5.00" });
  await expectError(await request.post("/api/v1/fx-rates", { headers: ana.headers, data: { base: "USD", quote: "BRL", rate: "1.00" } }), 403, "FORBIDDEN");
  await expectError(await request.post("/api/v1/fx-rates", { headers: adminHeaders, data: { base: "USD", quote: "BRL", rate: "5,00" } }), 422, "VALIDATION_FAILED");
  const rates = await request.get("/api/v1/fx-rates", { headers: ana.headers });
  expect((await rates.json()).data).toContainEqual(expect.objectContaining({ base: "USD", quote: "BRL", rate: "5.00" }));

  const brunoUsd: Wallet = await (await request.post("/api/v1/wallets", { headers: bruno.headers, data: { currency: "USD" } })).json();
  const across = await send(request, ana, { from: anaBrl.id, to: brunoUsd.accountNumber, amount: "50.00" });
  expect(across.status()).toBe(201);
  expect(await across.json()).toMatchObject({
    debited: { amount: "50.00", currency: "BRL" },
    credited: { amount: "10.00", currency: "USD" },
    rate: { base: "USD", quote: "BRL", rate: "5.00" },
  });
  expect((await walletsOf(request, bruno)).find((wallet) => wallet.currency === "USD")!.balance).toBe("10.00");

  const anaJpy: Wallet = await (await request.post("/api/v1/wallets", { headers: ana.headers, data: { currency: "JPY" } })).json();
  await fund(request, anaJpy, "1000");
  await expectError(await send(request, ana, { from: anaJpy.id, to: brunoUsd.accountNumber, amount: "100" }), 422, "RATE_NOT_AVAILABLE");
});

test("refused transfers say why and move nothing", async ({ request }) => {
  const ana = await newUser(request, "customer");
  const bruno = await newUser(request, "customer");
  const anaBrl = await brlWallet(request, ana);
  await fund(request, anaBrl, "20.00");

  await expectError(await send(request, ana, { from: anaBrl.id, to: bruno.email, amount: "20000.00" }), 422, "INSUFFICIENT_FUNDS");
  await expectError(await send(request, ana, { from: anaBrl.id, to: uniqueEmail("nobody"), amount: "1.00" }), 422, "UNKNOWN_RECIPIENT");
  await expectError(await send(request, ana, { from: anaBrl.id, to: "9999999999", amount: "1.00" }), 422, "UNKNOWN_RECIPIENT");
  await expectError(await send(request, ana, { from: anaBrl.id, to: bruno.email, amount: "1.234" }), 422, "INVALID_AMOUNT");
  await expectError(await send(request, ana, { from: anaBrl.id, to: bruno.email, amount: "-5" }), 422, "INVALID_AMOUNT");
  await expectError(await send(request, ana, { from: anaBrl.id, to: bruno.email, amount: 5 }), 422, "VALIDATION_FAILED");
  expect((await brlWallet(request, ana)).balance).toBe("20.00");
  expect((await brlWallet(request, bruno)).balance).toBe("0.00");
});

test("a batch answers each transfer in order, and a retried batch moves nothing twice", async ({ request }) => {
  const ana = await newUser(request, "customer");
  const bruno = await newUser(request, "customer");
  const anaBrl = await brlWallet(request, ana);
  await fund(request, anaBrl, "100.00");

  const transfers = [
    { idempotencyKey: randomUUID(), from: anaBrl.id, to: bruno.email, amount: "10.00" },
    { idempotencyKey: randomUUID(), from: anaBrl.id, to: bruno.email, amount: "1000.00" },
    { idempotencyKey: randomUUID(), from: anaBrl.id, to: uniqueEmail("nobody"), amount: "1.00" },
    { idempotencyKey: randomUUID(), from: anaBrl.id, to: bruno.email, amount: "5.00" },
  ];
  const response = await request.post("/api/v1/transfers/batch", { headers: ana.headers, data: { transfers } });
  expect(response.status()).toBe(200);
  const { results } = await response.json();
  expect(results.map((result: { idempotencyKey: string }) => result.idempotencyKey)).toEqual(transfers.map((item) => item.idempotencyKey));
  expect(results.map((result: { ok: boolean; error?: { code: string } }) => (result.ok ? "ok" : result.error!.code))).toEqual([
    "ok",
    "INSUFFICIENT_FUNDS",
    "UNKNOWN_RECIPIENT",
    "ok",
  ]);
  expect(results[0].transfer).toMatchObject({ status: "completed", debited: { amount: "10.00", currency: "BRL" } });
  const fees = minor(results[0].transfer.fee.amount) + minor(results[3].transfer.fee.amount);
  const after = minor("100.00") - minor("15.00") - fees;
  expect(minor((await brlWallet(request, ana)).balance)).toBe(after);

  const retried = await request.post("/api/v1/transfers/batch", { headers: ana.headers, data: { transfers } });
  const again = (await retried.json()).results;
  expect(again[0]).toEqual(results[0]);
  expect(again[3]).toEqual(results[3]);
  expect(minor((await brlWallet(request, ana)).balance)).toBe(after);
  expect((await brlWallet(request, bruno)).balance).toBe("15.00");

  await expectError(await request.post("/api/v1/transfers/batch", { headers: ana.headers, data: { transfers: [] } }), 422, "VALIDATION_FAILED");
  const tooMany = Array.from({ length: 1001 }, () => ({ ...transfers[0], idempotencyKey: randomUUID() }));
  await expectError(await request.post("/api/v1/transfers/batch", { headers: ana.headers, data: { transfers: tooMany } }), 422, "VALIDATION_FAILED");
});

test("a withdrawal holds the money until the provider settles or cancels it", async ({ request }) => {
  const ana = await newUser(request, "customer");
  const anaBrl = await brlWallet(request, ana);
  await fund(request, anaBrl, "100.00");
  const withdraw = (amount: string, key: string | null = randomUUID()) =>
    request.post("/api/v1/withdrawals", { headers: { ...ana.headers, ...(key ? { "idempotency-key": key } : {}) }, data: { from: anaBrl.id, amount } });

  const key = randomUUID();
  const requested = await withdraw("30.00", key);
  expect(requested.status()).toBe(201);
  const pending = await requested.json();
  expect(pending).toMatchObject({ status: "pending" });
  expect(await (await withdraw("30.00", key)).json()).toEqual(pending);
  expect(await brlWallet(request, ana)).toMatchObject({ balance: "100.00", available: "70.00" });
  await expectError(await withdraw("30.00", null), 422, "VALIDATION_FAILED");
  await expectError(await withdraw("500.00"), 422, "INSUFFICIENT_FUNDS");

  const settle = (id: string) => request.post(`/api/v1/provider/withdrawals/${id}/settle`, { headers: provider });
  const cancel = (id: string) => request.post(`/api/v1/provider/withdrawals/${id}/cancel`, { headers: provider });
  const settled = await settle(pending.id);
  expect(settled.status()).toBe(200);
  expect(await settled.json()).toMatchObject({ id: pending.id, status: "settled" });
  expect((await settle(pending.id)).status()).toBe(200);
  await expectError(await cancel(pending.id), 409, "INVALID_STATE");
  expect(await brlWallet(request, ana)).toMatchObject({ balance: "70.00", available: "70.00" });

  const second = await (await withdraw("20.00")).json();
  expect(await brlWallet(request, ana)).toMatchObject({ available: "50.00" });
  const cancelled = await cancel(second.id);
  expect(cancelled.status()).toBe(200);
  expect(await cancelled.json()).toMatchObject({ id: second.id, status: "cancelled" });
  await expectError(await settle(second.id), 409, "INVALID_STATE");
  expect(await brlWallet(request, ana)).toMatchObject({ balance: "70.00", available: "70.00" });
  await expectError(await settle(randomUUID()), 404, "NOT_FOUND");
});

test("a wallet's transactions come a page at a time, and another customer can neither read nor move them", async ({ request, browser }) => {
  const ana = await newUser(request, "customer");
  const bruno = await newUser(request, "customer");
  const anaBrl = await brlWallet(request, ana);
  await fund(request, anaBrl, "40.00");
  await fund(request, anaBrl, "2.00");
  const sent = await send(request, ana, { from: anaBrl.id, to: bruno.email, amount: "1.50" });
  expect(sent.status()).toBe(201);
  const balance = minor("42.00") - minor("1.50") - minor((await sent.json()).fee.amount);

  const lines = `/api/v1/wallets/${anaBrl.id}/transactions`;
  const first = await (await request.get(`${lines}?page=1&size=10`, { headers: ana.headers })).json();
  expect(first).toMatchObject({ page: 1, size: 10, total: first.data.length });
  expect(first.data[0]).toMatchObject({ kind: "transfer", purpose: "principal", amount: "-1.50", currency: "BRL", counterparty: (await brlWallet(request, bruno)).accountNumber });
  expect(Object.keys(first.data[0]).sort()).toEqual(["amount", "at", "balanceAfter", "counterparty", "currency", "id", "kind", "purpose", "reference", "transferId"]);
  expect(first.data.filter((line: { kind: string }) => line.kind === "deposit").map((line: { amount: string }) => line.amount)).toEqual(["2.00", "40.00"]);
  const beyond = await (await request.get(`${lines}?page=2&size=10`, { headers: ana.headers })).json();
  expect(beyond).toEqual({ data: [], page: 2, size: 10, total: first.total });
  await expectError(await request.get(`${lines}?size=500`, { headers: ana.headers }), 422, "VALIDATION_FAILED");
  await expectError(await request.get(`${lines}?page=abc`, { headers: ana.headers }), 422, "VALIDATION_FAILED");

  // Bruno, with a token or with his session cookie, sees Ana's wallet as missing and can't move its money.
  const brunoContext = await browser.newContext();
  const brunoPage = await brunoContext.newPage();
  await signIn(brunoPage, bruno.email, bruno.password);
  // A browser sends its own origin with every POST; a cookie POST from another site is refused before anything else.
  const ownOrigin = new URL(brunoPage.url()).origin;
  for (const origin of ["https://attacker.example", null]) {
    const forged = await brunoContext.request.post("/api/v1/transfers", {
      headers: { "idempotency-key": randomUUID(), ...(origin ? { origin } : {}) },
      data: { from: (await brlWallet(request, bruno)).id, to: ana.email, amount: "0.01" },
    });
    await expectError(forged, 403, "FORBIDDEN");
  }
  for (const caller of [{ client: request, headers: bruno.headers }, { client: brunoContext.request, headers: { origin: ownOrigin } }]) {
    await expectError(await caller.client.get(lines, { headers: caller.headers }), 404, "NOT_FOUND");
    await expectError(
      await caller.client.post("/api/v1/transfers", { headers: { ...caller.headers, "idempotency-key": randomUUID() }, data: { from: anaBrl.id, to: bruno.email, amount: "1.00" } }),
      404,
      "NOT_FOUND",
    );
    const batch = await caller.client.post("/api/v1/transfers/batch", {
      headers: caller.headers,
      data: { transfers: [{ idempotencyKey: randomUUID(), from: anaBrl.id, to: bruno.email, amount: "1.00" }] },
    });
    expect((await batch.json()).results[0]).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await expectError(
      await caller.client.post("/api/v1/withdrawals", { headers: { ...caller.headers, "idempotency-key": randomUUID() }, data: { from: anaBrl.id, amount: "1.00" } }),
      404,
      "NOT_FOUND",
    );
    const listed = await caller.client.get("/api/v1/wallets", { headers: caller.headers });
    expect((await listed.json()).data.map((wallet: Wallet) => wallet.id)).not.toContain(anaBrl.id);
  }
  await brunoContext.close();
  expect(minor((await brlWallet(request, ana)).balance)).toBe(balance);
  expect((await (await request.get(lines, { headers: ana.headers })).json()).total).toBe(first.total);
});

test("each door takes only its own credentials", async ({ request, browser }) => {
  const ana = await newUser(request, "customer");
  const analyst = await newUser(request, "analyst");
  const anaBrl = await brlWallet(request, ana);
  const deposit = { accountNumber: anaBrl.accountNumber, amount: "1.00", currency: "BRL", reference: "door" };
  const depositWith = (client: APIRequestContext, headers: Headers) =>
    client.post("/api/v1/provider/deposits", { headers: { ...headers, "idempotency-key": randomUUID() }, data: deposit });

  await expectError(await depositWith(request, ana.headers), 403, "FORBIDDEN");
  await expectError(await depositWith(request, analyst.headers), 403, "FORBIDDEN");
  await expectError(await depositWith(request, {}), 401, "UNAUTHORIZED");
  await expectError(await depositWith(request, { authorization: `Bearer ${providerKey}x` }), 401, "UNAUTHORIZED");
  await expectError(await depositWith(request, { authorization: `Basic ${providerKey}` }), 401, "UNAUTHORIZED");
  await expectError(await request.post(`/api/v1/provider/withdrawals/${randomUUID()}/settle`, { headers: ana.headers }), 403, "FORBIDDEN");

  const anaContext = await browser.newContext();
  await signIn(await anaContext.newPage(), ana.email, ana.password);
  await expectError(await depositWith(anaContext.request, {}), 403, "FORBIDDEN");
  await anaContext.close();

  await expectError(await request.get("/api/v1/wallets", { headers: provider }), 401, "UNAUTHORIZED");
  await expectError(await send(request, { ...ana, headers: provider }, { from: anaBrl.id, to: ana.email, amount: "1.00" }), 401, "UNAUTHORIZED");
  await expectError(await request.get("/api/v1/fx-rates", { headers: provider }), 401, "UNAUTHORIZED");
  await expectError(await request.get("/api/v1/wallets"), 401, "UNAUTHORIZED");

  await expectError(await send(request, analyst, { from: anaBrl.id, to: ana.email, amount: "1.00" }), 403, "FORBIDDEN");
  await expectError(await request.get("/api/v1/wallets", { headers: analyst.headers }), 403, "FORBIDDEN");
  expect((await brlWallet(request, ana)).balance).toBe("0.00");
});

test("a customer makes a personal API token, uses it, and revokes it", async ({ page, request }) => {
  const ana = await newUser(request, "customer", "Ana Tokens");
  await signIn(page, ana.email, ana.password);
  await page.goto("/wallet/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  await expect(page.getByText("You have no API tokens.")).toBeVisible();

  const form = page.getByRole("region", { name: "New token" });
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("Name the token after what will use it.")).toBeVisible();

  await form.getByLabel("Token name").fill("Budget script");
  await form.getByLabel("Expires").selectOption({ label: "Never" });
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByLabel("New API token");
  await expect(shown).toHaveText(/^lw_/);
  const token = (await shown.textContent())!;
  const list = page.getByRole("list", { name: "Your tokens" });
  await expect(list.getByText("Budget script")).toBeVisible();
  await expect(list.getByText("Never expires")).toBeVisible();

  const bearer = { authorization: `Bearer ${token}` };
  const wallets = await request.get("/api/v1/wallets", { headers: bearer });
  expect(wallets.status()).toBe(200);
  expect((await wallets.json()).data[0].currency).toBe("BRL");

  // Shown once: gone after a reload, only the name stays.
  await page.reload();
  await expect(page.getByLabel("New API token")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(list.getByText("Budget script")).toBeVisible();

  page.once("dialog", (dialog) => dialog.accept());
  await list.getByRole("button", { name: "Revoke Budget script" }).click();
  await expect(page.getByText("You have no API tokens.")).toBeVisible();
  await expectError(await request.get("/api/v1/wallets", { headers: bearer }), 401, "UNAUTHORIZED");
});

test("staff make personal tokens on their own page, and a token can't be used where its role can't go", async ({ page, request }) => {
  const analyst = await newUser(request, "analyst", "Tom Analyst");
  await signIn(page, analyst.email, analyst.password);
  await page.goto("/tokens");
  const form = page.getByRole("region", { name: "New token" });
  await form.getByLabel("Token name").fill("Monthly report");
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByLabel("New API token").textContent())!;
  await expect(page.getByRole("list", { name: "Your tokens" }).getByText(/Expires \d{1,2} \w{3,4} \d{4}/)).toBeVisible();

  const bearer = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/fx-rates", { headers: bearer })).status()).toBe(200);
  await expectError(await request.get("/api/v1/wallets", { headers: bearer }), 403, "FORBIDDEN");
  await expectError(await request.get("/api/v1/users", { headers: bearer }), 403, "FORBIDDEN");
});

test("the API is documented in public: the OpenAPI document and a readable page", async ({ page, request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/transfers", "/api/v1/transfers/batch", "/api/v1/provider/deposits"]));

  await page.goto("/docs/api");
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { name: "Ledgerwatch API reference" })).toBeVisible();
  const transfers = page.getByRole("region", { name: "POST /api/v1/transfers", exact: true });
  await expect(transfers.getByText("Send money")).toBeVisible();
  await expect(transfers.getByText("409 IDEMPOTENCY_CONFLICT")).toBeVisible();
  await expect(transfers.getByText("Idempotency-Key", { exact: true })).toBeVisible();
});
