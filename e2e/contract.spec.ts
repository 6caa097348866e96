import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { monthOf } from "../lib/analysis/month";
import { isJsonBody, type Operation } from "../lib/api/contract";
import { operations } from "../lib/api/operations";
import { errorBodySchema } from "../lib/api/schemas";
import { defaultTimeZone, localDateTime } from "../lib/time";
import { admin, mailedLinkPath, uniqueAddress, uniqueCpf, uniqueEmail } from "./helpers";
import { holdTransfersFrom } from "./review-rule";

// Every documented operation, called on its happy path against the production build: the answer
// must have a status its definition declares and a body its response schema accepts. The schemas
// are strict objects, so a field a handler answers without declaring it fails here.

const { PAYMENT_PROVIDER_KEY: providerKey } = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".data", "e2e-server.json"), "utf8"));
const provider = { authorization: `Bearer ${providerKey}` };

const key = (operation: Pick<Operation, "method" | "path">) => `${operation.method} ${operation.path}`;
const definitions = new Map(operations.map((operation) => [key(operation), operation]));
const checked = new Set<string>();

/** Holds an answer to its definition: a declared success status, and a body in that status's shape. */
async function expectDeclared(method: Operation["method"], route: string, response: APIResponse) {
  const operation = definitions.get(`${method} ${route}`);
  expect(operation, `${method} ${route} is documented`).toBeDefined();
  const status = response.status();
  const answer = operation!.responses[status];
  expect(answer, `${method} ${route} answered ${status} (${await response.text()}), which it doesn't declare`).toBeDefined();
  if (isJsonBody(answer.body)) {
    expect(response.headers()["content-type"]).toContain("application/json");
    const parsed = answer.body.safeParse(await response.json());
    expect(parsed.error?.issues ?? [], `${method} ${route} answers in its declared shape`).toEqual([]);
  } else if (answer.body) {
    expect(answer.body.contentTypes).toContain(response.headers()["content-type"].split(";")[0]);
    expect((await response.body()).length).toBeGreaterThan(0);
  } else {
    expect(await response.text()).toBe("");
  }
  checked.add(`${method} ${route}`);
  return response;
}

async function json(response: APIResponse) {
  return response.json();
}

async function token(request: APIRequestContext, login: string, password: string) {
  const response = await expectDeclared("post", "/api/v1/auth/token", await request.post("/api/v1/auth/token", { data: { login, password } }));
  return { authorization: `Bearer ${(await response.json()).token}` };
}

test.describe.configure({ timeout: 180_000 });

test("every documented operation answers in its declared shape", async ({ request }) => {
  const staff = await token(request, admin.login, admin.password);

  // Users: a customer to act as, a recipient, and one to delete.
  const createUser = async (name: string) =>
    json(await expectDeclared("post", "/api/v1/users", await request.post("/api/v1/users", { headers: staff, data: { name, email: uniqueEmail("contract"), role: "customer" } })));
  const ana = await createUser("Contract Ana");
  const bruno = await createUser("Contract Bruno");
  const gone = await createUser("Contract Gone");
  await expectDeclared("get", "/api/v1/users", await request.get("/api/v1/users?size=10&sort=name&order=asc", { headers: staff }));
  await expectDeclared("get", "/api/v1/users/{id}", await request.get(`/api/v1/users/${ana.user.id}`, { headers: staff }));
  await expectDeclared("patch", "/api/v1/users/{id}", await request.patch(`/api/v1/users/${bruno.user.id}`, { headers: staff, data: { name: "Contract Bruno B." } }));
  await expectDeclared("delete", "/api/v1/users/{id}", await request.delete(`/api/v1/users/${gone.user.id}`, { headers: staff }));

  // A sign-in renewed with its refresh token.
  const signedIn = await json(await request.post("/api/v1/auth/token", { data: { login: ana.user.email, password: ana.password } }));
  await expectDeclared("post", "/api/v1/auth/refresh", await request.post("/api/v1/auth/refresh", { data: { refreshToken: signedIn.refreshToken } }));

  // A customer who signs up alone: a new link asked for, then the email confirmed with it.
  const newcomer = { name: "Contract Nadia", email: uniqueEmail("contract-signup"), cpf: uniqueCpf(), password: "contract-otter-73" };
  const signUpHeaders = { "x-forwarded-for": uniqueAddress() };
  await expectDeclared("post", "/api/v1/signup", await request.post("/api/v1/signup", { headers: signUpHeaders, data: newcomer }));
  const newcomerToken = await token(request, newcomer.email, newcomer.password);
  await expectDeclared("post", "/api/v1/signup/verification-link", await request.post("/api/v1/signup/verification-link", { headers: newcomerToken }));
  await expect.poll(() => mailedLinkPath(newcomer.email, "/verify-email")).toBeTruthy();
  const verifyToken = new URL(mailedLinkPath(newcomer.email, "/verify-email")!, "http://x").searchParams.get("token");
  await expectDeclared("post", "/api/v1/signup/verify", await request.post("/api/v1/signup/verify", { data: { token: verifyToken } }));

  // Wallets, money in, and a wallet's lines.
  const customer = await token(request, ana.user.email, ana.password);
  const { data: wallets } = await json(await expectDeclared("get", "/api/v1/wallets", await request.get("/api/v1/wallets", { headers: customer })));
  const brl = wallets.find((wallet: { currency: string }) => wallet.currency === "BRL");
  await expectDeclared("post", "/api/v1/wallets", await request.post("/api/v1/wallets", { headers: customer, data: { currency: "USD" } }));
  await expectDeclared(
    "post",
    "/api/v1/provider/deposits",
    await request.post("/api/v1/provider/deposits", {
      headers: { ...provider, "idempotency-key": randomUUID() },
      data: { accountNumber: brl.accountNumber, amount: "100.00", currency: "BRL", reference: `pix-${randomUUID()}` },
    }),
  );
  await expectDeclared("get", "/api/v1/wallets/{id}/transactions", await request.get(`/api/v1/wallets/${brl.id}/transactions?size=10`, { headers: customer }));
  const thisMonth = monthOf(localDateTime(new Date(), defaultTimeZone));
  for (const format of ["csv", "pdf"]) {
    const statement = `/api/v1/wallets/${brl.id}/statement?month=${thisMonth}&format=${format}`;
    await expectDeclared("get", "/api/v1/wallets/{id}/statement", await request.get(statement, { headers: customer }));
  }

  // Rates, a transfer, a batch with one transfer that goes and one refused, withdrawals settled and cancelled.
  await expectDeclared("post", "/api/v1/fx-rates", await request.post("/api/v1/fx-rates", { headers: staff, data: { base: "USD", quote: "BRL", rate: "5.00" } }));
  await expectDeclared("get", "/api/v1/fx-rates", await request.get("/api/v1/fx-rates", { headers: customer }));
  await expectDeclared(
    "post",
    "/api/v1/transfers",
    await request.post("/api/v1/transfers", { headers: { ...customer, "idempotency-key": randomUUID() }, data: { from: brl.id, to: bruno.user.email, amount: "1.00" } }),
  );
  const batch = await expectDeclared(
    "post",
    "/api/v1/transfers/batch",
    await request.post("/api/v1/transfers/batch", {
      headers: customer,
      data: {
        transfers: [
          { idempotencyKey: randomUUID(), from: brl.id, to: bruno.user.email, amount: "1.00" },
          { idempotencyKey: randomUUID(), from: brl.id, to: bruno.user.email, amount: "1000000.00" },
        ],
      },
    }),
  );
  expect((await batch.json()).results.map((result: { ok: boolean }) => result.ok)).toEqual([true, false]);
  const withdraw = async () =>
    json(
      await expectDeclared(
        "post",
        "/api/v1/withdrawals",
        await request.post("/api/v1/withdrawals", { headers: { ...customer, "idempotency-key": randomUUID() }, data: { from: brl.id, amount: "2.00" } }),
      ),
    );
  const [paid, unpaid] = [await withdraw(), await withdraw()];
  await expectDeclared("post", "/api/v1/provider/withdrawals/{id}/settle", await request.post(`/api/v1/provider/withdrawals/${paid.id}/settle`, { headers: provider }));
  await expectDeclared("post", "/api/v1/provider/withdrawals/{id}/cancel", await request.post(`/api/v1/provider/withdrawals/${unpaid.id}/cancel`, { headers: provider }));

  // Payment requests: Ana asks Bruno three times; he pays one and declines one, and she cancels the third.
  const payer = await token(request, bruno.user.email, bruno.password);
  const { data: payerWallets } = await json(await request.get("/api/v1/wallets", { headers: payer }));
  const payerBrl = payerWallets.find((wallet: { currency: string }) => wallet.currency === "BRL");
  await request.post("/api/v1/provider/deposits", {
    headers: { ...provider, "idempotency-key": randomUUID() },
    data: { accountNumber: payerBrl.accountNumber, amount: "10.00", currency: "BRL", reference: `pix-${randomUUID()}` },
  });
  const ask = async () =>
    json(
      await expectDeclared(
        "post",
        "/api/v1/payment-requests",
        await request.post("/api/v1/payment-requests", { headers: customer, data: { payer: bruno.user.email, amount: "1.50", currency: "BRL", note: "Contract" } }),
      ),
    );
  const [toPay, toDecline, toCancel] = [await ask(), await ask(), await ask()];
  const incoming = await json(
    await expectDeclared("get", "/api/v1/payment-requests", await request.get("/api/v1/payment-requests?direction=incoming&status=pending&size=10", { headers: payer })),
  );
  expect(incoming.total).toBe(3);
  const paying = await expectDeclared(
    "post",
    "/api/v1/payment-requests/{id}/pay",
    await request.post(`/api/v1/payment-requests/${toPay.id}/pay`, { headers: { ...payer, "idempotency-key": randomUUID() }, data: { from: payerBrl.id } }),
  );
  expect((await paying.json()).paymentRequest.status).toBe("paid");
  await expectDeclared("post", "/api/v1/payment-requests/{id}/decline", await request.post(`/api/v1/payment-requests/${toDecline.id}/decline`, { headers: payer }));
  await expectDeclared("post", "/api/v1/payment-requests/{id}/cancel", await request.post(`/api/v1/payment-requests/${toCancel.id}/cancel`, { headers: customer }));

  // An import of a day no other spec uses (a day imports once per database), then its month's analysis.
  const day = `19${randomInt(10, 90)}-${String(randomInt(1, 13)).padStart(2, "0")}-${String(randomInt(1, 29)).padStart(2, "0")}`;
  const csv = `BANCO ALFA,0001,10000-1,BANCO BETA,0002,20000-2,150000.00,${day}T10:00:00\nBANCO ALFA,0001,10000-1,,0002,,1,${day}T11:00:00\n`;
  const imported = await json(
    await expectDeclared(
      "post",
      "/api/v1/imports",
      await request.post(`/api/v1/imports?filename=contract-${day}.csv`, { headers: { ...staff, "content-type": "text/csv" }, data: csv }),
    ),
  );
  await expectDeclared("get", "/api/v1/imports", await request.get("/api/v1/imports?sort=importedAt&order=desc", { headers: staff }));
  await expectDeclared("get", "/api/v1/imports/{id}", await request.get(`/api/v1/imports/${imported.id}?size=10`, { headers: staff }));
  const month = day.slice(0, 7);
  const report = await json(await expectDeclared("get", "/api/v1/analysis", await request.get(`/api/v1/analysis?month=${month}`, { headers: staff })));
  expect(report.transactions.length).toBeGreaterThan(0);
  await expectDeclared("get", "/api/v1/analysis/export", await request.get(`/api/v1/analysis/export?month=${month}&section=transactions`, { headers: staff }));

  // Screening holds two of Ana's transfers (a rule on her account alone): staff release one and reject the other.
  const takeRuleOff = await holdTransfersFrom([brl.accountNumber], "5.00", `Contract review ${randomUUID().slice(0, 8)}`);
  try {
    const hold = async () =>
      json(
        await expectDeclared(
          "post",
          "/api/v1/transfers",
          await request.post("/api/v1/transfers", { headers: { ...customer, "idempotency-key": randomUUID() }, data: { from: brl.id, to: bruno.user.email, amount: "5.00" } }),
        ),
      );
    const [toRelease, toReject] = [await hold(), await hold()];
    const queue = await json(await expectDeclared("get", "/api/v1/cases", await request.get("/api/v1/cases?status=open&size=100", { headers: staff })));
    const caseOf = (transfer: { id: string }) => queue.data.find((row: { transferId: string }) => row.transferId === transfer.id).id as string;
    await expectDeclared("get", "/api/v1/cases/{id}", await request.get(`/api/v1/cases/${caseOf(toRelease)}`, { headers: staff }));
    await expectDeclared("post", "/api/v1/cases/{id}/release", await request.post(`/api/v1/cases/${caseOf(toRelease)}/release`, { headers: staff, data: {} }));
    await expectDeclared("post", "/api/v1/cases/{id}/reject", await request.post(`/api/v1/cases/${caseOf(toReject)}/reject`, { headers: staff, data: { note: "Contract" } }));
  } finally {
    await takeRuleOff();
  }
  // A screening rule left inactive: no other spec's movement is screened by it.
  const rule = await json(
    await expectDeclared(
      "post",
      "/api/v1/rules",
      await request.post("/api/v1/rules", {
        headers: staff,
        data: { name: `Contract rule ${randomUUID()}`, outcome: "review", conditions: [{ type: "amount_at_least", amount: "1000000.00", currency: "BRL" }] },
      }),
    ),
  );
  expect(rule.rule.status).toBe("inactive");
  await expectDeclared("get", "/api/v1/rules", await request.get("/api/v1/rules", { headers: staff }));

  await expectDeclared("get", "/api/v1/openapi.json", await request.get("/api/v1/openapi.json"));

  expect([...definitions.keys()].filter((operation) => !checked.has(operation)), "operations this spec doesn't call").toEqual([]);
});

test("an error answers in the Error shape", async ({ request }) => {
  const refused = await request.post("/api/v1/auth/token", { data: { login: "", password: "" } });
  expect(refused.status()).toBe(422);
  expect(errorBodySchema.safeParse(await refused.json()).error?.issues ?? []).toEqual([]);
  const unsigned = await request.get("/api/v1/wallets");
  expect(unsigned.status()).toBe(401);
  expect(errorBodySchema.safeParse(await unsigned.json()).error?.issues ?? []).toEqual([]);
});
