import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalDecimal } from "@/lib/money";
import type { Queryable } from "./db";
import type { ItemError, Outcome } from "./plan";

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

/** A request under its key: who sent it, the key, and the request's fingerprint. */
export type IdempotencyKey = { scope: IdempotencyScope; key: string; hash: string };

/** The answer to store under a key, with the movement it answers. */
export type Answer = IdempotencyKey & { response: unknown };

/** What to do with a request under its key. */
export type KeyVerdict<R> =
  | { run: true }
  /** Already answered (a retry), or the key was used for another request. */
  | { answer: Outcome<R> }
  /** The same key earlier in this batch: answer like that item. */
  | { sameAs: number };

const conflict: ItemError = { code: "IDEMPOTENCY_CONFLICT", message: "This Idempotency-Key was already used for a different request." };

/**
 * The answers stored under these keys. Send it after the statement that locks the wallets, so a
 * request with the same key that committed before the locks is found; `.execute()` it to
 * pipeline it behind them.
 */
export function storedAnswers(sql: Queryable, keys: IdempotencyKey[]) {
  return sql`
    select scope, key, request_hash, response from idempotency_keys
    where (scope, key) in (select * from unnest(${keys.map((entry) => entry.scope)}::text[], ${keys.map((entry) => entry.key)}::text[]))`;
}

const keyOf = (entry: { scope: string; key: string }) => `${entry.scope} ${entry.key}`;

/** The first item under each key in a batch: only those run, or are looked up. */
export function firstUnderKey(keys: Array<IdempotencyKey | null>): Map<string, number> {
  const first = new Map<string, number>();
  keys.forEach((entry, i) => {
    if (entry && !first.has(keyOf(entry))) first.set(keyOf(entry), i);
  });
  return first;
}

/**
 * Each request's verdict, from the answers stored before it: a retry gets the stored answer, a
 * different request under a used key IDEMPOTENCY_CONFLICT, a repeat within the batch its first
 * item's answer (or the conflict), a new key (or none) runs. Only a movement that ran stores its
 * answer: a refused one stores nothing, so its retry runs again.
 */
export function judgeKeys<R>(keys: Array<IdempotencyKey | null>, stored: Array<{ scope: string; key: string; request_hash: string; response: unknown }>): Array<KeyVerdict<R>> {
  const answers = new Map(stored.map((row) => [keyOf(row), row]));
  const first = firstUnderKey(keys);
  return keys.map((entry, i): KeyVerdict<R> => {
    if (!entry) return { run: true };
    const previous = answers.get(keyOf(entry));
    if (previous) return { answer: previous.request_hash === entry.hash ? { ok: true, result: previous.response as R } : { ok: false, error: conflict } };
    const firstIndex = first.get(keyOf(entry))!;
    if (firstIndex === i) return { run: true };
    return keys[firstIndex]!.hash === entry.hash ? { sameAs: firstIndex } : { answer: { ok: false, error: conflict } };
  });
}
