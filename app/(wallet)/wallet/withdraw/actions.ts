"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { protectedAction } from "@/app/_server/action";
import { viewerTimeZone } from "@/app/_server/time-zone";
import { requestWithdrawal, withdrawalInputSchema } from "@/lib/ledger/provider";
import { formatDateTime } from "@/lib/time";

const withdrawSchema = withdrawalInputSchema.extend({ idempotencyKey: z.uuid() });

/** Asks for a withdrawal, once per idempotency key; answers with the key for the next one. */
export const withdrawAction = protectedAction<typeof withdrawSchema, { nextKey: string }>(
  ["customer"],
  withdrawSchema,
  async ({ idempotencyKey, ...input }, { user, services }) => {
    const holdMinutes = services.config.WITHDRAWAL_HOLD_MINUTES;
    const withdrawal = await requestWithdrawal(services.db, { userId: user.id }, input, idempotencyKey, holdMinutes);
    revalidatePath("/wallet", "layout");
    const until = formatDateTime(new Date(Date.now() + holdMinutes * 60_000), await viewerTimeZone());
    return {
      success: `Withdrawal of ${withdrawal.amount.amount} ${withdrawal.amount.currency} requested. The money is held until the payment provider pays it out, or until ${until}.`,
      data: { nextKey: randomUUID() },
    };
  },
);
