// The month analysis against an independent brute-force computation: files are generated with
// amounts and totals exactly at, one cent below and one cent above every threshold, plus seeded
// random background transactions, imported one file per day through the importer, and every
// query's answer is compared with plain Maps and BigInt sums over the generated rows.
import { beforeAll, describe, expect, it } from "vitest";
import { accountMonthlyTotals, users, type FlowDirection } from "@/db/schema";
import { importTransactions } from "@/lib/imports/importer";
import { setupTestDatabase } from "@/test/database";
import {
  accountSortKeys,
  analysisMonths,
  branchSortKeys,
  dailyVolume,
  partyTransactions,
  suspiciousAccounts,
  suspiciousBranches,
  suspiciousTransactions,
  topAccounts,
  transactionSortKeys,
  type AccountSortKey,
  type BranchSortKey,
  type TransactionSortKey,
} from "./queries";
import { dashboardFigures } from "./dashboard";
import { applyPendingTotals } from "./rollups";
import { analysisReport } from "./report";
import { currentThresholds, listThresholdVersions, updateThresholds, type Thresholds } from "./thresholds";

const testDb = setupTestDatabase();
let actor: { id: string; label: string; ip: string };

// ---- Money, written and read without lib/money and without floats ---------------------------

/** "1000000.00" → 100000000n */
function cents(text: string): bigint {
  const [whole, fraction = ""] = text.split(".");
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
}

/** 100000000n → "1000000.00" */
function decimal(amount: bigint): string {
  return `${amount / 100n}.${(amount % 100n).toString().padStart(2, "0")}`;
}

/** The amount as a bank file may write it: "8000", "8000.5" or "8000.50". */
function written(amount: bigint, form: number): string {
  const fraction = amount % 100n;
  if (fraction === 0n && form === 0) return `${amount / 100n}`;
  if (fraction % 10n === 0n && form === 1) return `${amount / 100n}.${fraction / 10n}`;
  return decimal(amount);
}

const T = cents("100000.00");
const A = cents("1000000.00");
const B = cents("1000000000.00");

// ---- Seeded data --------------------------------------------------------------------------

const seed = Number(process.env.ANALYSIS_TEST_SEED ?? 20220131);

/** mulberry32: a tiny seeded PRNG, so every run generates the same files. */
function prng(state: number) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(seed);
const integer = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[integer(0, items.length - 1)];
/** A whole number of cents in [min, max]; the span stays far below 2^53, so no rounding. */
const randomCents = (min: bigint, max: bigint) => min + BigInt(integer(0, Number(max - min)));

type Party = { bank: string; branch: string; account: string };
type Tx = {
  /** Position in import order: ties in the database are broken by id, which follows it. */
  seq: number;
  origin: Party;
  destination: Party;
  amount: bigint;
  /** "2022-01-03T07:30:00" */
  dateTime: string;
};
type NewTx = Omit<Tx, "seq">;

const pad = (value: number) => String(value).padStart(2, "0");
const randomTime = (date: string) => `${date}T${pad(integer(0, 23))}:${pad(integer(0, 59))}:${pad(integer(0, 59))}`;

// Each crafted transfer's other side is an account of its own, so it adds to nothing else.
let sinkNumber = 0;
const sink = (): Party => {
  sinkNumber++;
  return { bank: "SINK", branch: `K${sinkNumber}`, account: `K${sinkNumber}` };
};

const variants = { AT: 0n, BELOW: -1n, ABOVE: 1n } as const;
type Variant = keyof typeof variants;

/** `count` amounts summing exactly to `threshold + delta`, each `threshold / count` but the last. */
function split(threshold: bigint, count: number, delta: bigint): bigint[] {
  const each = threshold / BigInt(count);
  if (each * BigInt(count) !== threshold) throw new Error(`${threshold} does not split into ${count} equal amounts`);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? each + delta : each));
}

/** The same crafted cases in each month, on two of its days (two imports). */
function edgeCases([dayA, dayB]: [string, string]): NewTx[] {
  const rows: NewTx[] = [];
  const on = (i: number, count: number) => randomTime(i < count / 2 ? dayA : dayB);
  for (const [variant, delta] of Object.entries(variants) as [Variant, bigint][]) {
    // A single transaction at, below and above the transaction threshold.
    rows.push({ origin: { bank: "EDGET", branch: "TX", account: `T${variant}` }, destination: sink(), amount: T + delta, dateTime: randomTime(dayA) });

    // An account's month sent (out) and received (in) totals: 20 transfers of BRL 50,000.00
    // (each below the transaction threshold) over two days, the last one a cent off.
    split(A, 20, delta).forEach((amount, i) => {
      rows.push({ origin: { bank: "EDGEA", branch: "ACC", account: `OUT${variant}` }, destination: sink(), amount, dateTime: on(i, 20) });
      rows.push({ origin: sink(), destination: { bank: "EDGEA", branch: "ACC", account: `IN${variant}` }, amount, dateTime: on(i, 20) });
    });

    // A branch's month totals made of four accounts' transfers of BRL 250,000,000.00.
    split(B, 4, delta).forEach((amount, i) => {
      rows.push({ origin: { bank: "EDGEB", branch: `OUT${variant}`, account: `A${i + 1}` }, destination: sink(), amount, dateTime: on(i, 4) });
      rows.push({ origin: sink(), destination: { bank: "EDGEB", branch: `IN${variant}`, account: `A${i + 1}` }, amount, dateTime: on(i, 4) });
    });
  }
  // Sent and received are totalled apart: 600,000.00 each way is 1,200,000.00 moved, but neither crosses.
  split(cents("600000.00"), 12, 0n).forEach((amount, i) => {
    rows.push({ origin: { bank: "EDGEA", branch: "ACC", account: "BOTH" }, destination: sink(), amount, dateTime: on(i, 12) });
    rows.push({ origin: sink(), destination: { bank: "EDGEA", branch: "ACC", account: "BOTH" }, amount, dateTime: on(i, 12) });
  });
  // The same account number in another branch or bank is another account: 600,000.00 each.
  for (const [bank, branch] of [
    ["EDGEA", "ACC1"],
    ["EDGEA", "ACC2"],
    ["EDGEX", "ACC1"],
  ]) {
    split(cents("600000.00"), 12, 0n).forEach((amount, i) => {
      rows.push({ origin: { bank, branch, account: "SAME" }, destination: sink(), amount, dateTime: on(i, 12) });
    });
  }
  return rows;
}

const months = ["2022-01", "2022-02"] as const;
const days: Record<(typeof months)[number], string[]> = {
  "2022-01": ["2022-01-03", "2022-01-17", "2022-01-31"],
  "2022-02": ["2022-02-01", "2022-02-14", "2022-02-28"],
};

const backgroundParties: Party[] = ["BANK1", "BANK2"].flatMap((bank) =>
  ["0001", "0002"].flatMap((branch) => ["10001", "10002", "10003"].map((account) => ({ bank, branch, account }))),
);

function backgroundTx(date: string): NewTx {
  const roll = random();
  const amount =
    roll < 0.65 ? randomCents(1n, cents("30000.00")) : roll < 0.95 ? randomCents(cents("30000.00"), cents("400000.00")) : pick([T - 1n, T, T + 1n]);
  return { origin: pick(backgroundParties), destination: pick(backgroundParties), amount, dateTime: randomTime(date) };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = integer(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Every generated transaction, in import order, and the files (one per day) that carry them. */
function generate() {
  const byDay = new Map<string, NewTx[]>();
  const add = (tx: NewTx) => {
    const date = tx.dateTime.slice(0, 10);
    byDay.set(date, [...(byDay.get(date) ?? []), tx]);
  };
  for (const month of months) {
    for (const date of days[month]) for (let i = 0; i < 40; i++) add(backgroundTx(date));
    edgeCases([days[month][0], days[month][1]]).forEach(add);
  }
  // One account sends 600,000.00 in each month: 1,200,000.00 in all, but no month crosses.
  for (const date of ["2022-01-17", "2022-02-01"]) {
    split(cents("600000.00"), 6, 0n).forEach((amount) =>
      add({ origin: { bank: "EDGEM", branch: "ACC", account: "SPLIT" }, destination: sink(), amount, dateTime: randomTime(date) }),
    );
  }
  // The last second of January and the first of February.
  add({ origin: { bank: "EDGET", branch: "TX", account: "LATE" }, destination: sink(), amount: T, dateTime: "2022-01-31T23:59:59" });
  add({ origin: { bank: "EDGET", branch: "TX", account: "EARLY" }, destination: sink(), amount: T, dateTime: "2022-02-01T00:00:00" });

  const all: Tx[] = [];
  const files: { date: string; content: string; count: number }[] = [];
  for (const date of [...byDay.keys()].sort()) {
    const lines = shuffle(byDay.get(date)!).map((tx) => {
      const row: Tx = { ...tx, seq: all.length };
      all.push(row);
      return [
        row.origin.bank,
        row.origin.branch,
        row.origin.account,
        row.destination.bank,
        row.destination.branch,
        row.destination.account,
        written(row.amount, integer(0, 2)),
        row.dateTime,
      ].join(",");
    });
    files.push({ date, content: lines.join(pick(["\n", "\r\n"])) + "\n", count: lines.length });
  }
  return { all, files };
}

const data = generate();

// ---- Brute force ------------------------------------------------------------------------

type Flow = { bank: string; branch: string; account: string; direction: FlowDirection; total: bigint; count: number };
type BranchFlow = Omit<Flow, "account">;

const txOf = (month: string) => data.all.filter((tx) => tx.dateTime.startsWith(`${month}-`));

function sidesOf(tx: Tx): [FlowDirection, Party][] {
  return [
    ["out", tx.origin],
    ["in", tx.destination],
  ];
}

function accountFlows(month: string): Flow[] {
  const flows = new Map<string, Flow>();
  for (const tx of txOf(month)) {
    for (const [direction, { bank, branch, account }] of sidesOf(tx)) {
      const key = JSON.stringify([direction, bank, branch, account]);
      const flow = flows.get(key) ?? { bank, branch, account, direction, total: 0n, count: 0 };
      flow.total += tx.amount;
      flow.count += 1;
      flows.set(key, flow);
    }
  }
  return [...flows.values()];
}

function branchFlows(month: string): BranchFlow[] {
  const flows = new Map<string, BranchFlow>();
  for (const tx of txOf(month)) {
    for (const [direction, { bank, branch }] of sidesOf(tx)) {
      const key = JSON.stringify([direction, bank, branch]);
      const flow = flows.get(key) ?? { bank, branch, direction, total: 0n, count: 0 };
      flow.total += tx.amount;
      flow.count += 1;
      flows.set(key, flow);
    }
  }
  return [...flows.values()];
}

type Compare<T> = (a: T, b: T) => number;
const natural = <V extends bigint | number | string>(a: V, b: V) => (a < b ? -1 : a > b ? 1 : 0);
const by =
  <T>(...comparators: Compare<T>[]): Compare<T> =>
  (a, b) => {
    for (const comparator of comparators) {
      const order = comparator(a, b);
      if (order !== 0) return order;
    }
    return 0;
  };
const on =
  <T, V extends bigint | number | string>(get: (item: T) => V, descending = false): Compare<T> =>
  (a, b) =>
    descending ? natural(get(b), get(a)) : natural(get(a), get(b));

const accountTieBreak = [on((f: Flow) => f.bank), on((f: Flow) => f.branch), on((f: Flow) => f.account), on((f: Flow) => f.direction)];
const branchTieBreak = [on((f: BranchFlow) => f.bank), on((f: BranchFlow) => f.branch), on((f: BranchFlow) => f.direction)];

const sortAccounts = (flows: Flow[], key: AccountSortKey = "total", descending = true) =>
  [...flows].sort(by(on((f: Flow) => f[key], descending), ...accountTieBreak));
const sortBranches = (flows: BranchFlow[], key: BranchSortKey = "total", descending = true) =>
  [...flows].sort(by(on((f: BranchFlow) => f[key], descending), ...branchTieBreak));

const txSortValue: Record<TransactionSortKey, (tx: Tx) => bigint | string> = {
  amount: (tx) => tx.amount,
  occurredAt: (tx) => tx.dateTime,
  originBank: (tx) => tx.origin.bank,
  destinationBank: (tx) => tx.destination.bank,
};
const sortTx = (rows: Tx[], key: TransactionSortKey = "amount", descending = true) =>
  [...rows].sort(by(on(txSortValue[key], descending), on((tx: Tx) => tx.seq)));

const expectedAccounts = (month: string, threshold: bigint) => sortAccounts(accountFlows(month).filter((f) => f.total >= threshold));
const expectedBranches = (month: string, threshold: bigint) => sortBranches(branchFlows(month).filter((f) => f.total >= threshold));
const expectedTransactions = (month: string, threshold: bigint) => sortTx(txOf(month).filter((tx) => tx.amount >= threshold));

const matches = (search: string, ...texts: string[]) => texts.some((text) => text.toLowerCase().includes(search.toLowerCase()));

/** A database transaction row in the generated shape (ids and currency aside). */
type DbTx = {
  originBank: string;
  originBranch: string;
  originAccount: string;
  destinationBank: string;
  destinationBranch: string;
  destinationAccount: string;
  amount: bigint;
  occurredAt: string;
};
const fromDb = (row: DbTx) => ({
  origin: { bank: row.originBank, branch: row.originBranch, account: row.originAccount },
  destination: { bank: row.destinationBank, branch: row.destinationBranch, account: row.destinationAccount },
  amount: row.amount,
  dateTime: row.occurredAt.replace(" ", "T"),
});
const comparable = (tx: Tx) => ({ origin: tx.origin, destination: tx.destination, amount: tx.amount, dateTime: tx.dateTime });

const all = { sort: { key: "total", descending: true } } as const;
const allTx = { sort: { key: "amount", descending: true } } as const;

// ---- Setup ------------------------------------------------------------------------------

beforeAll(async () => {
  const [user] = await testDb.db
    .insert(users)
    .values({ name: "Ana Analyst", email: "ana@ledgerwatch.test", role: "analyst", passwordHash: "x" })
    .returning({ id: users.id });
  actor = { id: user.id, label: "ana@ledgerwatch.test", ip: "127.0.0.1" };

  for (const file of data.files) {
    const bytes = new TextEncoder().encode(file.content);
    async function* body() {
      for (let start = 0; start < bytes.length; start += 4096) yield bytes.subarray(start, start + 4096);
    }
    const summary = await importTransactions(testDb.db, actor, { fileName: `transacoes-${file.date}.csv`, format: "csv", body: body(), maxBytes: 1 << 24 });
    expect(summary).toMatchObject({ transactionsDate: file.date, imported: file.count, ignoredCount: 0 });
  }
  await applyPendingTotals(testDb.db);
});

describe(`the generated data (seed ${seed})`, () => {
  it("is what the cases below rely on", async () => {
    expect(data.files.map((file) => file.date)).toEqual([...days["2022-01"], ...days["2022-02"]]);
    const thresholds = await currentThresholds(testDb.db);
    expect(thresholds).toMatchObject({ version: 1, transaction: T, account: A, branch: B, createdBy: null });
    // The crafted totals are one cent apart around each threshold, in the rollups too.
    const stored = await testDb.db.select().from(accountMonthlyTotals);
    const total = (account: string, direction: FlowDirection, month: string) =>
      stored.find((row) => row.bank === "EDGEA" && row.branch === "ACC" && row.account === account && row.direction === direction && row.month === `${month}-01`)
        ?.total;
    for (const month of months) {
      expect([total("OUTBELOW", "out", month), total("OUTAT", "out", month), total("OUTABOVE", "out", month)]).toEqual([A - 1n, A, A + 1n]);
      expect([total("INBELOW", "in", month), total("INAT", "in", month), total("INABOVE", "in", month)]).toEqual([A - 1n, A, A + 1n]);
    }
    // Background transactions cross the thresholds too, some but not all.
    const background = data.all.filter((tx) => tx.origin.bank.startsWith("BANK"));
    expect(background.some((tx) => tx.amount >= T)).toBe(true);
    expect(background.some((tx) => tx.amount < T)).toBe(true);
    for (const month of months) {
      const flows = accountFlows(month).filter((flow) => flow.bank.startsWith("BANK"));
      expect(flows.some((flow) => flow.total >= A)).toBe(true);
      expect(flows.some((flow) => flow.total < A)).toBe(true);
    }
  });
});

// ---- Thresholds: at → present, one cent below → absent ---------------------------------------

describe.each(months)("the suspicious lists of %s", (month) => {
  it("transactions: exactly what brute force finds, in order", async () => {
    const { rows, total } = await suspiciousTransactions(testDb.db, month, T, allTx);
    const expected = expectedTransactions(month, T);
    expect(rows.map(fromDb)).toEqual(expected.map(comparable));
    expect(total).toBe(expected.length);
    expect(rows.every((row) => row.currency === "BRL")).toBe(true);
  });

  it("transactions: at the threshold and a cent above are in, a cent below is not", async () => {
    const { rows } = await suspiciousTransactions(testDb.db, month, T, allTx);
    const edge = rows.filter((row) => row.originBank === "EDGET");
    const account = (name: string) => edge.find((row) => row.originAccount === name);
    expect(account("TAT")?.amount).toBe(T);
    expect(account("TABOVE")?.amount).toBe(T + 1n);
    expect(account("TBELOW")).toBeUndefined();
    // The month's bounds: 2022-01-31T23:59:59 is January's, 2022-02-01T00:00:00 February's.
    expect(account("LATE")?.occurredAt === "2022-01-31 23:59:59").toBe(month === "2022-01");
    expect(account("EARLY")?.occurredAt === "2022-02-01 00:00:00").toBe(month === "2022-02");
    expect(edge.map((row) => row.originAccount).sort()).toEqual(month === "2022-01" ? ["LATE", "TABOVE", "TAT"] : ["EARLY", "TABOVE", "TAT"]);
  });

  it("accounts: exactly what brute force finds, in order", async () => {
    const { rows, total } = await suspiciousAccounts(testDb.db, month, A, all);
    const expected = expectedAccounts(month, A);
    expect(rows).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it("accounts: each direction is totalled and flagged on its own, at the threshold and not a cent below", async () => {
    const { rows } = await suspiciousAccounts(testDb.db, month, A, all);
    const edge = rows.filter((row) => row.bank.startsWith("EDGE"));
    expect(edge.filter((row) => row.bank === "EDGEA")).toEqual(
      sortAccounts([
        { bank: "EDGEA", branch: "ACC", account: "OUTAT", direction: "out", total: A, count: 20 },
        { bank: "EDGEA", branch: "ACC", account: "OUTABOVE", direction: "out", total: A + 1n, count: 20 },
        { bank: "EDGEA", branch: "ACC", account: "INAT", direction: "in", total: A, count: 20 },
        { bank: "EDGEA", branch: "ACC", account: "INABOVE", direction: "in", total: A + 1n, count: 20 },
      ]),
    );
    // OUTBELOW/INBELOW (a cent short), BOTH (600,000.00 each way), SAME (600,000.00 in each of
    // three branches or banks) and SPLIT (600,000.00 in each month) are not there.
    expect(edge.filter((row) => ["EDGEX", "EDGEM"].includes(row.bank))).toEqual([]);
    // A branch's accounts each sent or received 250,000,000.00: they are suspicious accounts as well.
    expect(edge.filter((row) => row.bank === "EDGEB")).toHaveLength(24);
  });

  it("branches: exactly what brute force finds, in order", async () => {
    const { rows, total } = await suspiciousBranches(testDb.db, month, B, all);
    const expected = expectedBranches(month, B);
    expect(rows).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it("branches: all accounts together, at the threshold and not a cent below", async () => {
    const { rows } = await suspiciousBranches(testDb.db, month, B, all);
    expect(rows).toEqual(
      sortBranches([
        { bank: "EDGEB", branch: "OUTAT", direction: "out", total: B, count: 4 },
        { bank: "EDGEB", branch: "OUTABOVE", direction: "out", total: B + 1n, count: 4 },
        { bank: "EDGEB", branch: "INAT", direction: "in", total: B, count: 4 },
        { bank: "EDGEB", branch: "INABOVE", direction: "in", total: B + 1n, count: 4 },
      ]),
    );
  });

  it("the rollups hold every account's and branch's month totals, not only the suspicious ones", async () => {
    const accounts = await suspiciousAccounts(testDb.db, month, 1n, all);
    expect(accounts.rows).toEqual(sortAccounts(accountFlows(month)));
    const branches = await suspiciousBranches(testDb.db, month, 1n, all);
    expect(branches.rows).toEqual(sortBranches(branchFlows(month)));
  });

  it("the report gives the same rows as decimal strings, with the thresholds' version", async () => {
    const thresholds = await currentThresholds(testDb.db);
    const report = await analysisReport(testDb.db, month, thresholds);
    expect(report).toEqual(expectedReport(month, { version: 1, transaction: T, account: A, branch: B }));
    // Nothing in it is a bigint or a number that could be a rounded amount.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.thresholds).toEqual({ transaction: "100000.00", account: "1000000.00", branch: "1000000000.00" });
    expect(report.accounts.find((row) => row.account === "OUTAT")).toEqual({
      bank: "EDGEA",
      branch: "ACC",
      account: "OUTAT",
      direction: "out",
      total: "1000000.00",
      count: 20,
    });
    expect(report.accounts.find((row) => row.account === "OUTBELOW")).toBeUndefined();
    expect(report.branches.find((row) => row.branch === "INABOVE")?.total).toBe("1000000000.01");
  });
});

function expectedReport(month: string, thresholds: { version: number; transaction: bigint; account: bigint; branch: bigint }) {
  return {
    month,
    thresholdsVersion: thresholds.version,
    thresholds: { transaction: decimal(thresholds.transaction), account: decimal(thresholds.account), branch: decimal(thresholds.branch) },
    transactions: expectedTransactions(month, thresholds.transaction).map((tx) => ({
      origin: tx.origin,
      destination: tx.destination,
      amount: decimal(tx.amount),
      currency: "BRL",
      dateTime: tx.dateTime,
    })),
    accounts: expectedAccounts(month, thresholds.account).map((flow) => ({ ...flow, total: decimal(flow.total) })),
    branches: expectedBranches(month, thresholds.branch).map((flow) => ({ ...flow, total: decimal(flow.total) })),
  };
}

describe("a month with no import", () => {
  it("has no rows, no days and zero figures", async () => {
    expect((await suspiciousTransactions(testDb.db, "2022-03", 1n, allTx)).rows).toEqual([]);
    expect(await suspiciousAccounts(testDb.db, "2021-12", 1n, all)).toEqual({ rows: [], total: 0 });
    expect(await suspiciousBranches(testDb.db, "2022-03", 1n, all)).toEqual({ rows: [], total: 0 });
    expect(await dailyVolume(testDb.db, "2022-03", 1n)).toEqual([]);
    expect(await topAccounts(testDb.db, "2021-12", 10)).toEqual([]);
    const none = { imports: 0, transactions: 0, volume: 0n, suspiciousTransactions: 0, suspiciousAccounts: 0, suspiciousBranches: 0 };
    expect(await dashboardFigures(testDb.db, "2021-12")).toEqual({ current: none, previous: none, days: [], latestMonth: "2022-02" });
  });
});

// ---- Paging, sorting, search, direction ------------------------------------------------------

describe("paging, sorting, search and direction", () => {
  const month = "2022-01";

  it("page 2 of size 2 is rows 3-4 of the full list, and the pages together are the list", async () => {
    const full = await suspiciousAccounts(testDb.db, month, A, all);
    expect(full.rows.length).toBeGreaterThan(6);
    const page = await suspiciousAccounts(testDb.db, month, A, { ...all, page: { index: 1, size: 2 } });
    expect(page.rows).toEqual(full.rows.slice(2, 4));
    expect(page.total).toBe(full.total);

    const pages = [];
    for (let index = 0; index * 3 < full.total; index++) {
      pages.push(...(await suspiciousAccounts(testDb.db, month, A, { ...all, page: { index, size: 3 } })).rows);
    }
    expect(pages).toEqual(full.rows);
    const beyond = await suspiciousAccounts(testDb.db, month, A, { ...all, page: { index: 1000, size: 3 } });
    expect(beyond).toEqual({ rows: [], total: full.total });

    const branches = await suspiciousBranches(testDb.db, month, 1n, all);
    const branchPage = await suspiciousBranches(testDb.db, month, 1n, { ...all, page: { index: 1, size: 2 } });
    expect(branchPage).toEqual({ rows: branches.rows.slice(2, 4), total: branches.total });

    const transactions = await suspiciousTransactions(testDb.db, month, T, allTx);
    const txPage = await suspiciousTransactions(testDb.db, month, T, { ...allTx, page: { index: 1, size: 2 } });
    expect(txPage).toEqual({ rows: transactions.rows.slice(2, 4), total: transactions.total });
  });

  it.each(accountSortKeys.flatMap((key) => [true, false].map((descending) => [key, descending] as const)))(
    "accounts sorted by %s (descending: %s), ties by bank, branch, account, direction",
    async (key, descending) => {
      const { rows } = await suspiciousAccounts(testDb.db, month, A, { sort: { key, descending } });
      expect(rows).toEqual(sortAccounts(accountFlows(month).filter((f) => f.total >= A), key, descending));
      const page = await suspiciousAccounts(testDb.db, month, A, { sort: { key, descending }, page: { index: 1, size: 2 } });
      expect(page.rows).toEqual(rows.slice(2, 4));
    },
  );

  it.each(branchSortKeys.flatMap((key) => [true, false].map((descending) => [key, descending] as const)))(
    "branches sorted by %s (descending: %s)",
    async (key, descending) => {
      // Every branch of the month, so text sorts and ties have something to order.
      const { rows } = await suspiciousBranches(testDb.db, month, 1n, { sort: { key, descending } });
      expect(rows).toEqual(sortBranches(branchFlows(month), key, descending));
    },
  );

  it.each(transactionSortKeys.flatMap((key) => [true, false].map((descending) => [key, descending] as const)))(
    "transactions sorted by %s (descending: %s), ties in import order",
    async (key, descending) => {
      const { rows } = await suspiciousTransactions(testDb.db, month, T, { sort: { key, descending } });
      expect(rows.map(fromDb)).toEqual(sortTx(txOf(month).filter((tx) => tx.amount >= T), key, descending).map(comparable));
      const page = await suspiciousTransactions(testDb.db, month, T, { sort: { key, descending }, page: { index: 1, size: 2 } });
      expect(page.rows).toEqual(rows.slice(2, 4));
    },
  );

  it.each(["edge", "EDGEA", "out", "0001", "a1", "k1"])("search %j matches bank, branch or account, any case", async (search) => {
    const accounts = await suspiciousAccounts(testDb.db, month, A, { ...all, search });
    const expectedA = expectedAccounts(month, A).filter((f) => matches(search, f.bank, f.branch, f.account));
    expect(accounts).toEqual({ rows: expectedA, total: expectedA.length });

    const branches = await suspiciousBranches(testDb.db, month, 1n, { ...all, search });
    const expectedB = sortBranches(branchFlows(month)).filter((f) => matches(search, f.bank, f.branch));
    expect(branches).toEqual({ rows: expectedB, total: expectedB.length });

    const transactions = await suspiciousTransactions(testDb.db, month, T, { ...allTx, search });
    const expectedT = expectedTransactions(month, T).filter((tx) =>
      matches(search, tx.origin.bank, tx.origin.branch, tx.origin.account, tx.destination.bank, tx.destination.branch, tx.destination.account),
    );
    expect(transactions.rows.map(fromDb)).toEqual(expectedT.map(comparable));
    expect(transactions.total).toBe(expectedT.length);
  });

  it("a search for a LIKE wildcard matches it literally (nothing here), not everything", async () => {
    for (const search of ["%", "_", "\\"]) {
      expect(await suspiciousAccounts(testDb.db, month, 1n, { ...all, search })).toEqual({ rows: [], total: 0 });
      expect(await suspiciousBranches(testDb.db, month, 1n, { ...all, search })).toEqual({ rows: [], total: 0 });
      expect(await suspiciousTransactions(testDb.db, month, 1n, { ...allTx, search })).toEqual({ rows: [], total: 0 });
    }
  });

  it.each(["in", "out"] as const)("direction %s keeps that direction's rows only, with search and paging", async (direction) => {
    const accounts = await suspiciousAccounts(testDb.db, month, A, { ...all, direction });
    const expectedA = expectedAccounts(month, A).filter((f) => f.direction === direction);
    expect(accounts).toEqual({ rows: expectedA, total: expectedA.length });

    const branches = await suspiciousBranches(testDb.db, month, B, { ...all, direction });
    expect(branches.rows).toEqual(expectedBranches(month, B).filter((f) => f.direction === direction));
    expect(branches.rows.map((row) => row.branch).sort()).toEqual(direction === "in" ? ["INABOVE", "INAT"] : ["OUTABOVE", "OUTAT"]);

    const narrowed = await suspiciousAccounts(testDb.db, month, A, { ...all, direction, search: "edge", page: { index: 1, size: 2 } });
    const expectedN = expectedA.filter((f) => matches("edge", f.bank, f.branch, f.account));
    expect(narrowed).toEqual({ rows: expectedN.slice(2, 4), total: expectedN.length });
  });
});

// ---- The transactions behind a row -------------------------------------------------------------

describe("partyTransactions", () => {
  const byTime = { sort: { key: "occurredAt", descending: false } } as const;
  const behind = (month: string, direction: FlowDirection, bank: string, branch: string, account?: string) =>
    sortTx(
      txOf(month).filter((tx) => {
        const party = direction === "out" ? tx.origin : tx.destination;
        return party.bank === bank && party.branch === branch && (account === undefined || party.account === account);
      }),
      "occurredAt",
      false,
    );

  it("an account's: the 20 transfers behind its row, over two imports", async () => {
    const { rows, total } = await partyTransactions(testDb.db, "2022-01", { direction: "out", bank: "EDGEA", branch: "ACC", account: "OUTAT" }, byTime);
    const expected = behind("2022-01", "out", "EDGEA", "ACC", "OUTAT");
    expect(rows.map(fromDb)).toEqual(expected.map(comparable));
    expect(total).toBe(20);
    expect(new Set(rows.map((row) => row.occurredAt.slice(0, 10)))).toEqual(new Set(["2022-01-03", "2022-01-17"]));
    expect(rows.reduce((sum, row) => sum + row.amount, 0n)).toBe(A);
    // The other direction, month and same-numbered accounts elsewhere are not mixed in.
    expect((await partyTransactions(testDb.db, "2022-01", { direction: "in", bank: "EDGEA", branch: "ACC", account: "OUTAT" }, byTime)).total).toBe(0);
    expect((await partyTransactions(testDb.db, "2022-01", { direction: "out", bank: "EDGEA", branch: "ACC1", account: "SAME" }, byTime)).total).toBe(12);
    expect((await partyTransactions(testDb.db, "2022-01", { direction: "out", bank: "EDGEM", branch: "ACC", account: "SPLIT" }, byTime)).total).toBe(6);
  });

  it("a branch's (no account): every account's transfers on that side", async () => {
    const { rows, total } = await partyTransactions(testDb.db, "2022-02", { direction: "in", bank: "EDGEB", branch: "INAT" }, byTime);
    expect(rows.map(fromDb)).toEqual(behind("2022-02", "in", "EDGEB", "INAT").map(comparable));
    expect(total).toBe(4);
    expect(rows.map((row) => row.destinationAccount).sort()).toEqual(["A1", "A2", "A3", "A4"]);
    expect(rows.reduce((sum, row) => sum + row.amount, 0n)).toBe(B);
  });

  it.each(months)("for every account and branch row of %s: the brute-force transactions, as many as the rollup counts", async (month) => {
    const accounts = (await suspiciousAccounts(testDb.db, month, 1n, all)).rows;
    expect(accounts.length).toBe(accountFlows(month).length);
    for (const row of accounts) {
      const { rows, total } = await partyTransactions(testDb.db, month, row, byTime);
      expect(rows.map(fromDb)).toEqual(behind(month, row.direction, row.bank, row.branch, row.account).map(comparable));
      expect(total).toBe(row.count);
      expect(rows.reduce((sum, tx) => sum + tx.amount, 0n)).toBe(row.total);
    }
    const branches = (await suspiciousBranches(testDb.db, month, 1n, all)).rows;
    for (const row of branches) {
      const { rows, total } = await partyTransactions(testDb.db, month, { direction: row.direction, bank: row.bank, branch: row.branch }, byTime);
      expect(rows.map(fromDb)).toEqual(behind(month, row.direction, row.bank, row.branch).map(comparable));
      expect(total).toBe(row.count);
      expect(rows.reduce((sum, tx) => sum + tx.amount, 0n)).toBe(row.total);
    }
  });

  it("pages, sorts and searches like the other lists", async () => {
    const party = { direction: "out", bank: "BANK1", branch: "0001" } as const;
    const full = await partyTransactions(testDb.db, "2022-01", party, allTx);
    expect(full.rows.map(fromDb)).toEqual(sortTx(behind("2022-01", "out", "BANK1", "0001")).map(comparable));
    expect(full.total).toBeGreaterThan(4);
    const page = await partyTransactions(testDb.db, "2022-01", party, { ...allTx, page: { index: 1, size: 2 } });
    expect(page).toEqual({ rows: full.rows.slice(2, 4), total: full.total });
    const searched = await partyTransactions(testDb.db, "2022-01", party, { ...allTx, search: "bank2" });
    const expected = full.rows.filter((row) => matches("bank2", row.destinationBank, row.destinationBranch, row.destinationAccount));
    expect(searched).toEqual({ rows: expected, total: expected.length });
  });
});

// ---- Figures and charts ------------------------------------------------------------------

/** Each imported day of the month: its volume, and the part at or above `threshold`. */
function expectedDays(month: (typeof months)[number], threshold: bigint) {
  return days[month].map((date) => {
    const rows = data.all.filter((tx) => tx.dateTime.startsWith(date));
    const suspicious = rows.filter((tx) => tx.amount >= threshold);
    return {
      date,
      total: rows.reduce((sum, tx) => sum + tx.amount, 0n),
      count: rows.length,
      suspiciousTotal: suspicious.reduce((sum, tx) => sum + tx.amount, 0n),
      suspiciousCount: suspicious.length,
    };
  });
}

/** A month's dashboard figures under the given thresholds; a month without imports has zeros. */
function expectedFigures(month: string, transaction: bigint, account: bigint, branch: bigint) {
  const rows = txOf(month);
  return {
    imports: month in days ? 3 : 0,
    transactions: rows.length,
    volume: rows.reduce((sum, tx) => sum + tx.amount, 0n),
    suspiciousTransactions: rows.filter((tx) => tx.amount >= transaction).length,
    suspiciousAccounts: accountFlows(month).filter((f) => f.total >= account).length,
    suspiciousBranches: expectedBranches(month, branch).length,
  };
}

describe("figures and charts", () => {
  it("analysisMonths lists the imported months, newest first", async () => {
    expect(await analysisMonths(testDb.db)).toEqual(["2022-02", "2022-01"]);
  });

  it.each(months.flatMap((month) => [T, T + 1n, cents("250000.00")].map((threshold) => [month, threshold] as const)))(
    "dailyVolume of %s above %s cents: each imported day's volume and suspicious part",
    async (month, threshold) => {
      expect(await dailyVolume(testDb.db, month, threshold)).toEqual(expectedDays(month, threshold));
    },
  );

  it.each(months)("dashboardFigures of %s: the month, the month before and the month's days, under the thresholds in force", async (month) => {
    const before = month === "2022-02" ? expectedFigures("2022-01", T, A, B) : expectedFigures("2021-12", T, A, B);
    expect(await dashboardFigures(testDb.db, month)).toEqual({
      current: expectedFigures(month, T, A, B),
      previous: before,
      days: expectedDays(month, T),
      latestMonth: "2022-02",
    });
  });

  it.each(months)("topAccounts of %s: largest totals first, ties by bank, branch, account, direction", async (month) => {
    const ranked = sortAccounts(accountFlows(month));
    expect(await topAccounts(testDb.db, month, 10)).toEqual(ranked.slice(0, 10));
    expect(await topAccounts(testDb.db, month, 100_000)).toEqual(ranked);
    // The largest are the crafted branches' transfers of 250,000,000.01 (and their sinks), ties broken by name.
    const top = await topAccounts(testDb.db, month, 4);
    expect(top.map((row) => row.total)).toEqual(Array(4).fill(cents("250000000.01")));
    expect(top.slice(0, 2).map((row) => [row.bank, row.branch, row.account, row.direction])).toEqual([
      ["EDGEB", "INABOVE", "A4", "in"],
      ["EDGEB", "OUTABOVE", "A4", "out"],
    ]);
    expect(top.slice(2).map((row) => [row.bank, row.direction])).toEqual([
      ["SINK", "in"],
      ["SINK", "out"],
    ]);
  });
});

// ---- A new thresholds version ---------------------------------------------------------------

describe("after the thresholds change", () => {
  let v2: Thresholds;

  beforeAll(async () => {
    // A cent lower for transactions and branches, a cent higher for accounts.
    v2 = await updateThresholds(testDb.db, actor, { transaction: T - 1n, account: A + 1n, branch: B - 1n });
  });

  it("the new version is in force and the old one is kept", async () => {
    expect(v2).toMatchObject({ version: 2, transaction: T - 1n, account: A + 1n, branch: B - 1n });
    expect(await currentThresholds(testDb.db)).toMatchObject({ version: 2, transaction: T - 1n, account: A + 1n, branch: B - 1n, createdBy: "Ana Analyst" });
    const versions = await listThresholdVersions(testDb.db, { index: 0, size: 10 });
    expect(versions.map((row) => [row.version, row.transaction, row.account, row.branch])).toEqual([
      [2, T - 1n, A + 1n, B - 1n],
      [1, T, A, B],
    ]);
  });

  it("the dashboard's figures follow the new values", async () => {
    const figures = await dashboardFigures(testDb.db, "2022-02");
    expect(figures.current).toEqual(expectedFigures("2022-02", T - 1n, A + 1n, B - 1n));
    expect(figures.previous).toEqual(expectedFigures("2022-01", T - 1n, A + 1n, B - 1n));
    expect(figures.days).toEqual(expectedDays("2022-02", T - 1n));
  });

  it.each(months)("the lists of %s follow the new values", async (month) => {
    const current = await currentThresholds(testDb.db);
    const transactions = await suspiciousTransactions(testDb.db, month, current.transaction, allTx);
    expect(transactions.rows.map(fromDb)).toEqual(expectedTransactions(month, T - 1n).map(comparable));
    expect(transactions.rows.filter((row) => row.originBank === "EDGET").map((row) => row.originAccount).sort()).toEqual(
      [month === "2022-01" ? "LATE" : "EARLY", "TABOVE", "TAT", "TBELOW"].sort(),
    );

    const accounts = await suspiciousAccounts(testDb.db, month, current.account, all);
    expect(accounts.rows).toEqual(expectedAccounts(month, A + 1n));
    expect(accounts.rows.filter((row) => row.bank === "EDGEA").map((row) => row.account)).toEqual(["INABOVE", "OUTABOVE"]);

    const branches = await suspiciousBranches(testDb.db, month, current.branch, all);
    expect(branches.rows).toEqual(expectedBranches(month, B - 1n));
    expect(branches.rows).toHaveLength(6);
    expect(branches.rows.map((row) => row.branch)).toContain("OUTBELOW");
  });

  it.each(months)("the report of %s says it used version 2, and version 1 still gives the old report", async (month) => {
    const report = await analysisReport(testDb.db, month, await currentThresholds(testDb.db));
    expect(report.thresholdsVersion).toBe(2);
    expect(report.thresholds).toEqual({ transaction: "99999.99", account: "1000000.01", branch: "999999999.99" });
    expect(report).toEqual(expectedReport(month, { version: 2, transaction: T - 1n, account: A + 1n, branch: B - 1n }));

    const [version1] = (await listThresholdVersions(testDb.db, { index: 0, size: 10 })).filter((row) => row.version === 1);
    const old = await analysisReport(testDb.db, month, version1);
    expect(old.thresholdsVersion).toBe(1);
    expect(old).toEqual(expectedReport(month, { version: 1, transaction: T, account: A, branch: B }));
    expect(old).not.toEqual({ ...report, thresholdsVersion: 1 });
  });
});
