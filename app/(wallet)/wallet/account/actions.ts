"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { endCurrentSession } from "@/app/_server/auth";
import { notificationKinds, setEmailOptOuts } from "@/lib/notifications";
import { closeCustomerAccount } from "@/lib/users/close-account";

// A checkbox per kind: sent ("on") when ticked, absent when not.
const emailPreferencesSchema = z.object(Object.fromEntries(notificationKinds.map((kind) => [kind, z.literal("on").optional()])));

export const saveEmailPreferencesAction = protectedAction(["customer"], emailPreferencesSchema, async (input, { user, services }) => {
  await setEmailOptOuts(services.db, user.id, notificationKinds.filter((kind) => input[kind] !== "on"));
  revalidatePath("/wallet/account");
  return { success: "Your email choices are saved." };
});

const closeAccountSchema = z.object({ confirm: z.literal("CLOSE", "Type CLOSE, in capitals, to confirm.") });

/** The customer closes their own account; signed out at once, as every session of theirs has ended. */
export const closeMyAccountAction = protectedAction(["customer"], closeAccountSchema, async (_input, { user, actor, services }) => {
  await closeCustomerAccount(services.db, actor, user.id, null);
  await endCurrentSession();
  return { success: "Your account is closed." };
});
