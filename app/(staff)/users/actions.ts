"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { protectedAction, type ActionState } from "@/app/_server/action";
import type { IssuedPassword } from "@/components/issued-password";
import { createUser, deleteUser, resetPassword, updateUser, userInputSchema } from "@/lib/users";


const idSchema = z.object({ id: z.uuid() });

export const createUserAction = protectedAction<typeof userInputSchema, IssuedPassword>(
  ["admin"],
  userInputSchema,
  async (input, { actor, services }) => {
    const issued = await createUser(services.users, actor, input);
    revalidatePath("/users");
    return {
      success: `${issued.user.name} can now sign in.`,
      data: { email: issued.user.email, password: issued.password, emailed: issued.emailed },
    };
  },
);

export const updateUserAction = protectedAction(["admin"], userInputSchema.extend(idSchema.shape), async ({ id, ...changes }, { actor, services }) => {
  await updateUser(services.db, actor, id, changes);
  revalidatePath("/users");
  return { success: "Changes saved." };
});

export const resetPasswordAction = protectedAction<typeof idSchema, IssuedPassword>(["admin"], idSchema, async ({ id }, { actor, services }) => {
  const issued = await resetPassword(services.users, actor, id);
  return {
    success: "A new password was generated. The old one no longer works.",
    data: { email: issued.user.email, password: issued.password, emailed: issued.emailed },
  };
});

export const deleteUserAction = protectedAction(["admin"], idSchema, async ({ id }, { actor, services }): Promise<ActionState> => {
  await deleteUser(services.db, actor, id);
  revalidatePath("/users");
  redirect("/users?deleted=1");
});
