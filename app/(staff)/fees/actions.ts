"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/app/_server/action";
import { feeInputSchema, feeScheduleText, saveFeeSchedule } from "@/lib/ledger/fees";

export const saveFeeScheduleAction = protectedAction(["admin"], feeInputSchema, async ({ currency, schedule }, { actor, services }) => {
  await saveFeeSchedule(services.db, actor, currency, schedule);
  revalidatePath("/fees");
  return { success: `${currency} fee saved: ${feeScheduleText(schedule, currency)}. Transfers from now on pay it.` };
});
