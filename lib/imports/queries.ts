import { asc, count, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { importIgnoredLines, imports, transactions, users } from "@/db/schema";
import type { Page } from "@/lib/paging";

export const importSortKeys = ["transactionsDate", "importedAt", "fileName", "transactionCount"] as const;
export type ImportSortKey = (typeof importSortKeys)[number];

const importColumns = {
  id: imports.id,
  fileName: imports.fileName,
  format: imports.format,
  transactionsDate: imports.transactionsDate,
  importedAt: imports.importedAt,
  importedById: imports.importedBy,
  importedBy: users.name,
  transactionCount: imports.transactionCount,
  ignoredCount: imports.ignoredCount,
  byteCount: imports.byteCount,
  totalsAppliedAt: imports.totalsAppliedAt,
};

export type ImportRow = Awaited<ReturnType<typeof getImport>>;

export async function listImports(db: Database, sort: { key: ImportSortKey; descending: boolean }, page: Page) {
  const order = sort.descending ? desc(imports[sort.key]) : asc(imports[sort.key]);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(importColumns)
      .from(imports)
      .innerJoin(users, eq(users.id, imports.importedBy))
      .orderBy(order, desc(imports.id))
      .limit(page.size)
      .offset(page.index * page.size),
    db.select({ total: count() }).from(imports),
  ]);
  return { rows, total };
}

export async function getImport(db: Database, id: string) {
  const [row] = await db.select(importColumns).from(imports).innerJoin(users, eq(users.id, imports.importedBy)).where(eq(imports.id, id));
  return row ?? null;
}

/** The columns every list of transactions shows. */
export const transactionColumns = {
  id: transactions.id,
  originBank: transactions.originBank,
  originBranch: transactions.originBranch,
  originAccount: transactions.originAccount,
  destinationBank: transactions.destinationBank,
  destinationBranch: transactions.destinationBranch,
  destinationAccount: transactions.destinationAccount,
  amount: transactions.amount,
  currency: transactions.currency,
  occurredAt: transactions.occurredAt,
};
export type TransactionRow = { [Key in keyof typeof transactionColumns]: (typeof transactionColumns)[Key]["_"]["data"] };

/** One page of an import's transactions, in file order; the total is the import's stored count. */
export function listImportTransactions(db: Database, importId: string, page: Page) {
  return db
    .select(transactionColumns)
    .from(transactions)
    .where(eq(transactions.importId, importId))
    .orderBy(asc(transactions.id))
    .limit(page.size)
    .offset(page.index * page.size);
}

export function listIgnoredLines(db: Database, importId: string, page: Page) {
  return db
    .select({ line: importIgnoredLines.position, reason: importIgnoredLines.reason })
    .from(importIgnoredLines)
    .where(eq(importIgnoredLines.importId, importId))
    .orderBy(asc(importIgnoredLines.position))
    .limit(page.size)
    .offset(page.index * page.size);
}
