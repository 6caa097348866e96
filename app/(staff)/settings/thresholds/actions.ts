"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/app/_server/action";
import { thresholdsInputSchema, updateThresholds } from "@/lib/analysis/thresholds";

export const updateThresholdsAction = protectedAction(["admin"], thresholdsInputSchema, async (input, { actor, services }) => {
  const saved = await updateThresholds(services.db, actor, input);
  revalidatePath("/settings/thresholds");
  return { success: `Saved as version ${saved.version}. The analysis uses it from now on.` };
});
