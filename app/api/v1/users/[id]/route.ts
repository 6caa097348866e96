import { z } from "zod";
import { apiRoute, parseJson } from "@/app/_server/api";
import { DomainError } from "@/lib/errors";
import { deleteUser, getUser, updateUser, userInputSchema } from "@/lib/users";
import { userJson } from "@/lib/users/json";

type Params = { id: string };

const idSchema = z.uuid();
function userId(params: Params): string {
  // An id that isn't a UUID can't name a user.
  if (!idSchema.safeParse(params.id).success) throw new DomainError("NOT_FOUND", "No such user.");
  return params.id;
}

const changesSchema = userInputSchema
  .partial()
  .strict()
  .refine((changes) => Object.keys(changes).length > 0, "Send at least one of name, email, role.");

export const GET = apiRoute<Params>(["admin"], async ({ params, services }) => {
  return Response.json({ user: userJson(await getUser(services.db, userId(params))) });
});

export const PATCH = apiRoute<Params>(["admin"], async ({ request, params, actor, services }) => {
  const id = userId(params);
  const changes = await parseJson(request, changesSchema);
  return Response.json({ user: userJson(await updateUser(services.db, actor, id, changes)) });
});

export const DELETE = apiRoute<Params>(["admin"], async ({ params, actor, services }) => {
  await deleteUser(services.db, actor, userId(params));
  return new Response(null, { status: 204 });
});
