import { z } from "zod";
import { historyKinds, type HistoryOptions } from "@/lib/ledger/wallets";

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The history page's query, read leniently: a bad value is as good as absent. */
const historyParamsSchema = z.object({
  wallet: optional(z.string()),
  kind: optional(z.enum(historyKinds)),
  direction: optional(z.enum(["in", "out"])),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  before: optional(z.string().regex(/^\d{1,19}$/)),
  after: optional(z.string().regex(/^\d{1,19}$/)),
});
export type HistoryParams = z.infer<typeof historyParamsSchema>;

export function parseHistoryParams(params: Record<string, string | string[] | undefined>): HistoryParams {
  return historyParamsSchema.parse(params);
}

const day = 24 * 60 * 60_000;

/** The filters as walletHistory takes them: dates are whole days in UTC, `to` included. */
export function historyOptions(params: HistoryParams, limit: number): HistoryOptions {
  return {
    limit,
    kind: params.kind,
    direction: params.direction,
    since: params.from ? new Date(`${params.from}T00:00:00Z`) : undefined,
    until: params.to ? new Date(new Date(`${params.to}T00:00:00Z`).getTime() + day) : undefined,
    before: params.before,
    after: params.before ? undefined : params.after,
  };
}

/** A link to the history with these filters and one cursor (or none: the newest lines). */
export function historyHref(walletId: string, params: HistoryParams, cursor?: { before: string } | { after: string }): string {
  const query = new URLSearchParams({ wallet: walletId });
  for (const key of ["kind", "direction", "from", "to"] as const) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  if (cursor && "before" in cursor) query.set("before", cursor.before);
  if (cursor && "after" in cursor) query.set("after", cursor.after);
  return `/wallet/history?${query}`;
}
