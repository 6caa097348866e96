import { createHash } from "node:crypto";
import type postgres from "postgres";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { canonicalDecimal } from "@/lib/money";

export const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1, "Send an Idempotency-Key header: a unique string per request, reused only to retry it.")
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, "The Idempotency-Key can't hold control characters.");

/** Who a key belongs to: two callers may use the same key for different requests. */
export type IdempotencyScope = string;

/**
 * A stable fingerprint of a request, to tell a retry from a different request under the same key.
 * An amount counts by its value, so a retry that writes "10" for "10.00" is the same request.
 */
export function requestHash(operation: string, request: Record<string, unknown>): string {
  const value = (key: string) => (key === "amount" && typeof request[key] === "string" ? canonicalDecimal(request[key]) : request[key]);
  const canonical = JSON.stringify([operation, Object.keys(request).sort().map((key) => [key, value(key)])]);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * Runs `work` once per key. The key row is inserted first, in the same transaction as the
 * money movement: a concurrent request with the same key waits on it, then finds the committed
 * answer; if the first one failed and rolled back, the second one runs instead.
 */
export async function once<T extends Record<string, unknown>>(
  tx: postgres.TransactionSql,
  scope: IdempotencyScope,
  key: string,
  hash: string,
  work: () => Promise<T>,
): Promise<T> {
  const claimed = await tx`
    insert into idempotency_keys (scope, key, request_hash, response) values (${scope}, ${key}, ${hash}, '{}')
    on conflict do nothing returning key`;
  if (claimed.length === 0) {
    const [existing] = await tx`select request_hash, response from idempotency_keys where scope = ${scope} and key = ${key}`;
    if (existing.request_hash !== hash) {
      throw new DomainError("IDEMPOTENCY_CONFLICT", "This Idempotency-Key was already used for a different request.");
    }
    return existing.response as T;
  }
  const response = await work();
  // Sent as text and cast in SQL: a bare JSON parameter is serialized differently by drizzle's
  // postgres.js client (passed through) and a plain one (stringified again, a JSON string).
  await tx`update idempotency_keys set response = ${JSON.stringify(response)}::text::jsonb where scope = ${scope} and key = ${key}`;
  return response;
}
