import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { importIgnoredLines, imports, transactions, users } from "@/db/schema";
import { setupTestDatabase } from "@/test/database";
import { challengeFile as sample } from "@/test/fixtures/challenge";
import { ImportFileError } from "./errors";
import { importTransactions, NothingToImportError, type ImportRequest } from "./importer";


const testDb = setupTestDatabase();
let actor: { id: string; label: string; ip: string };

beforeAll(async () => {
  const [user] = await testDb.db
    .insert(users)
    .values({ name: "Ana Analyst", email: "ana@ledgerwatch.test", role: "analyst", passwordHash: "x" })
    .returning({ id: users.id });
  actor = { id: user.id, label: "ana@ledgerwatch.test", ip: "127.0.0.1" };
});

async function* chunks(content: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

function request(content: string | Uint8Array, overrides: Partial<ImportRequest> = {}): ImportRequest {
  return { fileName: "file.csv", format: "csv", body: chunks(content), maxBytes: 1024 * 1024, ...overrides };
}

const run = (content: string | Uint8Array, overrides: Partial<ImportRequest> = {}) =>
  importTransactions(testDb.db, actor, request(content, overrides));

async function refusal(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

async function storedFor(date: string) {
  const [{ count }] = await testDb.db
    .select({ count: sql<number>`count(*)::int` })
    .from(transactions)
    .where(sql`${transactions.occurredAt}::date = ${date}`);
  const importRows = await testDb.db.select().from(imports).where(eq(imports.transactionsDate, date));
  return { transactions: count, imports: importRows.length };
}

const line = (date: string, amount = "100", bank = "BANCO A") => `${bank},0001,00001-1,BANCO B,0002,00002-2,${amount},${date}T10:00:00`;

describe("the challenge's sample files", () => {
  it("stores the 10 transactions of transacoes-2022-01-01.csv", async () => {
    const summary = await run(sample("transacoes-2022-01-01.csv"), { fileName: "transacoes-2022-01-01.csv" });
    expect(summary).toMatchObject({ transactionsDate: "2022-01-01", imported: 10, ignoredCount: 0, ignored: [] });
    const [stored] = await testDb.db.select().from(imports).where(eq(imports.id, summary.id));
    expect(stored).toMatchObject({ importedBy: actor.id, fileName: "transacoes-2022-01-01.csv", transactionCount: 10 });
    // 79800.22 is stored as exact cents.
    const amounts = await testDb.db.select({ amount: transactions.amount }).from(transactions).where(eq(transactions.importId, summary.id));
    expect(amounts.map((row) => row.amount)).toContain(7980022n);
  });

  it("refuses exemplo.csv, whose date was imported above, and stores nothing of it", async () => {
    const error = await refusal(run(sample("exemplo.csv")));
    expect(error.code).toBe("DATE_ALREADY_IMPORTED");
    expect(error.message).toContain("2022-01-01");
    expect(await storedFor("2022-01-01")).toEqual({ transactions: 10, imports: 1 });
  });

  it("stores the 10 transactions of transacoes-2022-01-02.xml", async () => {
    const summary = await run(sample("transacoes-2022-01-02.xml"), { format: "xml", fileName: "transacoes-2022-01-02.xml" });
    expect(summary).toMatchObject({ transactionsDate: "2022-01-02", imported: 10, ignoredCount: 0 });
  });
});

describe("exemplo.csv on a fresh day", () => {
  it("stores 6 and says why lines 4, 6, 9 and 10 were ignored", async () => {
    const shifted = sample("exemplo.csv").toString("utf8").replaceAll("2022-01-", "2023-05-");
    const summary = await run(shifted);
    expect(summary.transactionsDate).toBe("2023-05-01");
    expect(summary.imported).toBe(6);
    expect(summary.ignored.map((ignored) => ignored.line)).toEqual([4, 6, 9, 10]);
    expect(summary.ignored[0].reason).toMatch(/amount/);
    expect(summary.ignored[1].reason).toContain("2023-05-03");
    expect(summary.ignored[3].reason).toMatch(/destination account/);
    const kept = await testDb.db.select().from(importIgnoredLines).where(eq(importIgnoredLines.importId, summary.id));
    expect(kept).toHaveLength(4);
  });
});

describe("the challenge's rules", () => {
  it.each([
    ["no bytes", ""],
    ["only whitespace", "  \n\r\n\t\n"],
    ["only a BOM", "\uFEFF"],
  ])("refuses an empty file (%s)", async (_name, content) => {
    expect((await refusal(run(content))).code).toBe("EMPTY_FILE");
  });

  it("takes the date of the first valid transaction when the first line is invalid", async () => {
    const summary = await run([line("2024-02-02", ""), line("2024-02-03"), line("2024-02-02"), line("2024-02-03", "5.50")].join("\n"));
    expect(summary.transactionsDate).toBe("2024-02-03");
    expect(summary.imported).toBe(2);
    expect(summary.ignored.map((ignored) => ignored.line)).toEqual([1, 3]);
  });

  // A comma inside an amount needs quotes in CSV, or it splits the field.
  const badAmounts = ['"19000,50"', "99999.999", "0.1e3", "-10", "0", "0.00", "99999999999999999999"];
  it.each(badAmounts.map((amount, index) => [amount, `2024-03-${10 + index}`]))("ignores the amount %s", async (amount, date) => {
    const summary = await run([line(date, amount), line(date, "1.00")].join("\n"));
    expect(summary.imported).toBe(1);
    expect(summary.ignored).toEqual([{ line: 1, reason: expect.stringMatching(/amount/) }]);
  });

  it("ignores a line with a missing field or a date-time that does not parse", async () => {
    const summary = await run(
      [line("2024-04-01"), "BANCO A,0001,00001-1,BANCO B,0002,,100,2024-04-01T10:00:00", line("2024-04-01").replace("T10:00:00", "T25:00:00"), "BANCO A,0001"].join("\r\n"),
    );
    expect(summary.imported).toBe(1);
    expect(summary.ignored.map((ignored) => ignored.line)).toEqual([2, 3, 4]);
  });

  it("refuses a file with no valid transaction, listing why, and stores nothing", async () => {
    const error = await refusal(run(["nonsense", line("2024-05-01", "abc")].join("\n")));
    expect(error).toBeInstanceOf(NothingToImportError);
    expect((error as NothingToImportError).ignored.map((ignored) => ignored.line)).toEqual([1, 2]);
    expect(await storedFor("2024-05-01")).toEqual({ transactions: 0, imports: 0 });
  });

  it("refuses a file larger than the limit and stores nothing", async () => {
    const content = Array.from({ length: 200 }, () => line("2024-06-01")).join("\n");
    const error = await refusal(run(content, { maxBytes: 1000 }));
    expect(error.code).toBe("TOO_LARGE");
    expect(await storedFor("2024-06-01")).toEqual({ transactions: 0, imports: 0 });
  });

  it("stores nothing when the upload breaks off half-way", async () => {
    async function* broken() {
      yield new TextEncoder().encode(Array.from({ length: 1000 }, () => line("2024-07-01")).join("\n") + "\n");
      throw new Error("connection reset");
    }
    await expect(importTransactions(testDb.db, actor, { ...request(""), body: broken() })).rejects.toThrow("connection reset");
    expect(await storedFor("2024-07-01")).toEqual({ transactions: 0, imports: 0 });
    // The same day imports cleanly afterwards.
    expect((await run(line("2024-07-01"))).imported).toBe(1);
  });

  it("lets only one of two simultaneous uploads of the same day through", async () => {
    const content = Array.from({ length: 2000 }, () => line("2024-08-01")).join("\n");
    const results = await Promise.allSettled([run(content), run(content)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as ImportFileError).code).toBe("DATE_ALREADY_IMPORTED");
    expect(await storedFor("2024-08-01")).toEqual({ transactions: 2000, imports: 1 });
  });

  it("keeps backslashes, commas and quotes in text fields exactly, and ignores control characters", async () => {
    const summary = await run(
      [
        `"BANCO \\ A, ""X""",0001,00001-1,BANCO B,0002,00002-2,1.05,2024-09-01T10:00:00`,
        `"BANCO\tTAB",0001,00001-1,BANCO B,0002,00002-2,1.05,2024-09-01T10:00:00`,
      ].join("\n"),
    );
    expect(summary.ignored).toEqual([{ line: 2, reason: expect.stringMatching(/control character/) }]);
    const [row] = await testDb.db.select().from(transactions).where(eq(transactions.importId, summary.id));
    expect(row).toMatchObject({ originBank: 'BANCO \\ A, "X"', amount: 105n, occurredAt: "2024-09-01 10:00:00" });
  });
});
