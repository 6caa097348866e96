import { expect, test, type APIRequestContext } from "@playwright/test";
import { admin, uniqueEmail } from "./helpers";

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/auth/token", { data: admin });
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body.tokenType).toBe("Bearer");
  expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
  return body.token;
}

test("an onboarding system provisions, lists, edits and deletes users with a bearer token", async ({ request }) => {
  const headers = { authorization: `Bearer ${await adminToken(request)}` };
  const email = uniqueEmail("provisioned");

  const created = await request.post("/api/v1/users", { headers, data: { name: "Pat Provisioned", email, role: "customer" } });
  expect(created.status()).toBe(201);
  const { user, password } = await created.json();
  expect(password).toMatch(/^\d{6}$/);
  expect(user).toMatchObject({ name: "Pat Provisioned", email, role: "customer", locked: false });

  const duplicate = await request.post("/api/v1/users", { headers, data: { name: "Again", email, role: "customer" } });
  expect(duplicate.status()).toBe(409);
  expect((await duplicate.json()).error.code).toBe("EMAIL_TAKEN");

  const invalid = await request.post("/api/v1/users", { headers, data: { name: "", email: "not-an-email", role: "boss" } });
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).error.code).toBe("VALIDATION_FAILED");

  const listed = await request.get(`/api/v1/users?search=${encodeURIComponent(email)}`, { headers });
  const list = await listed.json();
  expect(list.total).toBe(1);
  expect(list.data[0].id).toBe(user.id);

  const patched = await request.patch(`/api/v1/users/${user.id}`, { headers, data: { name: "Pat Renamed", role: "analyst" } });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).user).toMatchObject({ name: "Pat Renamed", role: "analyst" });

  // The provisioned user signs in through the API with the password from the response.
  const userToken = await request.post("/api/v1/auth/token", { data: { login: email, password } });
  expect(userToken.status()).toBe(201);

  expect((await request.delete(`/api/v1/users/${user.id}`, { headers })).status()).toBe(204);
  expect((await request.get(`/api/v1/users/${user.id}`, { headers })).status()).toBe(404);
  expect((await request.delete(`/api/v1/users/not-a-uuid`, { headers })).status()).toBe(404);

  // Deleting the user ends the token it had.
  const { token } = await userToken.json();
  const afterDelete = await request.get("/api/v1/users", { headers: { authorization: `Bearer ${token}` } });
  expect(afterDelete.status()).toBe(401);
});

test("the token endpoint applies the sign-in lockout, to an unknown login exactly as to a known one", async ({ request }) => {
  const headers = { authorization: `Bearer ${await adminToken(request)}` };
  const email = uniqueEmail("api-locked");
  const { password } = await (await request.post("/api/v1/users", { headers, data: { name: "Lee", email, role: "customer" } })).json();
  const wrong = password === "000000" ? "111111" : "000000";

  // Five wrong passwords, then the right one: what each answer says, status and code.
  const answers = async (login: string) => {
    const seen: string[] = [];
    for (const tried of [wrong, wrong, wrong, wrong, wrong, password]) {
      const response = await request.post("/api/v1/auth/token", { data: { login, password: tried } });
      seen.push(`${response.status()} ${(await response.json()).error?.code}`);
    }
    return seen;
  };
  const known = await answers(email);
  expect(known).toEqual([...Array(4).fill("401 UNAUTHORIZED"), "423 ACCOUNT_LOCKED", "423 ACCOUNT_LOCKED"]);
  expect(await answers(uniqueEmail("api-nobody"))).toEqual(known);
});

test("a malformed body gets a JSON validation error, not a crash", async ({ request }) => {
  const response = await request.post("/api/v1/auth/token", { headers: { "content-type": "application/json" }, data: "{not json" });
  expect(response.status()).toBe(422);
  expect((await response.json()).error.code).toBe("VALIDATION_FAILED");
});

test("an API sign-in renews with its refresh token once; a replayed refresh token ends the whole sign-in", async ({ request }) => {
  const email = uniqueEmail("refresher");
  const created = await request.post("/api/v1/users", { headers: { authorization: `Bearer ${await adminToken(request)}` }, data: { name: "Rae Refresher", email, role: "customer" } });
  const { password } = await created.json();
  const signedIn = await (await request.post("/api/v1/auth/token", { data: { login: email, password } })).json();
  // A short-lived access token: minutes, not hours.
  expect(new Date(signedIn.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000);

  const renewed = await request.post("/api/v1/auth/refresh", { data: { refreshToken: signedIn.refreshToken } });
  expect(renewed.status()).toBe(201);
  const pair = await renewed.json();
  const wallets = (token: string) => request.get("/api/v1/wallets", { headers: { authorization: `Bearer ${token}` } });
  expect((await wallets(pair.token)).status()).toBe(200);

  const replayed = await request.post("/api/v1/auth/refresh", { data: { refreshToken: signedIn.refreshToken } });
  expect(replayed.status()).toBe(401);
  expect(await replayed.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  expect((await wallets(pair.token)).status()).toBe(401);
  expect((await request.post("/api/v1/auth/refresh", { data: { refreshToken: pair.refreshToken } })).status()).toBe(401);
});
