"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { staffRoles } from "@/lib/auth/session";
import { setWalletFrozen } from "@/lib/ledger/wallets";

const freezeSchema = z.object({
  walletId: z.uuid(),
  frozen: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** Both staff roles may freeze and unfreeze: stopping a suspicious wallet can't wait for an admin. */
export const setWalletFrozenAction = protectedAction(staffRoles, freezeSchema, async ({ walletId, frozen }, { actor, services }) => {
  await setWalletFrozen(services.db, actor, walletId, frozen);
  revalidatePath("/customers", "layout");
  return { success: frozen ? "Frozen: the wallet can't send or withdraw until it is unfrozen." : "Unfrozen: the wallet can send and withdraw again." };
});
