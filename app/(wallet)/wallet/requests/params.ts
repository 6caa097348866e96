import { z } from "zod";

const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** The requests page's query, read leniently: each list's page, from 1. */
const requestsParamsSchema = z.object({ incoming: pageNumber, outgoing: pageNumber });
export type RequestsParams = z.infer<typeof requestsParamsSchema>;

export function parseRequestsParams(params: Record<string, string | string[] | undefined>): RequestsParams {
  return requestsParamsSchema.parse(params);
}

/** A link to the requests page with one list moved to another page, the other kept. */
export function requestsHref(params: RequestsParams, change: Partial<RequestsParams>): string {
  const query = new URLSearchParams();
  for (const [list, page] of Object.entries({ ...params, ...change })) if (page > 1) query.set(list, String(page));
  const text = query.toString();
  return text ? `/wallet/requests?${text}` : "/wallet/requests";
}
