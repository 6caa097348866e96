"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { createPersonalToken, personalTokenInputSchema, revokePersonalToken } from "@/lib/auth/tokens";

const everyone = ["admin", "analyst", "customer"] as const;
// The two pages that list tokens: the wallet's and the staff area's.
const tokenPages = ["/wallet/tokens", "/tokens"];

export type CreatedToken = { name: string; token: string };

export const createTokenAction = protectedAction<typeof personalTokenInputSchema, CreatedToken>(
  everyone,
  personalTokenInputSchema,
  async (input, { actor, services }) => {
    const issued = await createPersonalToken(services.db, actor, input);
    for (const page of tokenPages) revalidatePath(page);
    return { success: `Token “${input.name}” created.`, data: { name: input.name, token: issued.token } };
  },
);

export const revokeTokenAction = protectedAction(everyone, z.object({ id: z.string() }), async ({ id }, { actor, services }) => {
  await revokePersonalToken(services.db, actor, id);
  for (const page of tokenPages) revalidatePath(page);
  return { success: "Token revoked: it no longer works." };
});
