import { apiRoute, parseJson } from "@/app/_server/api";
import { createUser, listUsers, userInputSchema } from "@/lib/users";
import { userJson } from "@/lib/users/json";
import { parseUserListParams } from "@/lib/users/query";

export const GET = apiRoute(["admin"], async ({ request, services }) => {
  const { query, page } = parseUserListParams(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = await listUsers(services.db, query, page);
  return Response.json({ data: rows.map((row) => userJson(row)), page: page.index + 1, size: page.size, total });
});

/** Provisions a user; the generated password is in this response only. */
export const POST = apiRoute(["admin"], async ({ request, actor, services }) => {
  const input = await parseJson(request, userInputSchema);
  const issued = await createUser(services.users, actor, input);
  return Response.json({ user: userJson(issued.user), password: issued.password, emailed: issued.emailed }, { status: 201 });
});
