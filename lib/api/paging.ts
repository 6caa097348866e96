import type { Page } from "@/lib/paging";

/** A validated `?page=&size=`, as the list queries take it. */
export const pageIndex = (query: { page: number; size: number }): Page => ({ index: query.page - 1, size: query.size });

/** The list envelope for a page of rows and the count of all of them. */
export function listPage<Item>(rows: Item[], query: { page: number; size: number }, total: number) {
  return { data: rows, page: query.page, size: query.size, total };
}

/**
 * The list envelope for a list that is short by nature (a customer's wallets, the current rates),
 * read whole and paged here so it answers like every other list.
 */
export function pageOf<Item>(all: Item[], query: { page: number; size: number }) {
  const start = (query.page - 1) * query.size;
  return listPage(all.slice(start, start + query.size), query, all.length);
}
