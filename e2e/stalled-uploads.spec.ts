import { expect, test, type APIRequestContext } from "@playwright/test";
import http from "node:http";
import { admin, createUserByApi, formAlert, signIn, uniqueEmail } from "./helpers";

// As scripts/e2e-server.ts configures the server.
const idleSeconds = 6;
const perUserImports = 2;
const stalledUploads = 20;
const otherRequests = 100;
const answerWithinMs = 2000;

type Outcome = { status: number; code?: string; endedAt: number };

async function token(request: APIRequestContext, login: string, password: string): Promise<string> {
  const response = await request.post("/api/v1/auth/token", { data: { login, password } });
  expect(response.status()).toBe(201);
  return (await response.json()).token as string;
}

/** A chunked import upload that sends one byte and then nothing; it settles when the server answers. */
function stalledUpload(baseURL: string, bearer: string): { outcome: Promise<Outcome>; socketClosed: () => void } {
  const url = new URL("/api/v1/imports?filename=stalled.csv", baseURL);
  const request = http.request(url, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "text/csv", "transfer-encoding": "chunked" },
  });
  const outcome = new Promise<Outcome>((resolve, reject) => {
    request.on("response", (response) => {
      const parts: Buffer[] = [];
      response.on("data", (chunk: Buffer) => parts.push(chunk));
      response.on("end", () => {
        const endedAt = Date.now();
        let code: string | undefined;
        try {
          code = JSON.parse(Buffer.concat(parts).toString("utf8")).error?.code;
        } catch {
          // Not JSON: the status alone is checked.
        }
        resolve({ status: response.statusCode ?? 0, code, endedAt });
        request.destroy();
      });
    });
    request.on("error", reject);
  });
  request.write("1");
  return { outcome, socketClosed: () => request.destroy() };
}

/** Settles with the promise, or fails once `ms` have passed: the old code never answers. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test("stalled import uploads hold no connection the rest of the app needs, and end with 408", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const analystEmail = uniqueEmail("stalling-analyst");
  const analystPassword = await createUserByApi(request, { name: "Stalling Analyst", email: analystEmail, role: "analyst" });
  const analystToken = await token(request, analystEmail, analystPassword);
  await signIn(page, analystEmail, analystPassword);
  await page.goto("/imports/new");
  const customers: { email: string; password: string; token: string }[] = [];
  for (let index = 0; index < 3; index++) {
    const email = uniqueEmail(`busy-customer-${index}`);
    const password = await createUserByApi(request, { name: `Busy Customer ${index}`, email, role: "customer" });
    customers.push({ email, password, token: await token(request, email, password) });
  }

  const uploads = Array.from({ length: stalledUploads }, () => stalledUpload(baseURL!, analystToken));
  const stalledAt = Date.now();
  try {
    // Over the per-user cap the server answers at once, before reading the body.
    const refused: Outcome[] = [];
    const pending = new Set(uploads.map((upload) => upload.outcome));
    await within(
      new Promise<void>((resolve, reject) => {
        for (const upload of uploads) {
          upload.outcome.then((outcome) => {
            pending.delete(upload.outcome);
            if (outcome.status === 429) refused.push(outcome);
            if (refused.length === stalledUploads - perUserImports) resolve();
          }, reject);
        }
      }),
      5000,
      "the uploads over the per-user limit",
    );
    expect(refused.every((outcome) => outcome.code === "IMPORTS_BUSY")).toBe(true);
    expect(pending.size).toBe(perUserImports);

    // The import page meets the same limit, and says so in the form.
    await page.getByLabel("Transactions file").setInputFiles({ name: "day.csv", mimeType: "text/csv", buffer: Buffer.from("x") });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(formAlert(page)).toContainText(`You already have ${perUserImports} imports in progress`);

    // Meanwhile, other users' requests, ten at a time, each answered 2xx within 2 s.
    const calls: { name: string; send: (signal: AbortSignal) => Promise<Response> }[] = [];
    for (let index = 0; index < otherRequests; index++) {
      const customer = customers[index % customers.length];
      const kind = index % 5;
      if (kind === 3) calls.push({ name: "GET /api/health/ready", send: (signal) => fetch(new URL("/api/health/ready", baseURL), { signal }) });
      else if (kind === 4)
        calls.push({
          name: "POST /api/v1/auth/token",
          send: (signal) =>
            fetch(new URL("/api/v1/auth/token", baseURL), {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(index % 10 === 4 ? admin : { login: customer.email, password: customer.password }),
              signal,
            }),
        });
      else
        calls.push({
          name: "GET /api/v1/wallets",
          send: (signal) => fetch(new URL("/api/v1/wallets", baseURL), { headers: { authorization: `Bearer ${customer.token}` }, signal }),
        });
    }
    const slow: string[] = [];
    for (let start = 0; start < calls.length; start += 10) {
      await Promise.all(
        calls.slice(start, start + 10).map(async (call) => {
          const began = Date.now();
          try {
            const response = await call.send(AbortSignal.timeout(answerWithinMs));
            await response.arrayBuffer();
            const took = Date.now() - began;
            if (response.status < 200 || response.status > 299 || took > answerWithinMs) slow.push(`${call.name}: ${response.status} in ${took} ms`);
          } catch (error) {
            slow.push(`${call.name}: ${(error as Error).name} after ${Date.now() - began} ms`);
          }
        }),
      );
    }
    expect(slow).toEqual([]);

    // The uploads let in are still stalled, then end with 408 once the idle limit has passed.
    expect(pending.size).toBe(perUserImports);
    const admitted = await within(Promise.all([...pending]), (idleSeconds + 10) * 1000, "the admitted stalled uploads");
    for (const outcome of admitted) {
      expect(outcome).toMatchObject({ status: 408, code: "REQUEST_TIMEOUT" });
      expect(outcome.endedAt - stalledAt).toBeGreaterThanOrEqual(idleSeconds * 1000 - 500);
      expect(outcome.endedAt - stalledAt).toBeLessThan((idleSeconds + 3) * 1000);
    }

    // Their slots are free again: the same analyst is admitted (and refused for the empty file, not busy).
    const next = await request.post("/api/v1/imports?filename=empty.csv", {
      headers: { authorization: `Bearer ${analystToken}`, "content-type": "text/csv" },
      data: "",
    });
    expect(next.status()).toBe(422);
  } finally {
    for (const upload of uploads) upload.socketClosed();
  }
});
