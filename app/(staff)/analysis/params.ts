import { z } from "zod";
import { flowDirection } from "@/db/schema";
import { monthSchema } from "@/lib/analysis/month";
import { accountSortKeys, branchSortKeys, transactionSortKeys, type FlowOptions } from "@/lib/analysis/queries";
import { parsePage } from "@/lib/paging";

export const sections = {
  transactions: { prefix: "t", sortKeys: transactionSortKeys, defaultSort: "amount" },
  accounts: { prefix: "a", sortKeys: accountSortKeys, defaultSort: "total" },
  branches: { prefix: "b", sortKeys: branchSortKeys, defaultSort: "total" },
} as const;
export type Section = keyof typeof sections;

type SortKeyOf<S extends Section> = (typeof sections)[S]["sortKeys"][number];

/** The month asked for, if it is a valid "YYYY-MM". */
export function monthParam(params: Record<string, string | undefined>): string | undefined {
  const parsed = monthSchema.safeParse(params.month);
  return parsed.success ? parsed.data : undefined;
}

/**
 * One section's table state from the URL, read leniently (a bad value falls back to the
 * default). Each section's parameters carry its prefix, `t.page`, `a.sort`, ..., so the three
 * tables of the page page and sort on their own.
 */
export function sectionParams<S extends Section>(section: S, params: Record<string, string | undefined>) {
  const { prefix, sortKeys, defaultSort } = sections[section];
  const own = (name: string) => params[`${prefix}.${name}`];
  const schema = z.object({
    search: z.string().trim().max(100).optional().catch(undefined),
    direction: z.enum(flowDirection.enumValues).optional().catch(undefined),
    sort: z.enum(sortKeys as unknown as [SortKeyOf<S>, ...SortKeyOf<S>[]]).catch(defaultSort as SortKeyOf<S>),
    order: z.enum(["asc", "desc"]).optional().catch(undefined),
  });
  const { search, direction, sort, order } = schema.parse({ search: own("q"), direction: own("direction"), sort: own("sort"), order: own("order") });
  // Amounts and totals read best largest first; names A to Z.
  const descending = order ? order === "desc" : ["amount", "total", "count", "occurredAt"].includes(sort);
  const options: FlowOptions<SortKeyOf<S>> = {
    search: search || undefined,
    direction,
    sort: { key: sort, descending },
  };
  return { options, page: parsePage({ page: own("page"), size: own("size") }) };
}
