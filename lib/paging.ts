import { z } from "zod";
import { pageSizes } from "./page-sizes";

export { pageSizes };

export type Page = { index: number; size: number };

export const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((size) => (pageSizes as readonly number[]).includes(size))
    .catch(25),
});

/** Reads `?page=` (from 1) and `?size=` leniently: a bad value falls back to the default. */
export function parsePage(params: Record<string, unknown>): Page {
  const { page, size } = pageSchema.parse(params);
  return { index: page - 1, size };
}

/**
 * Escapes LIKE wildcards so a search for "50%" matches that text, not everything. NUL goes:
 * PostgreSQL text can't hold it (a query carrying one fails), so no stored value has one.
 */
export function escapeLike(text: string): string {
  return text.replaceAll("\0", "").replace(/[\\%_]/g, (char) => `\\${char}`);
}
