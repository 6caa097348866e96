"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { notificationKinds, setEmailOptOuts } from "@/lib/notifications";

// A checkbox per kind: sent ("on") when ticked, absent when not.
const emailPreferencesSchema = z.object(Object.fromEntries(notificationKinds.map((kind) => [kind, z.literal("on").optional()])));

export const saveEmailPreferencesAction = protectedAction(["customer"], emailPreferencesSchema, async (input, { user, services }) => {
  await setEmailOptOuts(services.db, user.id, notificationKinds.filter((kind) => input[kind] !== "on"));
  revalidatePath("/wallet/account");
  return { success: "Your email choices are saved." };
});
