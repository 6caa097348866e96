import type postgres from "postgres";
import type { LedgerSql, LedgerTx } from "./db";

// Serialization failures and deadlocks: the transaction did nothing and can run again.
const retryableCodes = new Set(["40001", "40P01"]);
const maxAttempts = 6;

function isRetryable(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  // An idempotency key stored by a concurrent request since this one looked: run again, and answer from it.
  if (error.code === "23505" && "constraint_name" in error && error.constraint_name === "idempotency_keys_scope_key_pk") return true;
  return retryableCodes.has(String(error.code));
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/**
 * Runs `work` in one database transaction, again (a bounded number of times, after a short
 * random pause) if PostgreSQL aborted it as a deadlock or serialization failure, so neither
 * ever reaches a caller under normal contention.
 */
export async function inTransaction<T>(sql: LedgerSql, work: (tx: LedgerTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await sql.begin((tx) => work(tx))) as T;
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      await pause(attempt);
    }
  }
}

/**
 * `inTransaction` in fewer round trips, for the hottest path: on one reserved connection, BEGIN
 * goes out with `work`'s first statements and COMMIT right behind its last write (`commitWith`,
 * already sent), so neither waits for an answer of its own. A failed write makes PostgreSQL turn
 * that COMMIT into a rollback.
 */
export async function inPipelinedTransaction<T>(
  sql: LedgerSql,
  work: (tx: postgres.ReservedSql) => Promise<{ result: T; commitWith?: Promise<unknown> }>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = await sql.reserve();
    let open = true;
    try {
      const begun = tx`begin`.execute();
      // Its failure also fails every statement behind it, which is where it is reported.
      begun.catch(() => {});
      const { result, commitWith } = await work(tx);
      await Promise.all([begun, commitWith, tx`commit`.execute()]);
      open = false;
      return result;
    } catch (error) {
      if (open) await tx`rollback`.execute().catch(() => {});
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
      await pause(attempt);
    } finally {
      tx.release();
    }
  }
}
