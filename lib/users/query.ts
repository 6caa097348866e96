import { z } from "zod";
import { userRole } from "@/db/schema";
import { parsePage } from "@/lib/paging";
import { userSortKeys, type UserListQuery } from "./index";

const listSchema = z.object({
  search: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(userRole.enumValues).optional().catch(undefined),
  sort: z.enum(userSortKeys).catch("createdAt"),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});

/** Reads the user list's search parameters leniently (the same for the page and the API). */
export function parseUserListParams(params: Record<string, unknown>) {
  const { search, role, sort, order } = listSchema.parse(params);
  const query: UserListQuery = {
    search: search || undefined,
    role,
    sort,
    // Newest first by default; names and emails read best A to Z.
    descending: order ? order === "desc" : sort === "createdAt",
  };
  return { query, page: parsePage(params) };
}
