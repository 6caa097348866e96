"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { DomainError } from "@/lib/errors";
import { listWallets, openWallet } from "@/lib/ledger/accounts";
import { currencySchema } from "@/lib/money/currency";
import { resendVerificationLink } from "@/lib/users/signup";

const openWalletSchema = z.object({ currency: currencySchema });

export const openWalletAction = protectedAction(["customer"], openWalletSchema, async ({ currency }, { user, services }) => {
  const wallets = await listWallets(services.db, user.id);
  if (wallets.some((wallet) => wallet.currency === currency)) {
    throw new DomainError("VALIDATION_FAILED", `You already have a ${currency} wallet.`, "currency");
  }
  await openWallet(services.db, user.id, currency);
  revalidatePath("/wallet");
  return { success: `Your ${currency} wallet is open.` };
});

export const resendVerificationAction = protectedAction(["customer"], z.object({}), async (_input, { user, services }) => {
  await resendVerificationLink(services.signUp, user.id);
  return { success: `A new link is on its way to ${user.email}.` };
});
