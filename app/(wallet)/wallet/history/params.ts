import { z } from "zod";
import { historyKinds, type HistoryOptions } from "@/lib/ledger/wallets";
import { dayRange } from "@/lib/time";

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

/** The filters as walletHistory takes them: dates are whole days in `timeZone`, the one the lines' times are shown in, `to` included. */
export function historyOptions(params: HistoryParams, limit: number, timeZone: string): HistoryOptions {
  const days = dayRange(params, timeZone);
  return {
    limit,
    kind: params.kind,
    direction: params.direction,
    since: days.start,
    until: days.end,
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
