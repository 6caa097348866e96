import { expect, test } from "@playwright/test";
import { admin, createUserInUi, refusedSignIn, signIn, uniqueEmail } from "./helpers";

test("an admin deletes a signed-in user, whose next page load goes to sign-in", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const userPage = await (await browser.newContext()).newPage();
  const email = uniqueEmail("doomed");

  await signIn(adminPage, admin.login, admin.password);
  const password = await createUserInUi(adminPage, { name: "Dora Doomed", email, role: "Analyst" });

  await signIn(userPage, email, password);
  await expect(userPage).toHaveURL(/\/dashboard$/);

  await adminPage.getByRole("link", { name: "Dora Doomed" }).click();
  adminPage.once("dialog", (dialog) => dialog.accept());
  await adminPage.getByRole("button", { name: "Delete user" }).click();
  await expect(adminPage.getByText("The user was deleted and signed out.")).toBeVisible();
  await expect(adminPage.getByRole("cell", { name: email })).toHaveCount(0);

  await userPage.reload();
  await expect(userPage).toHaveURL(/\/login/);
  await expect(await refusedSignIn(userPage, email, password)).toHaveText("Wrong login or password.");
});

test("a customer can't open staff pages or call staff actions", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const customerContext = await browser.newContext();
  const customerPage = await customerContext.newPage();
  const email = uniqueEmail("customer");

  await signIn(adminPage, admin.login, admin.password);
  const password = await createUserInUi(adminPage, { name: "Cleo Customer", email, role: "Customer" });

  await signIn(customerPage, email, password);
  await expect(customerPage).toHaveURL(/\/wallet$/);
  for (const path of ["/dashboard", "/users", "/audit", "/outbox", "/analysis", "/analysis/transactions", "/settings/thresholds"]) {
    await customerPage.goto(path);
    await expect(customerPage).toHaveURL(/\/wallet$/);
  }

  // Capture the real "create user" server action request the admin's page sends...
  await adminPage.goto("/users");
  const form = adminPage.getByRole("region", { name: "New user" });
  await form.getByLabel("Name").fill("Admin Made");
  await form.getByLabel("Email").fill(uniqueEmail("admin-made"));
  const [actionRequest] = await Promise.all([
    adminPage.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
    form.getByRole("button", { name: "Create user" }).click(),
  ]);

  // ...and replay it with the customer's session: the action must refuse it.
  const intruderEmail = uniqueEmail("intruder");
  const body = actionRequest.postData()!.replace(/admin-made-[^"\\]+@ledgerwatch\.test/, intruderEmail);
  const response = await customerContext.request.post(actionRequest.url(), {
    headers: {
      "next-action": actionRequest.headers()["next-action"],
      "content-type": actionRequest.headers()["content-type"],
      accept: "text/x-component",
      origin: new URL(actionRequest.url()).origin,
    },
    data: body,
  });
  expect(await response.text()).toContain("You don't have permission to do this.");

  await adminPage.goto(`/users?search=${encodeURIComponent(intruderEmail)}`);
  await expect(adminPage.getByText("No user matches these filters.")).toBeVisible();
});

test("staff API endpoints refuse a customer's token and anonymous calls", async ({ request, browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const email = uniqueEmail("api-customer");
  await signIn(adminPage, admin.login, admin.password);
  const password = await createUserInUi(adminPage, { name: "Api Customer", email, role: "Customer" });

  const anonymous = await request.get("/api/v1/users");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe("UNAUTHORIZED");

  const tokenResponse = await request.post("/api/v1/auth/token", { data: { login: email, password } });
  expect(tokenResponse.status()).toBe(201);
  const { token } = await tokenResponse.json();
  for (const path of ["/api/v1/users", "/api/v1/analysis?month=2022-01", "/api/v1/analysis/export?month=2022-01&section=accounts"]) {
    const forbidden = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
    expect(forbidden.status()).toBe(403);
    expect((await forbidden.json()).error.code).toBe("FORBIDDEN");
    expect((await request.get(path)).status()).toBe(401);
  }
});

test("an analyst reads the analysis but can't change the thresholds", async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  const analystContext = await browser.newContext();
  const analystPage = await analystContext.newPage();
  const email = uniqueEmail("thresholds-analyst");
  await signIn(adminPage, admin.login, admin.password);
  const password = await createUserInUi(adminPage, { name: "Tess Analyst", email, role: "Analyst" });

  await signIn(analystPage, email, password);
  await analystPage.goto("/analysis");
  await expect(analystPage.getByRole("heading", { name: /^Analysis/ })).toBeVisible();
  await expect(analystPage.getByRole("link", { name: "Change thresholds" })).toHaveCount(0);
  await analystPage.goto("/settings/thresholds");
  await expect(analystPage).not.toHaveURL(/\/settings\/thresholds/);

  // Replay the admin's real "save thresholds" action with the analyst's session: refused.
  await adminPage.goto("/settings/thresholds");
  const [actionRequest] = await Promise.all([
    adminPage.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"])),
    adminPage.getByRole("button", { name: "Save as a new version" }).click(),
  ]);
  await expect(adminPage.getByText(/Saved as version \d+/)).toBeVisible();
  const response = await analystContext.request.post(actionRequest.url(), {
    headers: {
      "next-action": actionRequest.headers()["next-action"],
      "content-type": actionRequest.headers()["content-type"],
      accept: "text/x-component",
      origin: new URL(actionRequest.url()).origin,
    },
    data: actionRequest.postData()!,
  });
  expect(await response.text()).toContain("You don't have permission to do this.");
});
