"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { staffRoles } from "@/lib/auth/session";
import { setWalletFrozen } from "@/lib/ledger/wallets";
import { closeCustomerAccount, closeReasonSchema } from "@/lib/users/close-account";

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

const closeCustomerSchema = z.object({ customerId: z.uuid(), reason: closeReasonSchema });

/** Both staff roles may close an account, with a reason the audit log keeps, once its money is gone. */
export const closeCustomerAccountAction = protectedAction(staffRoles, closeCustomerSchema, async ({ customerId, reason }, { actor, services }) => {
  await closeCustomerAccount(services.db, actor, customerId, reason);
  revalidatePath("/customers", "layout");
  return { success: "The account is closed: the customer is signed out everywhere and can no longer sign in." };
});
