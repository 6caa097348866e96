import type postgres from "postgres";

// Serialization failures and deadlocks: the transaction did nothing and can run again.
const retryableCodes = new Set(["40001", "40P01"]);
const maxAttempts = 6;

/** Thrown inside `inTransaction` when a concurrent transaction got there first: roll back and run again. */
export class TransactionConflict extends Error {}

function isRetryable(error: unknown): boolean {
  if (error instanceof TransactionConflict) return true;
  return typeof error === "object" && error !== null && "code" in error && retryableCodes.has(String(error.code));
}

/**
 * Runs `work` in one database transaction, again (a bounded number of times, after a short
 * random pause) if PostgreSQL aborted it as a deadlock or serialization failure, so neither
 * ever reaches a caller under normal contention.
 */
export async function inTransaction<T>(sql: postgres.Sql, work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await sql.begin((tx) => work(tx))) as T;
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
