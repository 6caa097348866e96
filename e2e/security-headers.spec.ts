import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { admin, createUserInUi, signIn, signOut, uniqueEmail } from "./helpers";

const nonceOf = (policy: string) => /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'(;|$)/.exec(policy)?.[1];

function expectCommonHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["x-request-id"]).toMatch(/^[\w.:-]{8,128}$/);
}

test("a page gets a nonce policy, fresh on every request, that every script of the page carries", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  expectCommonHeaders(first);
  const policy = first.headers()["content-security-policy"];
  for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  const nonce = nonceOf(policy);
  expect(nonce).toBeTruthy();
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
  expect(second.headers()["x-request-id"]).not.toBe(first.headers()["x-request-id"]);

  const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);

  // Requests are upgraded to https only on a page that came over https.
  expect(policy).not.toContain("upgrade-insecure-requests");
  const overHttps = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
});

test("an API answer gets the headers and a policy that loads nothing; a sane request id is kept, another replaced", async ({ request }) => {
  const response = await request.get("/api/v1/wallets", { headers: { "x-request-id": "lb-4f2a9c1e77" } });
  expect(response.status()).toBe(401);
  expectCommonHeaders(response);
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers()["x-request-id"]).toBe("lb-4f2a9c1e77");

  const forged = await request.get("/api/v1/wallets", { headers: { "x-request-id": 'x" injected="yes' } });
  expect(forged.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  // The import upload bypasses the proxy (its body streams): the route itself names the request.
  const imports = await request.get("/api/v1/imports");
  expect(imports.status()).toBe(401);
  expectCommonHeaders(imports);
  expect(imports.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
});

test("over http the session cookie is HttpOnly and SameSite=Lax, and not Secure (it could never come back)", async ({ page }) => {
  await signIn(page, admin.login, admin.password);
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name === "authjs.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  expect(cookies.some((cookie) => cookie.name.startsWith("__Secure-"))).toBe(false);
});

test("behind a TLS proxy (X-Forwarded-Proto: https) the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax", async ({ request }) => {
  const overHttps = { "x-forwarded-proto": "https" };
  const csrf = await request.get("/api/auth/csrf", { headers: overHttps });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headersArray().find((header) => header.name.toLowerCase() === "set-cookie" && header.value.startsWith("__Host-authjs.csrf-token="));
  expect(csrfCookie?.value).toContain("Secure");

  const signedIn = await request.post("/api/auth/callback/credentials", {
    headers: { ...overHttps, cookie: csrfCookie!.value.split(";")[0] },
    form: { csrfToken, login: admin.login, password: admin.password },
    maxRedirects: 0,
  });
  expect(signedIn.status()).toBe(302);
  const setCookies = signedIn.headersArray().filter((header) => header.name.toLowerCase() === "set-cookie").map((header) => header.value);
  const session = setCookies.find((cookie) => cookie.startsWith("__Secure-authjs.session-token="));
  expect(session).toBeDefined();
  const attributes = session!.split(";").map((attribute) => attribute.trim().toLowerCase());
  expect(attributes).toEqual(expect.arrayContaining(["httponly", "secure", "samesite=lax", "path=/"]));
});

/** Collects every Content-Security-Policy violation the page reports, from the console and the DOM event. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => violations.push(`${page.url()}: ${error.message}`));
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

/** Opens a page and waits until Next's scripts have run, which a blocked script would prevent. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.evaluate(() => typeof (window as { next?: unknown }).next)).toBe("object");
}

test("staff and wallet pages run their scripts with no policy violation", async ({ page }) => {
  test.setTimeout(90_000);
  const violations = watchViolations(page);
  for (const path of ["/login", "/docs/api"]) await visit(page, path);
  await signIn(page, admin.login, admin.password);
  for (const path of ["/dashboard", "/analysis", "/users"]) await visit(page, path);
  const email = uniqueEmail("csp");
  const password = await createUserInUi(page, { name: "Cora Policy", email, role: "Customer" });
  await signOut(page);

  await signIn(page, email, password);
  for (const path of ["/wallet", "/wallet/send"]) await visit(page, path);
  // The send form answers in place, through React, not by a full page load: a marker on the window survives.
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
  await page.getByLabel("To (email or account number)").fill("nobody@ledgerwatch.test");
  await page.getByLabel("Amount (BRL)").fill("1.00");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.locator("#to-error, #amount-error").first()).toBeVisible();
  expect(await page.evaluate(() => "stillThisPage" in window)).toBe(true);
  expect(violations).toEqual([]);
});
