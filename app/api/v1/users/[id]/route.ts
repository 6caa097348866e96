import { z } from "zod";
import { apiRoute, reply } from "@/app/_server/api";
import { deleteUser as remove, readUser, updateUser as update } from "@/lib/api/operations";
import { DomainError } from "@/lib/errors";
import { deleteUser, getUser, updateUser } from "@/lib/users";
import { userJson } from "@/lib/users/json";

const idSchema = z.uuid();
function userId(params: { id: string }): string {
  // An id that isn't a UUID can't name a user.
  if (!idSchema.safeParse(params.id).success) throw new DomainError("NOT_FOUND", "No such user.");
  return params.id;
}

export const GET = apiRoute(readUser, async ({ params, services }) => {
  return reply(200, { user: userJson(await getUser(services.db, userId(params))) });
});

export const PATCH = apiRoute(update, async ({ params, body, actor, services }) => {
  const id = userId(params);
  return reply(200, { user: userJson(await updateUser(services.db, actor, id, body)) });
});

export const DELETE = apiRoute(remove, async ({ params, actor, services }) => {
  await deleteUser(services.db, actor, userId(params));
  return new Response(null, { status: 204 });
});
