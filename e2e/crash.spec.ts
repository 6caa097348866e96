import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import type postgres from "postgres";
import { connectDatabase } from "../db/client";
import { checkIntegrity } from "../lib/ledger/integrity";
import { startProductionServer } from "../scripts/production-server";
import { admin, uniqueEmail } from "./helpers";

const root = path.resolve(import.meta.dirname, "..");
const serverEnv: Record<string, string> = JSON.parse(readFileSync(path.join(root, ".data", "e2e-server.json"), "utf8"));
const day = "2020-12-31";
const rows = 200_000;
const file = Buffer.from(
  Array.from({ length: rows }, (_, index) => `BANCO ${index % 17},0001,${String(index).padStart(6, "0")}-1,BANCO B,0002,00002-2,${(index % 9000) + 1}.25,${day}T10:00:00`).join("\n"),
);
const customerCount = 6;
const funding = "100.00";
const inFlight = 12;
const acknowledgedBeforeKill = 30;
// Beside the main e2e server's port, so runs on other ports don't collide.
const killablePort = Number(process.env.E2E_PORT ?? 3210) + 10;

type Customer = { userId: string; token: string; walletId: string; accountNumber: string };
type TransferResult = { id: string; debited: { amount: string }; credited: { amount: string }; fee: { amount: string } };
type Answer = { status: number; body: Partial<TransferResult> & { error?: { code: string } } };
/** One transfer the test asked for, and what came of it: `answer` stays null when none came. */
type Attempt = { key: string; from: number; to: number; amount: string; answer: Answer | null; retried?: Answer };

/** 2-place decimal strings (BRL) as minor units, so sums are exact. */
const minor = (amount: string) => BigInt(amount.replace(".", ""));

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A production server on the e2e database that this test can kill, in its own process group.
 * Rate limits are lifted: the test sends bursts from one address and one token per customer.
 */
async function startKillableServer(port: number) {
  const child = await startProductionServer({
    port,
    env: { ...process.env, ...serverEnv, RATE_LIMIT_IP_PER_MINUTE: "1000000", RATE_LIMIT_TOKEN_PER_MINUTE: "1000000" },
    stdio: "ignore",
    detached: true,
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    ready: () => waitFor(async () => ((await fetch(`${origin}/login`)).ok ? true : undefined), "the second server"),
    kill() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    },
  };
}

/** Sessions other than this one running an import's COPY. */
async function importsCopying(sql: postgres.Sql): Promise<number> {
  const [{ copying }] = await sql`
    select count(*)::int as copying from pg_stat_activity
    where pid <> pg_backend_pid() and query ilike '%copy transactions (%' and state = 'active'`;
  return copying;
}

/** Sessions waiting for a row lock on a wallet. */
async function transfersWaitingForLock(sql: postgres.Sql): Promise<number> {
  const [{ waiting }] = await sql`
    select count(*)::int as waiting from pg_stat_activity
    where wait_event_type = 'Lock' and query ilike '%from ledger_accounts%for update%'`;
  return waiting;
}

/** Client sessions other than this one that are working or inside a transaction (the main server's pool sits idle). */
async function busySessions(sql: postgres.Sql): Promise<number> {
  const [{ busy }] = await sql`
    select count(*)::int as busy from pg_stat_activity
    where pid <> pg_backend_pid() and backend_type = 'client backend' and state is distinct from 'idle'`;
  return busy;
}

async function apiToken(request: APIRequestContext, login: string, password: string): Promise<string> {
  const response = await request.post("/api/v1/auth/token", { data: { login, password } });
  expect(response.status()).toBe(201);
  return (await response.json()).token;
}

/** A new customer with a BRL wallet the payment provider funded with `funding`, through the main server. */
async function fundedCustomer(request: APIRequestContext, adminToken: string): Promise<Customer> {
  const email = uniqueEmail("crash");
  const created = await request.post("/api/v1/users", {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { name: "Crash Customer", email, role: "customer" },
  });
  expect(created.status()).toBe(201);
  const { user, password } = await created.json();
  const token = await apiToken(request, email, password);
  const wallets = await request.get("/api/v1/wallets", { headers: { authorization: `Bearer ${token}` } });
  const [wallet] = (await wallets.json()).data;
  const deposit = await request.post("/api/v1/provider/deposits", {
    headers: { authorization: `Bearer ${serverEnv.PAYMENT_PROVIDER_KEY}`, "idempotency-key": randomUUID() },
    data: { accountNumber: wallet.accountNumber, amount: funding, currency: "BRL", reference: `crash-${randomUUID()}` },
  });
  expect(deposit.status()).toBe(201);
  return { userId: user.id, token, walletId: wallet.id, accountNumber: wallet.accountNumber };
}

/** A random transfer between two different customers; every eighth asks for more than anyone holds. */
function plannedTransfer(index: number): Omit<Attempt, "answer"> {
  const from = Math.floor(Math.random() * customerCount);
  const to = (from + 1 + Math.floor(Math.random() * (customerCount - 1))) % customerCount;
  const cents = index % 8 === 7 ? 100_000 : 1 + Math.floor(Math.random() * 4_000);
  return { key: randomUUID(), from, to, amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}` };
}

/** POST /api/v1/transfers; null when no whole answer came back. */
async function send(origin: string, customers: Customer[], attempt: Omit<Attempt, "answer">): Promise<Answer | null> {
  try {
    const response = await fetch(`${origin}/api/v1/transfers`, {
      method: "POST",
      headers: { authorization: `Bearer ${customers[attempt.from].token}`, "content-type": "application/json", "idempotency-key": attempt.key },
      body: JSON.stringify({ from: customers[attempt.from].walletId, to: customers[attempt.to].accountNumber, amount: attempt.amount }),
    });
    return { status: response.status, body: await response.json() };
  } catch {
    return null;
  }
}

const isRefusedForFunds = (answer: Answer | null | undefined) => answer?.status === 422 && answer.body.error?.code === "INSUFFICIENT_FUNDS";

test("a server killed under transfers and a large import keeps every acknowledged transfer, moves nothing else and leaves nothing of the import", async ({ request }) => {
  test.setTimeout(120_000);
  const server = await startKillableServer(killablePort);
  // One connection for queries, one holding the import's table, one holding a wallet.
  const connection = connectDatabase(serverEnv.DATABASE_URL, { max: 3 });
  const sql = connection.db.$client;
  try {
    const adminToken = await apiToken(request, admin.login, admin.password);
    const [customers] = await Promise.all([
      Promise.all(Array.from({ length: customerCount }, () => fundedCustomer(request, adminToken))),
      server.ready(),
    ]);

    // The server takes the whole file before it writes anything; its COPY then waits on a lock
    // this test holds, so the import is certainly mid-transaction at the kill.
    const importLock = await sql.reserve();
    await importLock`begin`;
    await importLock`lock table transactions in share mode`;
    const upload = http.request(`${server.origin}/api/v1/imports?filename=crash.csv`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv", "content-length": file.length },
    });
    upload.on("error", () => {});
    upload.end(file);
    await waitFor(async () => ((await importsCopying(sql)) > 0 ? true : undefined), "the import's COPY to be running");

    // Transfers, `inFlight` at a time, until the kill.
    const attempts: Attempt[] = [];
    let sending = true;
    const senders = Array.from({ length: inFlight }, async () => {
      while (sending) {
        const attempt: Attempt = { ...plannedTransfer(attempts.length), answer: null };
        attempts.push(attempt);
        attempt.answer = await send(server.origin, customers, attempt);
      }
    });
    const acknowledged = () => attempts.filter((attempt) => attempt.answer?.status === 201).length;
    await waitFor(async () => (acknowledged() >= acknowledgedBeforeKill ? true : undefined), `${acknowledgedBeforeKill} acknowledged transfers`);
    expect(await importsCopying(sql)).toBeGreaterThan(0);

    // Hold the first customer's wallet so the transfers that touch it wait inside their transaction:
    // on a fast machine every transfer could otherwise be answered by the time of the kill.
    const walletLock = await sql.reserve();
    await walletLock`begin`;
    await walletLock`select id from ledger_accounts where id = ${customers[0].walletId} for update`;
    await waitFor(async () => ((await transfersWaitingForLock(sql)) > 0 ? true : undefined), "a transfer to wait for the held wallet");

    sending = false;
    server.kill();
    upload.destroy();
    await walletLock`rollback`;
    walletLock.release();
    await importLock`rollback`;
    importLock.release();
    await Promise.all(senders);
    await waitFor(async () => ((await busySessions(sql)) === 0 ? true : undefined), "the killed server's sessions to end");

    const unanswered = attempts.filter((attempt) => attempt.answer === null);
    const unexpected = attempts.filter((attempt) => attempt.answer && attempt.answer.status !== 201 && !isRefusedForFunds(attempt.answer));
    expect(unexpected.map((attempt) => attempt.answer)).toEqual([]);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(attempts.filter((attempt) => isRefusedForFunds(attempt.answer)).length).toBeGreaterThan(0);

    // Nothing of the import is left.
    const [{ imported }] = await sql`select count(*)::int as imported from imports where transactions_date = ${day}`;
    const [{ stored }] = await sql`select count(*)::int as stored from transactions where occurred_at >= ${day}::date and occurred_at < ${day}::date + 1`;
    expect({ imported, stored }).toEqual({ imported: 0, stored: 0 });

    // Every acknowledged transfer is there, with its amounts.
    for (const attempt of attempts.filter((attempt) => attempt.answer?.status === 201)) {
      const result = attempt.answer!.body as TransferResult;
      const [row] = await sql`
        select from_account_id, to_account_id, debit_amount::text, credit_amount::text, fee_amount::text
        from ledger_transfers where id = ${result.id} and kind = 'transfer' and status = 'completed'`;
      expect(row, `acknowledged transfer ${result.id}`).toEqual({
        from_account_id: customers[attempt.from].walletId,
        to_account_id: customers[attempt.to].walletId,
        debit_amount: String(minor(result.debited.amount)),
        credit_amount: String(minor(result.credited.amount)),
        fee_amount: String(minor(result.fee.amount)),
      });
    }

    // After a restart, each unanswered transfer retried with its key: one that committed answers
    // as it did (the same transfer), one that didn't is applied now.
    const restarted = await startKillableServer(killablePort);
    try {
      await restarted.ready();
      for (const attempt of unanswered) {
        const [committed] = await sql`
          select response->>'id' as id from idempotency_keys where scope = ${`user:${customers[attempt.from].userId}`} and key = ${attempt.key}`;
        attempt.retried = (await send(restarted.origin, customers, attempt)) ?? undefined;
        if (committed) expect(attempt.retried).toMatchObject({ status: 201, body: { id: committed.id } });
        else expect(attempt.retried?.status === 201 || isRefusedForFunds(attempt.retried), JSON.stringify(attempt.retried)).toBe(true);
      }

      // Every transfer that went through exists once, and the balances are the funding plus their
      // effects as the answers told them: nothing else moved.
      const succeeded = attempts
        .map((attempt) => ({ attempt, answer: attempt.retried ?? attempt.answer! }))
        .filter(({ answer }) => answer.status === 201)
        .map(({ attempt, answer }) => ({ attempt, result: answer.body as TransferResult }));
      const expected = customers.map(() => minor(funding));
      for (const { attempt, result } of succeeded) {
        expected[attempt.from] -= minor(result.debited.amount) + minor(result.fee.amount);
        expected[attempt.to] += minor(result.credited.amount);
      }
      const walletIds = customers.map((customer) => customer.walletId);
      const booked = await sql`
        select id, kind from ledger_transfers
        where from_account_id = any(${walletIds}::uuid[]) or to_account_id = any(${walletIds}::uuid[])`;
      expect(booked.filter((row) => row.kind === "transfer").map((row) => row.id).sort()).toEqual(succeeded.map(({ result }) => result.id).sort());
      expect(booked.filter((row) => row.kind !== "transfer").map((row) => row.kind)).toEqual(customers.map(() => "deposit"));
      const balances = await sql`select id, balance::text from ledger_accounts where id = any(${walletIds}::uuid[])`;
      const balanceOf = new Map(balances.map((row) => [row.id as string, row.balance as string]));
      expect(walletIds.map((id) => balanceOf.get(id))).toEqual(expected.map(String));

      const integrity = await checkIntegrity(connection.db);
      expect(integrity.checks.filter((check) => !check.ok)).toEqual([]);

      // The same file, whole, imports cleanly on the restarted server.
      const response = await fetch(`${restarted.origin}/api/v1/imports?filename=crash.csv`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv" },
        body: file,
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ transactionsDate: day, imported: rows, ignoredCount: 0 });
    } finally {
      restarted.kill();
    }
  } finally {
    server.kill();
    await connection.close();
  }
});
