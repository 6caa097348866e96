import { expect, test } from "@playwright/test";
import { admin, createUserByApi, signIn, signOut, uniqueEmail } from "./helpers";

test("signing out ends the session on the server: a copy of its cookie opens neither the wallet nor the API", async ({ browser, request }) => {
  const email = uniqueEmail("copied-cookie");
  const password = await createUserByApi(request, { name: "Cora Copied", email, role: "customer" });
  const original = await browser.newContext();
  const page = await original.newPage();
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/wallet$/);

  const copy = await browser.newContext();
  await copy.addCookies(await original.cookies());
  const copied = await copy.newPage();
  await copied.goto("/wallet");
  await expect(copied).toHaveURL(/\/wallet$/);
  expect((await copy.request.get("/api/v1/wallets")).status()).toBe(200);

  await signOut(page);
  await copied.goto("/wallet");
  await expect(copied).toHaveURL(/\/login/);
  expect((await copy.request.get("/api/v1/wallets")).status()).toBe(401);

  // Another sign-in of the same person, elsewhere, is a session of its own and goes on.
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/wallet$/);
  await original.close();
  await copy.close();
});

test("a new role ends the user's sessions and API sign-ins at once", async ({ browser, request }) => {
  const email = uniqueEmail("promoted");
  const password = await createUserByApi(request, { name: "Pia Promoted", email, role: "analyst" });
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  const { token } = await (await request.post("/api/v1/auth/token", { data: { login: email, password } })).json();
  const asUser = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/imports", { headers: asUser })).status()).toBe(200);

  const { token: adminToken } = await (await request.post("/api/v1/auth/token", { data: admin })).json();
  const users = await (await request.get(`/api/v1/users?${new URLSearchParams({ search: email })}`, { headers: { authorization: `Bearer ${adminToken}` } })).json();
  const changed = await request.patch(`/api/v1/users/${users.data[0].id}`, { headers: { authorization: `Bearer ${adminToken}` }, data: { role: "admin" } });
  expect(changed.status()).toBe(200);

  expect((await request.get("/api/v1/imports", { headers: asUser })).status()).toBe(401);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});
