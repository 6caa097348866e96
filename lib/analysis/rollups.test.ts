// The monthly rollups (account_monthly_totals, branch_monthly_totals) and imports.total_amount:
// an import stores its total and leaves its rollups pending, applyPendingTotals adds them exactly
// once (as the import route does right after answering); refused files leave no trace, imports
// of the same month add up, and the rollups always equal the stored transactions' sums.
import { asc, count, eq, sql, sum } from "drizzle-orm";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { accountMonthlyTotals, branchMonthlyTotals, imports, transactions, users, type FlowDirection } from "@/db/schema";
import { ImportFileError } from "@/lib/imports/errors";
import { importTransactions, NothingToImportError, type ImportRequest } from "@/lib/imports/importer";
import { setupTestDatabase } from "@/test/database";
import { challengeFile as sample } from "@/test/fixtures/challenge";
import { dashboardFigures } from "./dashboard";
import { dailyVolume, suspiciousAccounts } from "./queries";
import { analysisReport } from "./report";
import { applyPendingTotals } from "./rollups";
import { currentThresholds } from "./thresholds";


const testDb = setupTestDatabase();
let actor: { id: string; label: string; ip: string };

beforeAll(async () => {
  const [user] = await testDb.db
    .insert(users)
    .values({ name: "Ana Analyst", email: "ana@ledgerwatch.test", role: "analyst", passwordHash: "x" })
    .returning({ id: users.id });
  actor = { id: user.id, label: "ana@ledgerwatch.test", ip: "127.0.0.1" };
});

async function* chunks(content: string | Uint8Array, size = 64): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

function request(content: string | Uint8Array, overrides: Partial<ImportRequest> = {}): ImportRequest {
  return { fileName: "file.csv", format: "csv", body: chunks(content), maxBytes: 1024 * 1024, ...overrides };
}

/** An import, then its monthly totals, as the import route does. */
async function run(content: string | Uint8Array, overrides: Partial<ImportRequest> = {}) {
  const summary = await importTransactions(testDb.db, actor, request(content, overrides));
  await applyPendingTotals(testDb.db);
  return summary;
}

async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

/** "1000000.00" → 100000000n, without floats. */
function cents(text: string): bigint {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
}

type Line = { origin: [string, string, string]; destination: [string, string, string]; amount: string; dateTime: string };
const csv = (lines: Line[]) => lines.map((l) => [...l.origin, ...l.destination, l.amount, l.dateTime].join(",")).join("\n");

// ---- Brute force over the lines a test imported -----------------------------------------------

type AccountTotal = { month: string; direction: FlowDirection; bank: string; branch: string; account: string; total: bigint; count: number };
type BranchTotal = Omit<AccountTotal, "account">;

function expectedTotals(lines: Line[]) {
  const accounts = new Map<string, AccountTotal>();
  const branches = new Map<string, BranchTotal>();
  for (const line of lines) {
    const month = `${line.dateTime.slice(0, 7)}-01`;
    for (const [direction, [bank, branch, account]] of [
      ["out", line.origin],
      ["in", line.destination],
    ] as const) {
      const a = accounts.get(JSON.stringify([month, direction, bank, branch, account])) ?? { month, direction, bank, branch, account, total: 0n, count: 0 };
      a.total += cents(line.amount);
      a.count += 1;
      accounts.set(JSON.stringify([month, direction, bank, branch, account]), a);
      const b = branches.get(JSON.stringify([month, direction, bank, branch])) ?? { month, direction, bank, branch, total: 0n, count: 0 };
      b.total += cents(line.amount);
      b.count += 1;
      branches.set(JSON.stringify([month, direction, bank, branch]), b);
    }
  }
  const key = (row: BranchTotal & { account?: string }) => [row.month, row.direction, row.bank, row.branch, row.account ?? ""].join("\u0000");
  const byKey = (a: BranchTotal & { account?: string }, b: BranchTotal & { account?: string }) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return { accounts: [...accounts.values()].sort(byKey), branches: [...branches.values()].sort(byKey) };
}

/** Everything the rollups and imports hold, in a fixed order. */
async function stored() {
  const a = accountMonthlyTotals;
  const b = branchMonthlyTotals;
  const [accounts, branches, importRows, [{ transactionCount }]] = await Promise.all([
    testDb.db.select().from(a).orderBy(asc(a.month), asc(a.direction), asc(a.bank), asc(a.branch), asc(a.account)),
    testDb.db.select().from(b).orderBy(asc(b.month), asc(b.direction), asc(b.bank), asc(b.branch)),
    testDb.db
      .select({ date: imports.transactionsDate, total: imports.totalAmount, count: imports.transactionCount })
      .from(imports)
      .orderBy(asc(imports.transactionsDate)),
    testDb.db.select({ transactionCount: count() }).from(transactions),
  ]);
  // Sorted in JS as expectedTotals sorts (the enum's order in, out is also the text's).
  const sortedAccounts = [...accounts].sort((x, y) => compareKeys([x.month, x.direction, x.bank, x.branch, x.account], [y.month, y.direction, y.bank, y.branch, y.account]));
  const sortedBranches = [...branches].sort((x, y) => compareKeys([x.month, x.direction, x.bank, x.branch, ""], [y.month, y.direction, y.bank, y.branch, ""]));
  return { accounts: sortedAccounts, branches: sortedBranches, imports: importRows, transactionCount };
}

function compareKeys(a: string[], b: string[]): number {
  const x = a.join("\u0000");
  const y = b.join("\u0000");
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The rollups recomputed by SQL from the stored transactions: they must always agree. */
async function recomputed() {
  const t = transactions;
  const month = sql<string>`to_char(date_trunc('month', ${t.occurredAt}), 'YYYY-MM-DD')`;
  const sides = [
    ["out", t.originBank, t.originBranch, t.originAccount],
    ["in", t.destinationBank, t.destinationBranch, t.destinationAccount],
  ] as const;
  const accounts: AccountTotal[] = [];
  const branches: BranchTotal[] = [];
  for (const [direction, bank, branch, account] of sides) {
    const rows = await testDb.db
      .select({ month, bank, branch, account, total: sum(t.amount).mapWith(BigInt), count: count() })
      .from(t)
      .groupBy(month, bank, branch, account);
    accounts.push(...rows.map((row) => ({ ...row, direction })));
    const branchRows = await testDb.db
      .select({ month, bank, branch, total: sum(t.amount).mapWith(BigInt), count: count() })
      .from(t)
      .groupBy(month, bank, branch);
    branches.push(...branchRows.map((row) => ({ ...row, direction })));
  }
  const importTotals = await testDb.db
    .select({ date: imports.transactionsDate, total: sql<bigint>`coalesce(sum(${t.amount}), 0)`.mapWith(BigInt) })
    .from(imports)
    .leftJoin(t, eq(t.importId, imports.id))
    .groupBy(imports.transactionsDate)
    .orderBy(asc(imports.transactionsDate));
  return {
    accounts: accounts.sort((x, y) => compareKeys([x.month, x.direction, x.bank, x.branch, x.account], [y.month, y.direction, y.bank, y.branch, y.account])),
    branches: branches.sort((x, y) => compareKeys([x.month, x.direction, x.bank, x.branch, ""], [y.month, y.direction, y.bank, y.branch, ""])),
    importTotals,
  };
}

async function expectRollupsToMatchTransactions() {
  const now = await stored();
  const truth = await recomputed();
  expect(now.accounts).toEqual(truth.accounts);
  expect(now.branches).toEqual(truth.branches);
  expect(now.imports.map(({ date, total }) => ({ date, total }))).toEqual(truth.importTotals);
}

const monthRows = <Row extends { month: string }>(rows: Row[], month: string) => rows.filter((row) => row.month === `${month}-01`);

// ---- The tests --------------------------------------------------------------------------------

const A1: [string, string, string] = ["BANK A", "0001", "00001-1"];
const A2: [string, string, string] = ["BANK A", "0001", "00002-2"];
const A3: [string, string, string] = ["BANK A", "0002", "00001-1"];
const B1: [string, string, string] = ["BANK B", "0001", "00001-1"];

const march10: Line[] = [
  { origin: A1, destination: B1, amount: "1000", dateTime: "2023-03-10T08:00:00" },
  { origin: A1, destination: B1, amount: "0.01", dateTime: "2023-03-10T09:00:00" },
  { origin: A1, destination: A2, amount: "250.5", dateTime: "2023-03-10T10:00:00" },
  { origin: B1, destination: A1, amount: "99.99", dateTime: "2023-03-10T11:00:00" },
  { origin: A3, destination: A2, amount: "79800.22", dateTime: "2023-03-10T12:00:00" },
];
const march20: Line[] = [
  { origin: A1, destination: B1, amount: "0.99", dateTime: "2023-03-20T08:00:00" },
  { origin: B1, destination: A1, amount: "100000.01", dateTime: "2023-03-20T09:00:00" },
  { origin: A2, destination: A3, amount: "5", dateTime: "2023-03-20T23:59:59" },
];

describe("one import", () => {
  it("creates the month's totals from its stored lines only, and imports.total_amount", async () => {
    // Two lines the importer ignores: a bad amount and a line of another day.
    const content = [
      csv(march10.slice(0, 3)),
      "BANK A,0001,00001-1,BANK B,0001,00001-1,12.345,2023-03-10T13:00:00",
      "BANK A,0001,00001-1,BANK B,0001,00001-1,777,2023-03-11T13:00:00",
      csv(march10.slice(3)),
    ].join("\n");
    const summary = await run(content);
    expect(summary).toMatchObject({ transactionsDate: "2023-03-10", imported: 5, ignoredCount: 2 });

    const now = await stored();
    const expected = expectedTotals(march10);
    expect(now.accounts).toEqual(expected.accounts);
    expect(now.branches).toEqual(expected.branches);
    expect(now.imports).toEqual([{ date: "2023-03-10", total: cents("81150.72"), count: 5 }]);
    // By hand: BANK A/0001/00001-1 sent 1000.00 + 0.01 + 250.50; branch BANK A/0001 sent that too
    // (00002-2 sent nothing), and BANK A/0001 received 250.50 + 79800.22 + 99.99.
    expect(now.accounts).toContainEqual({ month: "2023-03-01", direction: "out", bank: "BANK A", branch: "0001", account: "00001-1", total: cents("1250.51"), count: 3 });
    expect(now.branches).toContainEqual({ month: "2023-03-01", direction: "out", bank: "BANK A", branch: "0001", total: cents("1250.51"), count: 3 });
    expect(now.branches).toContainEqual({ month: "2023-03-01", direction: "in", bank: "BANK A", branch: "0001", total: cents("80150.71"), count: 3 });
    await expectRollupsToMatchTransactions();
  });

  it("the challenge's sample files: BANCO BRADESCO 0001 00001-1 received 111310.72 in 9 transfers on 2022-01-01", async () => {
    await run(sample("transacoes-2022-01-01.csv"), { fileName: "transacoes-2022-01-01.csv" });
    const [row] = await testDb.db
      .select()
      .from(accountMonthlyTotals)
      .where(sql`${accountMonthlyTotals.bank} = 'BANCO BRADESCO' and ${accountMonthlyTotals.direction} = 'in' and ${accountMonthlyTotals.month} = '2022-01-01'`);
    expect(row).toMatchObject({ branch: "0001", account: "00001-1", total: cents("111310.72"), count: 9 });
    const [day] = await testDb.db.select().from(imports).where(eq(imports.transactionsDate, "2022-01-01"));
    expect(day.totalAmount).toBe(cents("111322.22"));
    // The XML file of the next day adds to the same month.
    await run(sample("transacoes-2022-01-02.xml"), { format: "xml", fileName: "transacoes-2022-01-02.xml" });
    const [after] = await testDb.db
      .select()
      .from(accountMonthlyTotals)
      .where(sql`${accountMonthlyTotals.bank} = 'BANCO BRADESCO' and ${accountMonthlyTotals.direction} = 'in' and ${accountMonthlyTotals.month} = '2022-01-01'`);
    expect(after.count).toBeGreaterThan(9);
    expect(after.total).toBeGreaterThan(cents("111310.72"));
    await expectRollupsToMatchTransactions();
  });
});

describe("refused imports leave the rollups and imports.total_amount as they were", () => {
  let before: Awaited<ReturnType<typeof stored>>;

  beforeAll(async () => {
    before = await stored();
    expect(before.imports.map((row) => row.date)).toContain("2023-03-10");
  });

  it("a second file for an already imported day", async () => {
    const error = await refusal(run(csv(march20.map((line) => ({ ...line, dateTime: line.dateTime.replace("2023-03-20", "2023-03-10") })))));
    expect(error.code).toBe("DATE_ALREADY_IMPORTED");
    expect(await stored()).toEqual(before);
  });

  it("a file with no valid line", async () => {
    const error = await refusal(run(["nonsense", "BANK A,0001,00001-1,BANK B,0001,00001-1,abc,2023-03-21T10:00:00", "BANK A,0001,00001-1,BANK B,0001,00001-1,0,2023-03-21T10:00:00"].join("\n")));
    expect(error).toBeInstanceOf(NothingToImportError);
    expect(await stored()).toEqual(before);
  });

  it("an empty file", async () => {
    expect((await refusal(run(""))).code).toBe("EMPTY_FILE");
    expect(await stored()).toEqual(before);
  });

  it("a file over the size limit, refused after its import row was created", async () => {
    const content = Array.from({ length: 500 }, () => csv([{ origin: A1, destination: B1, amount: "1000000", dateTime: "2023-03-22T10:00:00" }])).join("\n");
    const error = await refusal(run(content, { maxBytes: 20_000 }));
    expect(error.code).toBe("TOO_LARGE");
    expect(await stored()).toEqual(before);
  });

  it("an upload that breaks off half-way", async () => {
    async function* broken() {
      yield new TextEncoder().encode(csv(Array.from({ length: 300 }, () => ({ origin: A1, destination: B1, amount: "5000", dateTime: "2023-03-23T10:00:00" }))) + "\n");
      throw new Error("connection reset");
    }
    await expect(importTransactions(testDb.db, actor, { ...request(""), body: broken() })).rejects.toThrow("connection reset");
    expect(await stored()).toEqual(before);
  });
});

describe("imports of the same month add up", () => {
  it("a second day of March adds to its totals; other months stay as they were", async () => {
    const before = await stored();
    const summary = await run(csv(march20));
    expect(summary.imported).toBe(3);
    const now = await stored();
    const expected = expectedTotals([...march10, ...march20]);
    expect(monthRows(now.accounts, "2023-03")).toEqual(expected.accounts);
    expect(monthRows(now.branches, "2023-03")).toEqual(expected.branches);
    expect(monthRows(now.accounts, "2022-01")).toEqual(monthRows(before.accounts, "2022-01"));
    expect(now.imports.find((row) => row.date === "2023-03-20")).toEqual({ date: "2023-03-20", total: cents("100006.00"), count: 3 });
    expect(now.imports.find((row) => row.date === "2023-03-10")?.total).toBe(cents("81150.72"));
    // BANK A/0001/00001-1 received 99.99 on the 10th and 100000.01 on the 20th.
    expect(now.accounts).toContainEqual({ month: "2023-03-01", direction: "in", bank: "BANK A", branch: "0001", account: "00001-1", total: cents("100100.00"), count: 2 });
    await expectRollupsToMatchTransactions();
  });

  it("an import of April starts April's totals and leaves March's alone", async () => {
    const before = await stored();
    const april: Line[] = [{ origin: A1, destination: B1, amount: "1", dateTime: "2023-04-01T00:00:00" }];
    await run(csv(april));
    const now = await stored();
    expect(monthRows(now.accounts, "2023-03")).toEqual(monthRows(before.accounts, "2023-03"));
    expect(monthRows(now.branches, "2023-03")).toEqual(monthRows(before.branches, "2023-03"));
    expect(monthRows(now.accounts, "2023-04")).toEqual(expectedTotals(april).accounts);
    expect(monthRows(now.branches, "2023-04")).toEqual(expectedTotals(april).branches);
    await expectRollupsToMatchTransactions();
  });

  it("simultaneous imports of four days of one month, over the same accounts, lose no update", async () => {
    const parties: [string, string, string][] = Array.from({ length: 12 }, (_, i) => [`BANK ${i % 3}`, `000${i % 2}`, `ACC-${i}`]);
    const files = ["2023-06-01", "2023-06-02", "2023-06-03", "2023-06-04"].map((date, d) =>
      Array.from({ length: 300 }, (_, i): Line => ({
        // Each day walks the accounts in another order, so the upserts meet in different orders.
        origin: parties[(i * (d + 1) + d) % parties.length],
        destination: parties[(i * (5 - d) + 7) % parties.length],
        amount: `${(i * 7919 + d * 104729) % 1_000_000}.${String((i * 31 + d) % 100).padStart(2, "0")}`,
        dateTime: `${date}T${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00`,
      })).filter((line) => cents(line.amount) > 0n),
    );
    const results = await Promise.allSettled(files.map((lines) => run(csv(lines))));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    const now = await stored();
    const expected = expectedTotals(files.flat());
    expect(monthRows(now.accounts, "2023-06")).toEqual(expected.accounts);
    expect(monthRows(now.branches, "2023-06")).toEqual(expected.branches);
    await expectRollupsToMatchTransactions();
  });

  it("two simultaneous files for one day: the refused one adds nothing", async () => {
    const lines: Line[] = [{ origin: A1, destination: B1, amount: "123.45", dateTime: "2023-07-01T10:00:00" }];
    const results = await Promise.allSettled([run(csv(lines)), run(csv(lines))]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const now = await stored();
    expect(monthRows(now.accounts, "2023-07")).toEqual(expectedTotals(lines).accounts);
    expect(now.imports.find((row) => row.date === "2023-07-01")).toEqual({ date: "2023-07-01", total: cents("123.45"), count: 1 });
  });
});

describe("totals beyond a bigint", () => {
  const max = "92233720368547758.07"; // 2^63 - 1 cents, the largest amount a transaction can hold

  it("sum exactly: two of the largest amounts in one day, one account", async () => {
    const lines: Line[] = [
      { origin: A1, destination: B1, amount: max, dateTime: "2023-05-01T10:00:00" },
      { origin: A1, destination: B1, amount: max, dateTime: "2023-05-01T11:00:00" },
    ];
    await run(csv(lines));
    const twice = 2n * cents(max);
    expect(twice).toBe(18446744073709551614n);
    const now = await stored();
    expect(now.imports.find((row) => row.date === "2023-05-01")?.total).toBe(twice);
    expect(monthRows(now.accounts, "2023-05")).toEqual(expectedTotals(lines).accounts);
    expect(monthRows(now.branches, "2023-05")).toEqual(expectedTotals(lines).branches);

    // And the analysis reads them back exactly.
    const { rows } = await suspiciousAccounts(testDb.db, "2023-05", cents(max), { sort: { key: "total", descending: true } });
    // Equal totals: by bank, BANK A (the sender) before BANK B.
    expect(rows.map((row) => [row.bank, row.direction, row.total])).toEqual([
      ["BANK A", "out", twice],
      ["BANK B", "in", twice],
    ]);
    // Every default threshold is far below these amounts.
    expect((await dashboardFigures(testDb.db, "2023-05")).current).toEqual({
      imports: 1,
      transactions: 2,
      volume: twice,
      suspiciousTransactions: 2,
      suspiciousAccounts: 2,
      suspiciousBranches: 2,
    });
    expect(await dailyVolume(testDb.db, "2023-05", 1n)).toEqual([
      { date: "2023-05-01", total: twice, count: 2, suspiciousTotal: twice, suspiciousCount: 2 },
    ]);
    const report = await analysisReport(testDb.db, "2023-05", await currentThresholds(testDb.db));
    expect(report.accounts.map((row) => row.total)).toEqual(["184467440737095516.14", "184467440737095516.14"]);
    expect(report.transactions.map((row) => row.amount)).toEqual([max, max]);
    await expectRollupsToMatchTransactions();
  });
});

describe("the migration's backfill", () => {
  it("computes from the stored transactions the same totals the imports kept", async () => {
    const migration = readFileSync(path.resolve(import.meta.dirname, "../../db/migrations/0002_analysis.sql"), "utf8");
    const statements = migration.split("--> statement-breakpoint").filter((statement) => /UPDATE "imports"|INSERT INTO "(account|branch)_monthly_totals"/.test(statement));
    expect(statements).toHaveLength(3);
    const kept = await stored();
    expect(kept.accounts.length).toBeGreaterThan(20);

    // Recompute in a transaction that is rolled back, leaving this file's database as it was.
    const rollback = new Error("rollback");
    let backfilled: Awaited<ReturnType<typeof stored>> | undefined;
    await expect(
      testDb.db.transaction(async (tx) => {
        await tx.delete(accountMonthlyTotals);
        await tx.delete(branchMonthlyTotals);
        await tx.update(imports).set({ totalAmount: 0n });
        for (const statement of statements) await tx.execute(sql.raw(statement));
        const a = accountMonthlyTotals;
        const b = branchMonthlyTotals;
        const accounts = await tx.select().from(a);
        const branches = await tx.select().from(b);
        const importRows = await tx
          .select({ date: imports.transactionsDate, total: imports.totalAmount, count: imports.transactionCount })
          .from(imports)
          .orderBy(asc(imports.transactionsDate));
        backfilled = {
          accounts: accounts.sort((x, y) => compareKeys([x.month, x.direction, x.bank, x.branch, x.account], [y.month, y.direction, y.bank, y.branch, y.account])),
          branches: branches.sort((x, y) => compareKeys([x.month, x.direction, x.bank, x.branch, ""], [y.month, y.direction, y.bank, y.branch, ""])),
          imports: importRows,
          transactionCount: kept.transactionCount,
        };
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(backfilled).toEqual(kept);
    expect(await stored()).toEqual(kept);
  });
});

describe("totals added after the import answers", () => {
  it("stay pending until applied, are added exactly once by concurrent callers, and the analysis applies them before reading", async () => {
    const before = await stored();
    const file = ["BANK P,0001,00009-1,BANK Q,0002,00009-2,1500000.00,2024-07-01T10:00:00", "BANK P,0001,00009-1,BANK Q,0002,00009-3,10.00,2024-07-01T11:00:00"].join("\n");
    const summary = await importTransactions(testDb.db, actor, request(file));
    const [pending] = await testDb.db.select().from(imports).where(eq(imports.id, summary.id));
    expect(pending.totalsAppliedAt).toBeNull();
    expect((await stored()).accounts).toEqual(before.accounts);

    // The analysis reads the month's totals only after adding the pending import.
    const { rows } = await suspiciousAccounts(testDb.db, "2024-07", cents("1000000.00"), { sort: { key: "total", descending: true } });
    expect(rows).toEqual([
      { bank: "BANK P", branch: "0001", account: "00009-1", direction: "out", total: cents("1500010.00"), count: 2 },
      { bank: "BANK Q", branch: "0002", account: "00009-2", direction: "in", total: cents("1500000.00"), count: 1 },
    ]);

    const second = await importTransactions(testDb.db, actor, request(file.replaceAll("2024-07-01", "2024-07-02")));
    expect((await Promise.all([1, 2, 3, 4].map(() => applyPendingTotals(testDb.db)))).reduce((sum, applied) => sum + applied, 0)).toBe(1);
    const [applied] = await testDb.db.select().from(imports).where(eq(imports.id, second.id));
    expect(applied.totalsAppliedAt).not.toBeNull();
    const { rows: after } = await suspiciousAccounts(testDb.db, "2024-07", cents("1000000.00"), { sort: { key: "total", descending: true } });
    expect(after[0]).toMatchObject({ total: cents("3000020.00"), count: 4 });
    await expectRollupsToMatchTransactions();
  });

  it("the dashboard adds a pending import of the month before to its totals before counting", async () => {
    const file = ["BANK R,0001,00009-1,BANK S,0002,00009-2,1500000.00,2024-09-30T10:00:00", "BANK R,0001,00009-1,BANK S,0002,00009-3,10.00,2024-09-30T11:00:00"].join("\n");
    const summary = await importTransactions(testDb.db, actor, request(file));
    const figures = await dashboardFigures(testDb.db, "2024-10");
    const [applied] = await testDb.db.select().from(imports).where(eq(imports.id, summary.id));
    expect(applied.totalsAppliedAt).not.toBeNull();
    // Under the default thresholds: one transaction of 100,000.00 or more; the sender's and the first recipient's totals of 1,000,000.00 or more.
    expect(figures.previous).toEqual({
      imports: 1,
      transactions: 2,
      volume: cents("1500010.00"),
      suspiciousTransactions: 1,
      suspiciousAccounts: 2,
      suspiciousBranches: 0,
    });
    expect(figures.current).toMatchObject({ imports: 0, transactions: 0 });
  });
});
