import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { daysOf, monthRange } from "@/lib/analysis/month";
import { addImportToMonthlyTotals } from "@/lib/analysis/rollups";

/**
 * The analysis bench's data: `months` consecutive months from `firstMonth`, `rowsPerMonth`
 * transactions each, one import per day, generated inside PostgreSQL from a hash of each row's
 * number, so every load of the same shape holds the same rows. The last month is the measured one.
 */
export type DataShape = { firstMonth: string; months: number; rowsPerMonth: number };

// Bump when the generated rows change, so a database loaded by an older generator is reloaded.
const generatorVersion = 1;
const markerTable = "bench_analysis_load";
const savedIndexesTable = "bench_analysis_indexes";
const root = path.resolve(import.meta.dirname, "..", "..");

export const banks = [
  "BANCO DO BRASIL",
  "BANCO BRADESCO",
  "BANCO SANTANDER",
  "ITAU UNIBANCO",
  "CAIXA ECONOMICA FEDERAL",
  "BANCO INTER",
  "NU PAGAMENTOS",
  "BANCO SAFRA",
];
const branchesPerBank = 40;
const accountCount = 200_000;

export function monthsOf(shape: DataShape): string[] {
  const [year, month] = shape.firstMonth.split("-").map(Number);
  return Array.from({ length: shape.months }, (_, i) => {
    const index = year * 12 + month - 1 + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

export function measuredMonth(shape: DataShape): string {
  return monthsOf(shape).at(-1)!;
}

export function dayCount(shape: DataShape): number {
  return monthsOf(shape).reduce((days, month) => days + daysOf(month).length, 0);
}

/** What a reusable database must have been loaded with: the shape, the generator and the schema. */
function fingerprint(shape: DataShape): string {
  const journal = readFileSync(path.join(root, "db", "migrations", "meta", "_journal.json"), "utf8");
  const migrations = (JSON.parse(journal) as { entries: { tag: string }[] }).entries.map((entry) => entry.tag);
  return createHash("sha256").update(JSON.stringify({ generatorVersion, shape, migrations })).digest("hex").slice(0, 16);
}

export type LoadRecord = { loadedAt: Date; seconds: number; transactions: number };

/** The earlier load this database holds, if it is of this shape and complete; otherwise null. */
export async function existingLoad(sql: postgres.Sql, shape: DataShape): Promise<LoadRecord | null> {
  const [table] = await sql`select to_regclass(${markerTable}) as name`;
  if (!table.name) return null;
  const [marker] = await sql.unsafe(`select fingerprint, loaded_at, seconds, transactions from ${markerTable}`);
  if (!marker || marker.fingerprint !== fingerprint(shape)) return null;
  const [imports] = await sql`select count(*)::int as days, coalesce(sum(transaction_count), 0)::bigint as rows from imports`;
  const expected = shape.months * shape.rowsPerMonth;
  if (imports.days !== dayCount(shape) || Number(imports.rows) !== expected || Number(marker.transactions) !== expected) return null;
  // Indexes dropped by a load that never finished.
  const [saved] = await sql`select to_regclass(${savedIndexesTable}) as name`;
  if (saved.name && (await sql.unsafe(`select 1 from ${savedIndexesTable} limit 1`)).length > 0) return null;
  return { loadedAt: marker.loaded_at as Date, seconds: Number(marker.seconds), transactions: expected };
}

type Log = (line: string) => void;

async function step<T>(log: Log, label: string, work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  log(`${label}: ${seconds.toFixed(1)} s`);
  return { value, seconds };
}

// A uniform non-negative bigint from the row number `n` and a per-field seed (PostgreSQL's own hash,
// the same on every machine).
const hash = (seed: number) => `(hashint8extended(n, ${seed}) & 9223372036854775807)`;

/**
 * Which of the accounts 0 … accountCount-1 a side of row `n` uses. Most rows pick any account; of the
 * large ones (`large` true) 45% go through one of three hub branches (bank 1, 2 and 3's first
 * branch, 40 accounts each), 50% through a pool of 300 corporate accounts, 5% through any account.
 * Account a is in bank a % 8 and that bank's branch (a / 8) % 40.
 */
function accountIndex(seed: number): string {
  const h = hash(seed);
  return `case
      when not large then ${h} / 100 % ${accountCount}
      when ${h} % 100 < 45 then ${h} / 100 % 3 + 320 * (${h} / 300 % 40)
      when ${h} % 100 < 95 then 12800 + ${h} / 100 % 300
      else ${h} / 100 % ${accountCount}
    end`;
}

/** Bank, branch code and account number of the account index `a` (SQL expressions). */
function party(a: string) {
  const bankList = `array[${banks.map((bank) => `'${bank}'`).join(", ")}]`;
  return {
    bank: `(${bankList})[${a} % 8 + 1]`,
    branch: `lpad((1 + (${a} / 8 % ${branchesPerBank}) * 37 + (${a} % 8) * 11)::text, 4, '0')`,
    // 7919 is prime to 100000, so the 625 accounts of a branch get distinct numbers.
    account: `lpad(((${a} / 320) * 7919 % 100000)::text, 5, '0') || '-' || ((${a} / 320 * 7 + ${a} % 320) % 10)::text`,
  };
}

/** The import id of a day: fixed, so the same load always makes the same ids. */
const importIdOf = (day: string) => `md5('ledgerwatch-bench-analysis:' || ${day})::uuid`;

/**
 * One month's transactions, rows spread evenly over its days (each row inside its import's day).
 * 1.2% are large (BRL 100,000.00 to 3,000,000.00, log-uniform), the rest BRL 1.00 to 60,000.00.
 * (`offset 0` keeps each lateral subquery from being inlined, so its hashes are computed once.)
 */
function monthInsert(month: string, monthIndex: number, rows: number): string {
  const days = daysOf(month).length;
  const origin = party("o");
  const destination = party("d");
  const unit = (seed: number) => `(${hash(seed)}::float8 / 9223372036854775808.0::float8)`;
  return `
    insert into transactions (import_id, origin_bank, origin_branch, origin_account,
      destination_bank, destination_branch, destination_account, amount, occurred_at)
    select ${importIdOf(`to_char(date '${month}-01' + (g * ${days} / ${rows})::int, 'YYYY-MM-DD')`)},
      ${origin.bank}, ${origin.branch}, ${origin.account},
      ${destination.bank}, ${destination.branch}, ${destination.account},
      amount,
      timestamp '${month}-01 00:00:00' + make_interval(secs => (g * ${days} * 86400 / ${rows})::float8)
    from generate_series(0::bigint, ${rows - 1}) g
    cross join lateral (select ${monthIndex}::bigint * ${rows} + g as n) r
    cross join lateral (select ${hash(1)} % 1000 < 12 as large offset 0) k
    cross join lateral (
      select ${accountIndex(2)} as o, ${accountIndex(3)} as d,
        case when large
          then 10000000 + floor(10000000 * (exp(${unit(4)} * ln(30)) - 1))::bigint
          else floor(exp(ln(100) + ${unit(4)} * ln(60000)))::bigint
        end as amount
      offset 0
    ) p`;
}

/** Secondary indexes of `transactions` (not the primary key), as PostgreSQL has them: the migrations' definitions. */
async function captureIndexes(sql: postgres.Sql): Promise<{ name: string; definition: string }[]> {
  await sql.unsafe(`create table if not exists ${savedIndexesTable} (name text primary key, definition text not null)`);
  // Kept in a table until they are rebuilt, so a load that is killed half way still knows them.
  await sql.unsafe(`
    insert into ${savedIndexesTable} (name, definition)
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = 'transactions'
      and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
    on conflict (name) do nothing`);
  return (await sql.unsafe(`select name, definition from ${savedIndexesTable} order by name`)) as unknown as {
    name: string;
    definition: string;
  }[];
}

export type LoadTimings = { total: number; steps: { label: string; seconds: number }[] };

/**
 * Empties the transaction tables and loads `shape`: imports, transactions (secondary indexes
 * dropped meanwhile and rebuilt from their own definitions), the monthly rollups, the imports'
 * totals, VACUUM ANALYZE; then records the load so later runs reuse it.
 */
export async function loadData(sql: postgres.Sql, shape: DataShape, log: Log): Promise<LoadTimings> {
  const started = performance.now();
  const steps: { label: string; seconds: number }[] = [];
  const timed = async <T>(label: string, work: () => Promise<T>) => {
    const { value, seconds } = await step(log, label, work);
    steps.push({ label, seconds });
    return value;
  };
  const months = monthsOf(shape);
  const measured = measuredMonth(shape);
  const [admin] = await sql`select id from users where is_system order by created_at limit 1`;
  if (!admin) throw new Error("no seeded administrator to own the imports");

  await sql`set synchronous_commit = off`;
  await sql`set maintenance_work_mem = '512MB'`;
  await sql`set work_mem = '256MB'`;
  await sql.unsafe(`drop table if exists ${markerTable}`);
  const indexes = await captureIndexes(sql);

  await timed("emptied the tables", async () => {
    await sql`truncate transactions, import_ignored_lines, imports, account_monthly_totals, branch_monthly_totals restart identity`;
    for (const index of indexes) await sql.unsafe(`drop index if exists "${index.name}"`);
  });

  await sql.unsafe(
    // The load builds the monthly totals itself, so the imports are marked as already in them.
    `insert into imports (id, file_name, format, transactions_date, imported_by, imported_at, transaction_count, ignored_count, byte_count, totals_applied_at)
    select ${importIdOf("to_char(day, 'YYYY-MM-DD')")}, 'bench-' || to_char(day, 'YYYY-MM-DD') || '.csv', 'csv', day,
      $1, day + interval '1 day 6 hours', 0, 0, 0, day + interval '1 day 6 hours'
    from generate_series($2::date, $3::date - 1, interval '1 day') day`,
    [admin.id as string, `${months[0]}-01`, monthRange(measured).end],
  );

  const generated = performance.now();
  for (const [index, month] of months.entries()) {
    const started = performance.now();
    await sql.unsafe(monthInsert(month, index, shape.rowsPerMonth));
    log(`  ${month}: ${shape.rowsPerMonth.toLocaleString("en")} transactions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  steps.push({ label: "generated the transactions", seconds: (performance.now() - generated) / 1000 });
  log(`generated the transactions: ${steps.at(-1)!.seconds.toFixed(1)} s`);

  await timed(`rebuilt ${indexes.length} indexes`, async () => {
    for (const index of indexes) {
      const started = performance.now();
      await sql.unsafe(index.definition);
      log(`  ${index.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await sql.unsafe(`drop table ${savedIndexesTable}`);
  });

  await timed("imports' totals", () =>
    sql`
      update imports i set transaction_count = s.count, total_amount = s.total, byte_count = s.bytes
      from (
        select import_id, count(*)::int as count, sum(amount) as total,
          sum(octet_length(origin_bank) + octet_length(origin_branch) + octet_length(origin_account)
            + octet_length(destination_bank) + octet_length(destination_branch) + octet_length(destination_account)
            + length(amount::text) + 29)::bigint as bytes
        from transactions group by import_id
      ) s
      where i.id = s.import_id`,
  );

  // The months before the measured one in one pass each (the rows the importer's upserts add up
  // to); the measured month import by import, by the importer's own code.
  const { start } = monthRange(measured);
  await timed(`rollups of ${months.length - 1} earlier months (set-based)`, async () => {
    await sql`
      insert into account_monthly_totals (month, direction, bank, branch, account, total, count)
      select date_trunc('month', occurred_at)::date, 'out'::flow_direction, origin_bank, origin_branch, origin_account, sum(amount), count(*)
      from transactions where occurred_at < ${start} group by 1, 3, 4, 5
      union all
      select date_trunc('month', occurred_at)::date, 'in'::flow_direction, destination_bank, destination_branch, destination_account, sum(amount), count(*)
      from transactions where occurred_at < ${start} group by 1, 3, 4, 5`;
    await sql`
      insert into branch_monthly_totals (month, direction, bank, branch, total, count)
      select month, direction, bank, branch, sum(total), sum(count) from account_monthly_totals group by 1, 2, 3, 4`;
  });
  await timed(`rollups of ${measured} (addImportToMonthlyTotals, per import)`, async () => {
    const days = await sql`select id from imports where transactions_date >= ${start} order by transactions_date`;
    for (const day of days) await sql.begin((tx) => addImportToMonthlyTotals(tx, day.id as string, measured));
  });
  await timed(`verified the ${measured} rollups against a fresh aggregation`, () => verifyRollups(sql, measured));

  await timed("VACUUM ANALYZE", async () => {
    for (const table of ["transactions", "imports", "account_monthly_totals", "branch_monthly_totals"]) {
      await sql.unsafe(`vacuum (analyze) ${table}`);
    }
    await sql`checkpoint`;
  });

  const total = (performance.now() - started) / 1000;
  await sql.unsafe(`create table ${markerTable} (fingerprint text not null, loaded_at timestamptz not null, seconds float8 not null, transactions bigint not null)`);
  await sql.unsafe(`insert into ${markerTable} values ($1, now(), $2, $3)`, [fingerprint(shape), total, shape.months * shape.rowsPerMonth]);
  return { total, steps };
}

/** Fails unless the month's account and branch totals are exactly what its transactions add up to. */
async function verifyRollups(sql: postgres.Sql, month: string): Promise<void> {
  const { start, end } = monthRange(month);
  const [accounts] = await sql`
    with fresh as (
      select 'out'::flow_direction as direction, origin_bank as bank, origin_branch as branch, origin_account as account, sum(amount) as total, count(*)::int as count
      from transactions where occurred_at >= ${start} and occurred_at < ${end} group by 2, 3, 4
      union all
      select 'in', destination_bank, destination_branch, destination_account, sum(amount), count(*)::int
      from transactions where occurred_at >= ${start} and occurred_at < ${end} group by 2, 3, 4
    ), stored as (
      select direction, bank, branch, account, total, count from account_monthly_totals where month = ${start}
    )
    select (select count(*) from fresh)::int as fresh, (select count(*) from stored)::int as stored,
      (select count(*) from (select * from fresh except select * from stored) x)::int as missing,
      (select count(*) from (select * from stored except select * from fresh) x)::int as extra`;
  const [branches] = await sql`
    with fresh as (
      select 'out'::flow_direction as direction, origin_bank as bank, origin_branch as branch, sum(amount) as total, count(*)::int as count
      from transactions where occurred_at >= ${start} and occurred_at < ${end} group by 2, 3
      union all
      select 'in', destination_bank, destination_branch, sum(amount), count(*)::int
      from transactions where occurred_at >= ${start} and occurred_at < ${end} group by 2, 3
    ), stored as (
      select direction, bank, branch, total, count from branch_monthly_totals where month = ${start}
    )
    select (select count(*) from fresh)::int as fresh, (select count(*) from stored)::int as stored,
      (select count(*) from (select * from fresh except select * from stored) x)::int as missing,
      (select count(*) from (select * from stored except select * from fresh) x)::int as extra`;
  for (const [label, check] of [
    ["account_monthly_totals", accounts],
    ["branch_monthly_totals", branches],
  ] as const) {
    if (check.missing !== 0 || check.extra !== 0 || check.fresh !== check.stored) {
      throw new Error(
        `${label} for ${month} differ from the transactions: ${check.stored} stored rows, ${check.fresh} expected, ` +
          `${check.missing} missing or different, ${check.extra} extra`,
      );
    }
  }
}
