import { apiRoute, reply } from "@/app/_server/api";
import { createUser as create, listUsers as list } from "@/lib/api/operations";
import { listPage } from "@/lib/api/paging";
import { createUser, listUsers } from "@/lib/users";
import { userJson } from "@/lib/users/json";
import { parseUserListParams } from "@/lib/users/query";

export const GET = apiRoute(list, async ({ query, services }) => {
  // The query is valid by now; the list page's reader gives it the same defaults as the Users page.
  const { query: listQuery, page } = parseUserListParams(query);
  const { rows, total } = await listUsers(services.db, listQuery, page);
  return reply(200, listPage(rows.map((row) => userJson(row)), query, total));
});

/** Provisions a user; the generated password is in this response only. */
export const POST = apiRoute(create, async ({ body, actor, services }) => {
  const issued = await createUser(services.users, actor, body);
  return reply(201, { user: userJson(issued.user), password: issued.password, emailed: issued.emailed });
});
