import type postgres from "postgres";
import { monthRange } from "@/lib/analysis/month";

export type BenchThresholds = { version: number; transaction: bigint; account: bigint; branch: bigint };

/** The thresholds in force (the latest version), read as the app reads them but with plain SQL. */
export async function thresholdsInForce(sql: postgres.Sql): Promise<BenchThresholds> {
  const [row] = await sql`
    select version, transaction_amount::text as transaction, account_total::text as account, branch_total::text as branch
    from threshold_versions order by version desc limit 1`;
  if (!row) throw new Error("no threshold_versions row: have the migrations run?");
  return { version: row.version as number, transaction: BigInt(row.transaction), account: BigInt(row.account), branch: BigInt(row.branch) };
}

/** What one timed call found: how many rows, and whatever the checks afterwards need. */
export type Outcome = { rows: number; bytes?: number; facts?: Record<string, unknown> };
export type Probe = { key: string; label: string; run: () => Promise<Outcome> };
export type Series = { key: string; label: string; runs: number[]; outcome?: Outcome; error?: string };

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs every probe once per round, round after round, so that a burst of other work on the
 * machine falls on all of them alike rather than on whichever ran then. The first `warmUps`
 * rounds are not kept. A probe that throws is not run again.
 */
export async function measureRounds(probes: Probe[], warmUps: number, runs: number, log: (line: string) => void): Promise<Series[]> {
  const series: Series[] = probes.map((probe) => ({ key: probe.key, label: probe.label, runs: [] }));
  for (let round = 0; round < warmUps + runs; round++) {
    const timings: string[] = [];
    for (const [index, probe] of probes.entries()) {
      const entry = series[index];
      if (entry.error) continue;
      const started = performance.now();
      try {
        const outcome = await probe.run();
        const seconds = (performance.now() - started) / 1000;
        entry.outcome = outcome;
        if (round >= warmUps) entry.runs.push(seconds);
        timings.push(`${probe.key} ${seconds.toFixed(3)}`);
      } catch (error) {
        entry.error = (error as Error).message;
        timings.push(`${probe.key} failed`);
      }
    }
    log(`${round < warmUps ? "warm-up" : `run ${round - warmUps + 1}/${runs}`}: ${timings.join(", ")} s`);
  }
  return series;
}

// ---- The reference: the three aggregates as plain SQL on `transactions` ------------------------

/**
 * The plain SQL answers to the analysis of `month`, sent straight through postgres.js (no
 * drizzle, no app code), each straight off the raw `transactions` table.
 */
export function referenceProbes(sql: postgres.Sql, month: string, thresholds: BenchThresholds): Probe[] {
  const { start, end } = monthRange(month);
  return [
    {
      key: "sql-transactions",
      label: "suspicious transactions",
      run: async () => {
        const rows = await sql`
          select id, origin_bank, origin_branch, origin_account, destination_bank, destination_branch, destination_account,
            amount, currency, occurred_at
          from transactions
          where occurred_at >= ${start} and occurred_at < ${end} and amount >= ${thresholds.transaction.toString()}
          order by amount desc, id`;
        return { rows: rows.length, facts: { topAmount: rows[0]?.amount as string | undefined } };
      },
    },
    {
      key: "sql-accounts",
      label: "suspicious accounts",
      run: async () => {
        const rows = await sql`
          select 'out' as direction, origin_bank as bank, origin_branch as branch, origin_account as account,
            sum(amount) as total, count(*) as count
          from transactions where occurred_at >= ${start} and occurred_at < ${end}
          group by origin_bank, origin_branch, origin_account having sum(amount) >= ${thresholds.account.toString()}
          union all
          select 'in', destination_bank, destination_branch, destination_account, sum(amount), count(*)
          from transactions where occurred_at >= ${start} and occurred_at < ${end}
          group by destination_bank, destination_branch, destination_account having sum(amount) >= ${thresholds.account.toString()}`;
        return { rows: rows.length, facts: directionFacts(rows) };
      },
    },
    {
      key: "sql-branches",
      label: "suspicious branches",
      run: async () => {
        const rows = await sql`
          select 'out' as direction, origin_bank as bank, origin_branch as branch, sum(amount) as total, count(*) as count
          from transactions where occurred_at >= ${start} and occurred_at < ${end}
          group by origin_bank, origin_branch having sum(amount) >= ${thresholds.branch.toString()}
          union all
          select 'in', destination_bank, destination_branch, sum(amount), count(*)
          from transactions where occurred_at >= ${start} and occurred_at < ${end}
          group by destination_bank, destination_branch having sum(amount) >= ${thresholds.branch.toString()}`;
        return { rows: rows.length, facts: directionFacts(rows) };
      },
    },
  ];
}

/** Rows per direction and the largest total (in minor units, as text). */
function directionFacts(rows: readonly postgres.Row[]) {
  let top = -1n;
  for (const row of rows) if (BigInt(row.total as string) > top) top = BigInt(row.total as string);
  return {
    sent: rows.filter((row) => row.direction === "out").length,
    received: rows.filter((row) => row.direction === "in").length,
    topTotal: top >= 0n ? top.toString() : undefined,
  };
}

// ---- The app: the API and the page of `next start` ---------------------------------------------

type ApiReport = { transactions?: { amount: string }[]; accounts?: unknown[]; branches?: unknown[] };

/** GET /api/v1/analysis?month= with a bearer token, the whole body read and parsed. */
export function apiProbe(origin: string, token: string, month: string): Probe {
  return {
    key: "api",
    label: "GET /api/v1/analysis",
    run: async () => {
      const response = await fetch(`${origin}/api/v1/analysis?month=${month}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200).replace(/\s+/g, " ")}`);
      const body = JSON.parse(text) as ApiReport;
      if (!Array.isArray(body.transactions) || !Array.isArray(body.accounts) || !Array.isArray(body.branches)) {
        throw new Error(`unexpected body: ${text.slice(0, 200)}`);
      }
      return {
        rows: body.transactions.length + body.accounts.length + body.branches.length,
        bytes: Buffer.byteLength(text),
        facts: {
          transactions: body.transactions.length,
          accounts: body.accounts.length,
          branches: body.branches.length,
          topAmount: body.transactions[0]?.amount,
        },
      };
    },
  };
}

/** GET /analysis?month= signed in, the whole HTML read; `expected` are texts it must contain. */
export function pageProbe(origin: string, cookie: string, month: string, expected: Record<string, string>): Probe {
  return {
    key: "page",
    label: "GET /analysis (page)",
    run: async () => {
      const response = await fetch(`${origin}/analysis?month=${month}`, { headers: { cookie }, redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200) {
        const location = response.headers.get("location");
        throw new Error(`HTTP ${response.status}${location ? ` to ${location}` : ""}: ${html.slice(0, 200).replace(/\s+/g, " ")}`);
      }
      const missing = Object.entries(expected)
        .filter(([, text]) => !html.includes(text))
        .map(([name, text]) => `${name} "${text}"`);
      return { rows: 0, bytes: Buffer.byteLength(html), facts: { missing } };
    },
  };
}

// ---- Signing in to the pages (next-auth credentials) -------------------------------------------

/** Signs in through next-auth's credentials callback, as the login form does; returns the Cookie header. */
export async function signInSession(origin: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const split = pair.indexOf("=");
      const [name, value] = [pair.slice(0, split).trim(), pair.slice(split + 1).trim()];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  const csrf = await fetch(`${origin}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error(`GET /api/auth/csrf gave no csrfToken (HTTP ${csrf.status})`);
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, login, password, callbackUrl: `${origin}/` }),
  });
  keep(response);
  await response.arrayBuffer();
  if (![...jar.keys()].some((name) => name.includes("authjs.session-token"))) {
    throw new Error(`session sign-in failed: HTTP ${response.status} to ${response.headers.get("location") ?? "nowhere"}`);
  }
  return cookie();
}
